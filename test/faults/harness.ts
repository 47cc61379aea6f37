/**
 * The bad-input corpus runner. Every case starts from the same small, valid fleet whose out/ was
 * built once (the template), changes a few files (generated here, never stored under test/ as .ts
 * files: the repository's `tsc -p .` would type-check them), runs the CLI as a user would — in-process
 * through `main`, or as a real `node src/cli/run.ts` child process, optionally as user `nobody` — and
 * checks what every bad input must give: a catalogued error code (at file:line:col when a file is at
 * fault), exit code 1, no stack trace, and out/ byte-identical with nothing left beside it.
 */
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { chmod, cp, lstat, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';
import { catalog } from '../../src/errors/catalog.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** How a case runs the CLI. */
export type Runner = 'in-process' | 'child' | 'nobody';

export interface FaultCase {
  /** Stable, kebab-case; the README lists cases by it. */
  readonly id: string;
  /** README section. */
  readonly group: string;
  /** What is wrong, in a few words. */
  readonly title: string;
  /** Files to write over the template fleet (project-relative); null deletes. */
  readonly files?: Readonly<Record<string, string | null>>;
  /** Anything else to prepare, given the fleet directory (and its parent, which is private to the case). */
  readonly setup?: (fleet: string, parent: string) => Promise<void>;
  /** @default ['build'] */
  readonly argv?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** @default 'in-process' */
  readonly runner?: Runner;
  /** The code the CLI must report. */
  readonly code: string;
  /** Where: a file of `files` and a text in it (its first occurrence is the position), or a file alone. */
  readonly at?: { readonly file: string; readonly needle?: string };
  /** Why the case cannot run yet (the command does not exist); the README lists it as pending. */
  readonly pending?: string;
}

export const environmentHeader = "import { defineEnvironment } from 'rivven-gitops';\n\n";

/** An environment file exporting `body` (an object literal, as written). */
export function environmentFile(body: string): string {
  return `${environmentHeader}export default defineEnvironment(${body});\n`;
}

export const baseConfig = `import { defineConfig } from 'rivven-gitops';

export default defineConfig({
  project: 'shop',
  cluster: {
    replicas: 3,
    storage: { size: '20Gi' },
    clusterAuthToken: { secretName: 'rivven-cluster-token', key: 'token' },
    auth: { mechanism: 'scram', scram: { existingSecret: 'rivven-users' } },
  },
  topics: {
    'orders-events': { partitions: 6, replicationFactor: 3, retention: '7d' },
    'cdc.events': { partitions: 3, replicationFactor: 3 },
  },
  connect: {
    'cdc-pipeline': {
      sources: {
        api: { connector: 'http', topic: 'cdc.events', configSecretRef: 'api-credentials', config: { url: 'https://api.example.com/events' } },
      },
      sinks: {
        archive: { connector: 's3', topics: ['cdc.*'], consumerGroup: 'archiver', configSecretRef: 's3-credentials', config: { bucket: 'lake' } },
      },
    },
  },
  backup: { schedule: '0 2 * * *' },
  // An operator-target fleet builds only with an operator and CRDs that fix 0.0.22's defects (RG414–RG423).
  operator: { patchedImage: true, crds: { schema: 'patched' } },
  argocd: { repoURL: 'https://github.com/example/shop-fleet.git' },
});
`;

/** The base with `from` replaced by `to` (the text must be there: a silent no-op would test nothing). */
export function baseWith(from: string, to: string): string {
  if (!baseConfig.includes(from)) throw new Error(`the template base has no ${JSON.stringify(from)}`);
  return baseConfig.replace(from, to);
}

export const templateFiles: Readonly<Record<string, string>> = {
  'rivven.config.ts': baseConfig,
  'environments/dev.ts': environmentFile("{ cluster: { replicas: 1 }, topics: { 'orders-events': { replicationFactor: 1 }, 'cdc.events': { replicationFactor: 1 } } }"),
  'environments/prod.ts': environmentFile("{ cluster: { replicas: 5 }, topics: { 'orders-events': { partitions: 12 } } }"),
};

async function writeFiles(dir: string, files: Readonly<Record<string, string | null>>): Promise<void> {
  for (const [file, text] of Object.entries(files)) {
    const target = path.join(dir, file);
    if (text === null) {
      await rm(target, { force: true });
      continue;
    }
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, text);
  }
}

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runInProcess(argv: readonly string[], cwd: string, env: Readonly<Record<string, string>> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { cwd, env: { NO_COLOR: '1', ...env }, isTTY: false, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

function sourceTypes(): Record<string, string> {
  const file = process.env['RIVVEN_GITOPS_SOURCE_TYPES'];
  return file !== undefined && file !== '' ? { RIVVEN_GITOPS_SOURCE_TYPES: file } : {};
}

/** `node --import tsx src/cli/run.ts <argv> --root <fleet>` from the repository, as `nobody` if asked. */
export function runChild(argv: readonly string[], fleet: string, options: { nobody?: boolean; env?: Readonly<Record<string, string>> } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', ...argv, '--root', fleet], {
      cwd: repoRoot,
      // Only PATH from the test's environment, and the printed source types the runner names (the
      // in-process runs check against them too).
      env: { PATH: process.env['PATH'] ?? '', ...sourceTypes(), NO_COLOR: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.nobody ? { uid: 65534, gid: 65534 } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Bytes of everything at `target` (a directory tree, a file, or nothing), keyed by relative path. */
export async function snapshotPath(target: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  async function walk(current: string, rel: string): Promise<void> {
    let stats;
    try {
      stats = await lstat(current);
    } catch {
      return;
    }
    if (stats.isDirectory()) {
      out.set(`${rel}/`, 'directory');
      for (const entry of (await readdir(current)).sort()) await walk(path.join(current, entry), `${rel}/${entry}`);
    } else {
      out.set(rel, (await readFile(current)).toString('base64'));
    }
  }
  await walk(target, '.');
  return out;
}

/** rivven-gitops' own bookkeeping next to out/ (staging, backup, lock), by name. */
async function besideOut(fleet: string): Promise<string[]> {
  return (await readdir(fleet)).filter((name) => name.startsWith('.out.')).sort();
}

let template: Promise<string> | undefined;

/** The valid template fleet with its out/ built once per process. */
export function templateFleet(): Promise<string> {
  template ??= (async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'rivven-faults-template-'));
    await writeFiles(dir, templateFiles);
    const built = await runInProcess(['build'], dir);
    if (built.code !== 0) throw new Error(`the template fleet does not build:\n${built.stdout}${built.stderr}`);
    return dir;
  })();
  return template;
}

export async function removeTemplate(): Promise<void> {
  if (template !== undefined) await rm(await template, { recursive: true, force: true });
}

/** line:column (1-based) of the first occurrence of `needle` in `text`. */
export function positionOf(text: string, needle: string): string {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`needle ${JSON.stringify(needle)} not found`);
  const before = text.slice(0, index).split('\n');
  return `${before.length}:${(before[before.length - 1]?.length ?? 0) + 1}`;
}

/** The location a case expects, as the CLI prints it (`file:line:col`, or the file alone). */
export function expectedLocation(c: FaultCase): string | undefined {
  if (c.at === undefined) return undefined;
  if (c.at.needle === undefined) return c.at.file;
  const text = c.files?.[c.at.file];
  if (typeof text !== 'string') throw new Error(`${c.id}: ${c.at.file} is not written by the case`);
  return `${c.at.file}:${positionOf(text, c.at.needle)}`;
}

export interface Outcome {
  readonly run: CliRun;
  readonly outBefore: Map<string, string>;
  readonly outAfter: Map<string, string>;
  readonly besideBefore: readonly string[];
  readonly besideAfter: readonly string[];
}

export async function runCase(c: FaultCase): Promise<Outcome> {
  const parent = await mkdtemp(path.join(tmpdir(), `rivven-fault-${c.id.slice(0, 40)}-`));
  const fleet = path.join(parent, 'fleet');
  try {
    await cp(await templateFleet(), fleet, { recursive: true });
    await writeFiles(fleet, c.files ?? {});
    await c.setup?.(fleet, parent);
    const out = path.join(fleet, 'out');
    const outBefore = await snapshotPath(out);
    const besideBefore = await besideOut(fleet);
    const argv = c.argv ?? ['build'];
    const runner = c.runner ?? 'in-process';
    const run = runner === 'in-process' ? await runInProcess(argv, fleet, c.env) : await runChild(argv, fleet, { nobody: runner === 'nobody', ...(c.env ? { env: c.env } : {}) });
    return { run, outBefore, outAfter: await snapshotPath(out), besideBefore, besideAfter: await besideOut(fleet) };
  } finally {
    // A case may have taken permissions away; give them back so the directory can be removed.
    await chmod(parent, 0o700).catch(() => undefined);
    await chmod(fleet, 0o755).catch(() => undefined);
    await rm(parent, { recursive: true, force: true });
  }
}

/** Everything a bad input must give (see the module comment). */
export function assertOutcome(c: FaultCase, outcome: Outcome): void {
  const { run } = outcome;
  const output = `${run.stdout}${run.stderr}`;
  const context = `${c.id}:\n${output}`;
  assert.is(run.code, 1, `${c.id}: exit code\n${output}`);
  assert.ok(new RegExp(`\\berror ${c.code}\\b`).test(output), `expected error ${c.code}: ${context}`);
  const location = expectedLocation(c);
  if (location !== undefined && c.at?.needle !== undefined) {
    assert.ok(output.includes(`${location} error ${c.code}`), `expected "${location} error ${c.code}": ${context}`);
    // The code frame shows that line of the user's file (of the project given by --root, not the cwd).
    const line = location.split(':')[1];
    const framed = output.split('\n').filter((l) => new RegExp(`^> +${line} \\| `).test(l));
    const shown = c.at.needle.split('\n')[0] ?? '';
    assert.ok(framed.some((l) => l.includes(shown)), `expected a code frame of line ${line} showing ${shown}: ${context}`);
  } else if (location !== undefined) {
    const line = output.split('\n').find((l) => l.includes(`error ${c.code}`));
    assert.ok(line?.includes(location), `expected ${location} on the ${c.code} line: ${context}`);
  }
  for (const [, code] of output.matchAll(/\b(?:error|warning|info) (RG\d{3})\b/g)) {
    assert.ok(code !== undefined && Object.prototype.hasOwnProperty.call(catalog, code), `${code} is not in the catalog: ${context}`);
  }
  assert.not.match(output, /^\s+at .+(:\d+:\d+\)?|\(node:[^)]*\))$/m, `a stack trace reached the user: ${context}`);
  assert.not.match(output, /internal error/i, `an internal error: ${context}`);
  assert.equal([...outcome.outAfter.keys()], [...outcome.outBefore.keys()], `${c.id}: out/ has the same entries`);
  assert.ok([...outcome.outBefore].every(([file, bytes]) => outcome.outAfter.get(file) === bytes), `${c.id}: out/ is byte-identical`);
  assert.equal(outcome.besideAfter, outcome.besideBefore, `${c.id}: nothing left beside out/`);
}

/** Makes the fleet readable (and nothing writable) for `nobody`. */
export async function openToNobody(fleet: string, parent: string): Promise<void> {
  await chmod(parent, 0o755);
  await chmod(fleet, 0o755);
}
