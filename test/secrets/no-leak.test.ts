/**
 * Secrets are only ever referenced. A fleet with a secret-looking value planted everywhere a user could
 * write one (each a distinct marker, so a leak names its place) is refused with RG327 by every command,
 * and no marker appears in out/, on stdout or stderr (text and JSON), in a real child process's output,
 * in diff output, or in the Markdown of a pull-request comment. A fleet written properly (Secret
 * references) renders no Secret object and no value of one.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compileProject } from '../../src/compile.js';
import { diffEnvironment } from '../../src/diff/diff-environment.js';
import { reportEnvironment } from '../../src/diff/environment-report.js';
import { dumpEnvironmentSource, readDump, scopeOf } from '../../src/live/file-source.js';
import { renderDiffJson } from '../../src/report/diff-json.js';
import { renderDiffMarkdown } from '../../src/report/diff-markdown.js';
import { renderDiffText } from '../../src/report/diff-text.js';
import { createStyle } from '../../src/report/style.js';
import type { K8sObject } from '../../src/render/k8s-object.js';
import { environmentFile, removeTemplate, repoRoot, runChild, runInProcess, snapshotPath, templateFleet } from '../faults/harness.js';

test.after(removeTemplate);

const marker = (n: number) => `hunter2-SECRET-${String(n).padStart(2, '0')}`;

/** prod.ts with a credential in every place a user could paste one. */
const plantedProd = environmentFile(`{
  labels: { 'db-password': '${marker(1)}' },
  cluster: {
    replicas: 5,
    env: [{ name: 'DB_PASSWORD', value: '${marker(2)}' }],
    podAnnotations: { 'example.com/api-token': '${marker(3)}' },
  },
  topics: {
    'orders-events': {
      custom: { 'sasl.password': '${marker(4)}' },
      acls: [{ principal: 'https://app:${marker(5)}@idp.example.com', operations: ['Read'] }],
    },
  },
  connect: {
    'cdc-pipeline': {
      env: [{ name: 'API_TOKEN', value: '${marker(6)}' }],
      sources: {
        api: { config: { password: '${marker(7)}', dsn: 'postgres://app:${marker(8)}@db:5432/orders' } },
      },
      sinks: {
        archive: {
          config: {
            auth: { apiKey: '${marker(9)}' },
            jdbc: 'jdbc:postgresql://db/lake?user=app&password=${marker(10)}',
          },
        },
      },
    },
  },
  backup: { destination: 's3://AKIAEXAMPLE:${marker(11)}@backups/rivven' },
  argocd: { repoURL: 'https://bot:${marker(12)}@github.com/example/shop-fleet.git' },
}`);

/** Credentials pasted where a Secret reference belongs: wrong types, refused with the value hidden. */
const pastedIntoReferences = environmentFile(`{
  cluster: {
    replicas: 5,
    clusterAuthToken: '${marker(13)}',
    auth: { mechanism: 'token', token: '${marker(14)}' },
  },
}`);

const planted = Array.from({ length: 12 }, (_, i) => marker(i + 1));

function leaks(text: string, markers: readonly string[] = [...planted, marker(13), marker(14)]): string[] {
  return markers.filter((m) => text.includes(m));
}

async function fleetWith(prod: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'rivven-secrets-'));
  await cp(await templateFleet(), dir, { recursive: true });
  await writeFile(path.join(dir, 'environments/prod.ts'), prod);
  return dir;
}

async function outText(dir: string): Promise<string> {
  return [...(await snapshotPath(path.join(dir, 'out')))].map(([file, bytes]) => `${file}\n${Buffer.from(bytes === 'directory' ? '' : bytes, 'base64').toString('utf8')}`).join('\n');
}

test('every command refuses the planted credentials with RG327, at each place, and prints none of them', async () => {
  const dir = await fleetWith(plantedProd);
  try {
    const outBefore = await outText(dir);
    assert.equal(leaks(outBefore), [], 'the template out/ holds no marker');
    const commands = [
      ['build'],
      ['build', '--no-typecheck'],
      ['validate'],
      ['validate', '--format', 'json'],
      ['check'],
      ['diff', '--against', 'file:out', '--format', 'text'],
      ['diff', '--against', 'file:out', '--format', 'json'],
    ];
    for (const argv of commands) {
      const run = await runInProcess(argv, dir);
      const output = run.stdout + run.stderr;
      assert.is(run.code, 1, `${argv.join(' ')}: exit 1\n${output}`);
      assert.equal(leaks(output), [], `${argv.join(' ')} printed a credential:\n${output}`);
      assert.match(output, /RG327/, `${argv.join(' ')} names the rule`);
    }
    const json = await runInProcess(['validate', '--format', 'json'], dir);
    const report: { findings: { code: string; path: string; loc?: { file: string; line: number } }[] } = JSON.parse(json.stdout);
    const paths = report.findings.filter((f) => f.code === 'RG327').map((f) => f.path);
    // One finding per planted value (the ACL principal and the URLs by their URL).
    assert.is(new Set(paths).size, planted.length, paths.join('\n'));
    assert.ok(report.findings.filter((f) => f.code === 'RG327').every((f) => f.loc?.file === 'environments/prod.ts'), 'each at its line in prod.ts');

    const child = await runChild(['build'], dir);
    assert.is(child.code, 1);
    assert.equal(leaks(child.stdout + child.stderr), [], `a real process printed a credential:\n${child.stderr}`);
    assert.not.match(child.stderr, /^\s+at .+(:\d+:\d+\)?|\(node:[^)]*\))$/m, 'no stack trace');
    assert.is(await outText(dir), outBefore, 'out/ untouched: no credential was written');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('credentials pasted into Secret references are wrong types, reported without their value', async () => {
  const dir = await fleetWith(pastedIntoReferences);
  try {
    for (const argv of [['build'], ['build', '--no-typecheck'], ['validate', '--format', 'json']]) {
      const run = await runInProcess(argv, dir);
      const output = run.stdout + run.stderr;
      assert.is(run.code, 1, output);
      assert.equal(leaks(output), [], `${argv.join(' ')} printed a credential:\n${output}`);
      assert.match(output, /RG102|RG203/);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('the example fleet only references Secrets: out/ holds no Secret object, and references by name', async () => {
  const texts = [...(await snapshotPath(path.join(repoRoot, 'out')))]
    .filter(([file]) => file.endsWith('.yaml'))
    .map(([, bytes]) => Buffer.from(bytes, 'base64').toString('utf8'));
  assert.ok(texts.length > 20);
  assert.not.ok(texts.some((t) => /^kind: Secret$/m.test(t)), 'no Secret is ever rendered');
  assert.ok(texts.some((t) => /secretName: rivven-client-ca/.test(t)), 'the client CA by Secret name');
  assert.ok(texts.some((t) => /secretKeyRef:\n\s+key: token\n\s+name: rivven-cluster-token/.test(t) || t.includes('rivven-cluster-token')), 'the cluster token by Secret name');
});

/** A dump of what is live: the rendered prod objects, with credentials that someone put there by hand. */
async function liveDumpWithSecrets(dir: string): Promise<string> {
  const compiled = await compileProject({ root: dir, typecheck: false });
  const prod = compiled.render.environments.find((e) => e.name === 'prod');
  assert.ok(prod !== undefined);
  const objects: K8sObject[] = prod.objects.map((o) => structuredClone(o));
  const connect = objects.find((o) => o.kind === 'RivvenConnect');
  assert.ok(connect !== undefined);
  connect.metadata.annotations = {
    ...connect.metadata.annotations,
    'kubectl.kubernetes.io/last-applied-configuration': `{"spec":{"password":"${marker(21)}"}}`,
    'example.com/api-token': marker(22),
  };
  objects.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'api-credentials', namespace: prod.namespace }, stringData: { password: marker(23) }, data: { token: Buffer.from(marker(24)).toString('base64') } });
  const file = path.join(dir, 'live.json');
  await writeFile(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }, null, 2));
  return file;
}

test('diff against a live dump holding credentials (annotations, a Secret) shows none of them, in text, JSON or Markdown', async () => {
  const dir = await fleetWith(await readFile(path.join(await templateFleet(), 'environments/prod.ts'), 'utf8'));
  try {
    const dump = await liveDumpWithSecrets(dir);
    const live = [marker(21), marker(22), marker(23), marker(24), Buffer.from(marker(24)).toString('base64')];
    for (const format of ['text', 'json']) {
      const run = await runInProcess(['diff', '--env', 'prod', '--against', `file:${dump}`, '--format', format], dir);
      assert.ok(run.code === 0 || run.code === 2, run.stdout + run.stderr);
      assert.equal(leaks(run.stdout + run.stderr, live), [], `diff --format ${format} showed a live credential`);
    }
    // The pull-request comment is the Markdown report of the same diff.
    const compiled = await compileProject({ root: dir, typecheck: false });
    const prod = compiled.render.environments.find((e) => e.name === 'prod');
    assert.ok(prod !== undefined);
    const source = dumpEnvironmentSource(await readDump(dump), scopeOf(prod.namespace, prod.objects));
    const diff = diffEnvironment({ name: 'prod', namespace: prod.namespace, rendered: prod.objects, source }, { sourceLabel: 'file:live.json' });
    const report = { against: 'file:live.json', environments: [reportEnvironment(diff, compiled.fleet.environments.find((e) => e.name === 'prod'), source.problems)], problems: [] };
    for (const [format, text] of [['markdown', renderDiffMarkdown(report)], ['text', renderDiffText(report, createStyle(false))], ['json', renderDiffJson(report)]] as const) {
      assert.equal(leaks(text, live), [], `${format} report showed a live credential`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test.run();
