/**
 * `build --watch` as an editor drives it: a real CLI process watching a temporary fleet while files are
 * saved by rename (vim, JetBrains safe write, `sed -i`, `git checkout`), created, deleted, moved into
 * subfolders, and changed in helper modules. Every step waits for out/ to show the change, with a bounded
 * deadline (generous: the machine is shared), and asserts what out/ holds, never how fast it got there.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const deadlineMs = 90_000;

const config = (partitions: number) => `import { defineConfig } from 'rivven-gitops';
export default defineConfig({
  project: 'watched',
  rivvenVersion: '0.0.22',
  target: 'operator',
  // The stock operator of 0.0.22 cannot run a cluster (RG414–RG423 are errors); this test is about
  // watching, and RivvenTopic objects show each save, so it declares a patched operator image.
  operator: { patchedImage: true },
  cluster: { replicas: 1, auth: { enabled: false } },
  topics: { events: { partitions: ${partitions}, replicationFactor: 1 } },
  argocd: { enabled: false },
});
`;

const environment = (name: string, body = '') =>
  `import { defineEnvironment } from 'rivven-gitops';
${body}export default defineEnvironment({ namespace: 'watched-${name}', profile: 'development'${body === '' ? '' : ', cluster: { replicas: zones }'} });
`;

/** Saves like vim or a JetBrains IDE: write a temporary file next to it, then rename it over the original. */
async function saveByRename(file: string, text: string): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.swp~`);
  await writeFile(temporary, text);
  await rename(temporary, file);
}

async function waitFor(what: string, condition: () => Promise<boolean>, child: { output: string; exited?: boolean }): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline && child.exited !== true) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.unreachable(`out/ never showed: ${what}\n--- watch output ---\n${child.output}`);
}

const fileHas = (file: string, pattern: RegExp) => async () => pattern.test(await readFile(file, 'utf8').catch(() => ''));

test('build --watch follows saves by rename, new, deleted and moved environment files, subfolders and helper modules', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'rivven-watch-'));
  let child: ChildProcess | undefined;
  const state: { output: string; exited?: boolean } = { output: '' };
  try {
    await writeFile(path.join(dir, 'rivven.config.ts'), config(3));
    await mkdir(path.join(dir, 'environments'));
    await writeFile(path.join(dir, 'environments/_zones.ts'), 'export const zones = 1;\n');
    await writeFile(path.join(dir, 'environments/dev.ts'), environment('dev', "import { zones } from './_zones.js';\n"));
    // tsx resolved from this checkout: the fleet's own directory has no node_modules.
    const tsx = pathToFileURL(path.join(repoRoot, 'node_modules/tsx/dist/loader.mjs')).href;
    child = spawn(process.execPath, ['--import', tsx, path.join(here, 'cli-child.ts'), 'build', '--watch', '--no-typecheck'], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.once('exit', () => (state.exited = true));
    child.stdout?.on('data', (d) => (state.output += d));
    child.stderr?.on('data', (d) => (state.output += d));
    const out = (file: string) => path.join(dir, 'out', file);
    const topic = out('base/rivventopic-events.yaml');
    await waitFor('the first build', async () => /watching/.test(state.output) && existsSync(topic), state);
    assert.match(await readFile(topic, 'utf8'), /partitions: 3/);

    // The bug: the first rename-save was seen, every later one was not.
    for (const partitions of [4, 5, 6]) {
      await saveByRename(path.join(dir, 'rivven.config.ts'), config(partitions));
      await waitFor(`partitions ${partitions} after saving rivven.config.ts by rename`, fileHas(topic, new RegExp(`partitions: ${partitions}\\b`)), state);
    }
    // A helper module imported by an environment file, saved by rename twice.
    const clusterFile = async () => {
      const files = (await readdir(out('.'), { recursive: true }).catch(() => [])).filter((f) => /rivvencluster-[^/]*\.yaml$/.test(f));
      return (await Promise.all(files.map((f) => readFile(out(f), 'utf8').catch(() => '')))).join('\n');
    };
    for (const zones of [2, 3]) {
      await saveByRename(path.join(dir, 'environments/_zones.ts'), `export const zones = ${zones};\n`);
      await waitFor(`replicas ${zones} from the helper module`, async () => new RegExp(`replicas: ${zones}\\b`).test(await clusterFile()), state);
    }
    // A new environment file, then a deleted one.
    await saveByRename(path.join(dir, 'environments/qa.ts'), environment('qa'));
    await waitFor('overlays/qa after adding environments/qa.ts', async () => existsSync(out('overlays/qa/kustomization.yaml')), state);
    await unlink(path.join(dir, 'environments/qa.ts'));
    await waitFor('overlays/qa gone after deleting environments/qa.ts', async () => !existsSync(out('overlays/qa')), state);
    // A new subfolder with a file in it (created before anyone could watch the folder), then an edit there.
    await mkdir(path.join(dir, 'environments/eu'));
    await writeFile(path.join(dir, 'environments/eu/prod.ts'), environment('eu-prod'));
    await waitFor('overlays/eu-prod after adding environments/eu/prod.ts', async () => existsSync(out('overlays/eu-prod/kustomization.yaml')), state);
    await saveByRename(path.join(dir, 'environments/eu/prod.ts'), environment('eu-prod').replace("'watched-eu-prod'", "'watched-europe'"));
    await waitFor('namespace watched-europe after saving environments/eu/prod.ts by rename', fileHas(out('overlays/eu-prod/kustomization.yaml'), /namespace: watched-europe/), state);
    // `git checkout` replaces the whole folder's files; removing the folder removes the environment.
    await rm(path.join(dir, 'environments/eu'), { recursive: true });
    await waitFor('overlays/eu-prod gone after removing environments/eu/', async () => !existsSync(out('overlays/eu-prod')), state);

    // A burst of saves is one rebuild (or a few), not one per save, and ends with the last content.
    const before = (state.output.match(/✔ built/g) ?? []).length;
    for (let partitions = 10; partitions < 30; partitions += 1) await saveByRename(path.join(dir, 'rivven.config.ts'), config(partitions));
    await waitFor('partitions 29 after a burst of 20 saves', fileHas(topic, /partitions: 29\b/), state);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const builds = (state.output.match(/✔ built/g) ?? []).length - before;
    assert.ok(builds >= 1 && builds <= 5, `${builds} rebuilds for a burst of 20 saves:\n${state.output}`);
    assert.not.match(state.output, /internal error/);
  } finally {
    child?.kill('SIGINT');
    if (child !== undefined && child.exitCode === null) {
      await Promise.race([new Promise((resolve) => child?.once('exit', resolve)), new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    await rm(dir, { recursive: true, force: true });
  }
});

test.run();
