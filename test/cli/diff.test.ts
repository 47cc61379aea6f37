/**
 * `rivven-gitops diff` end to end, in-process, on a temp git repository holding a copy of the diff
 * fixture fleet with its built out/ committed: an unchanged fleet exits 0; lowering a topic's partitions
 * in environments/prod.ts exits 2 with RG700 pointing at that line, in text and in JSON.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../support/run-cli.js';
import type { DiffJsonV1 } from '../../src/report/diff-json.js';
import { buildKustomization } from '../../src/live/kustomize-lite.js';
import { toYamlDocuments } from '../../src/kustomize/yaml-writer.js';
import { fixturesDir } from '../diff/fixtures.js';
import { compileProject } from '../../src/compile.js';
import { startFakeApiServer } from '../support/fake-apiserver.js';
import { resourcesWithout } from '../support/fake-apiserver-objects.js';

const created: string[] = [];
test.after(() => {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});


function git(root: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.email=test@example.com', '-c', 'user.name=test', '-c', 'commit.gpgsign=false', ...args], { cwd: root, stdio: 'ignore' });
}

const prodFile = 'environments/prod.ts';

/** 1-based line of `text` in the fleet's environments/prod.ts. */
function lineOf(root: string, text: string): number {
  const index = fs.readFileSync(path.join(root, prodFile), 'utf8').split('\n').findIndex((l) => l.includes(text));
  if (index < 0) throw new Error(`"${text}" not in ${prodFile}`);
  return index + 1;
}

/** A temp repository: a commit without out/ (tag `before-build`), then one with the fleet built. */
async function builtFleet(): Promise<string> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rivven-diff-cli-'));
  created.push(root);
  fs.cpSync(path.join(fixturesDir, 'fleet'), root, { recursive: true });
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '.');
  git(root, 'commit', '-q', '-m', 'fleet');
  git(root, 'tag', 'before-build');
  const build = await runCli(['build', '--no-typecheck'], root);
  assert.is(build.code, 0, build.stderr);
  git(root, 'add', '.');
  git(root, 'commit', '-q', '-m', 'build');
  return root;
}

const root = await builtFleet();

test('an unchanged fleet diffs empty against git:HEAD and exits 0', async () => {
  const { code, stdout, stderr } = await runCli(['diff', '--against', 'git:HEAD'], root);
  assert.is(code, 0, stdout + stderr);
  assert.match(stdout, /✔ dev \(namespace shop-dev\) against git:HEAD: no changes \(\d+ objects up to date\)/);
  assert.match(stdout, /✔ prod \(namespace shop-prod\) against git:HEAD: no changes/);
  assert.match(stdout, /✔ argocd \(namespace argocd\) against git:HEAD: no changes/);
});

test('lowering partitions in environments/prod.ts exits 3 (an unacknowledged dangerous change) with RG700 at that line', async () => {
  const file = path.join(root, prodFile);
  const original = fs.readFileSync(file, 'utf8');
  try {
    fs.writeFileSync(file, original.replace('orders: { partitions: 24 }', 'orders: { partitions: 12 }'));
    const line = lineOf(root, 'partitions: 12');
    const text = await runCli(['diff', '--against', 'git:HEAD'], root);
    // 3, not 2: the default --fail-on change tells a dangerous change nobody acknowledged from a harmless one.
    assert.is(text.code, 3, text.stdout + text.stderr);
    assert.match(text.stdout, /✔ dev \(namespace shop-dev\) against git:HEAD: no changes/);
    assert.match(text.stdout, /● prod \(namespace shop-prod\) against git:HEAD: 1 to update; 1 dangerous change/);
    assert.match(text.stdout, new RegExp(`error RG700 Topic "orders" would go from 24 to 12 partitions.*\\n.*at topics\\.orders\\.partitions environments/prod\\.ts:${line}:\\d+`));
    assert.match(text.stdout, /~ update {2}RivvenTopic shop-prod\/orders \[RG700\]\n {6}orders: partitions 24 → 12\n/);
    assert.match(text.stdout, /^ {6}-  partitions: 24\n {6}\+  partitions: 12$/m);
    // Dangers come before the resources.
    assert.ok(text.stdout.indexOf('Dangerous changes') < text.stdout.indexOf('~ update'));

    const json = await runCli(['diff', '--against', 'git:HEAD', '--format', 'json', '--env', 'prod'], root);
    assert.is(json.code, 3, json.stderr);
    const report: DiffJsonV1 = JSON.parse(json.stdout);
    assert.is(report.schemaVersion, 1);
    assert.is(report.status, 'changed');
    assert.equal(report.environments.map((e) => [e.name, e.status, e.counts.update]), [['prod', 'changed', 1]]);
    const prod = report.environments[0];
    assert.equal(prod?.dangers.map((d) => [d.code, d.severity, d.path, d.location?.file, d.location?.line, d.resource]), [
      ['RG700', 'error', 'topics.orders.partitions', prodFile, line, 'rivven.hupe1980.github.io/RivvenTopic/shop-prod/orders'],
    ]);
    assert.equal(prod?.resources.map((r) => [r.action, r.summary, r.dangers, r.fields]), [
      ['update', 'orders: partitions 24 → 12', ['RG700'], [{ path: 'spec.partitions', op: 'change', before: 24, after: 12 }]],
    ]);

    const markdown = await runCli(['diff', '--against', 'git:HEAD', '--format', 'markdown', '--commit', 'abc1234'], root);
    assert.is(markdown.code, 3, markdown.stderr);
    assert.match(markdown.stdout, /^<!-- rivven-gitops:diff v1 .*commit=abc1234 -->/);
    assert.match(markdown.stdout, /RG700/);
    assert.match(markdown.stdout, /<b>orders<\/b>: partitions 24 → 12/);
    assert.match(markdown.stdout, new RegExp(`environments/prod\\.ts:${line}`));
    const parts = await runCli(['diff', '--against', 'git:HEAD', '--format', 'markdown', '--split'], root);
    assert.is(parts.code, 3);
    assert.match(parts.stdout, /part=1\/\d+/);
    assert.is((await runCli(['diff', '--against', 'git:HEAD', '--split'], root)).code, 1);
  } finally {
    fs.writeFileSync(file, original);
  }
});

test('a ref without out/ makes every object a creation', async () => {
  const { code, stdout } = await runCli(['diff', '--against', 'git:before-build', '--env', 'dev', '--format', 'json'], root);
  assert.is(code, 2);
  const report: DiffJsonV1 = JSON.parse(stdout);
  const dev = report.environments[0];
  assert.ok(dev !== undefined && dev.resources.length > 5 && dev.resources.every((r) => r.action === 'create'));
  assert.is(dev?.counts.create, dev?.resources.length);
});

test('a dump of what is deployed (file:PATH) diffs empty too', async () => {
  const files = new Map<string, string>();
  const outDir = path.join(root, 'out');
  const walk = (rel: string): void => {
    for (const entry of fs.readdirSync(path.join(outDir, rel), { withFileTypes: true })) {
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else files.set(child, fs.readFileSync(path.join(outDir, child), 'utf8'));
    }
  };
  walk('');
  const dump = path.join(root, 'dump.yaml');
  fs.writeFileSync(dump, toYamlDocuments(buildKustomization(files, 'overlays/dev')));
  const { code, stdout, stderr } = await runCli(['diff', '--env', 'dev', '--against', 'file:dump.yaml'], root);
  assert.is(code, 0, stdout + stderr);
  assert.match(stdout, /✔ dev \(namespace shop-dev\) against file:dump\.yaml: no changes/);

  // A deployed object nobody renders any more, holding a credential: it shows as a deletion, its secret never.
  const leaked = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'legacy-settings', namespace: 'shop-dev', labels: { 'app.kubernetes.io/managed-by': 'rivven-gitops' } },
    data: { db_password: 'hunter2-LEAKED-value', region: 'eu-west-1' },
  };
  fs.writeFileSync(dump, toYamlDocuments([...buildKustomization(files, 'overlays/dev'), leaked]));
  for (const format of ['text', 'json', 'markdown']) {
    const out = await runCli(['diff', '--env', 'dev', '--against', 'file:dump.yaml', '--format', format], root);
    assert.is(out.code, 2, out.stderr);
    assert.match(out.stdout, /legacy-settings/);
    assert.match(out.stdout, /eu-west-1/);
    assert.not.match(out.stdout + out.stderr, /hunter2-LEAKED-value/, format);
  }
});

test('an environment removed since the ref: all of its objects are deletions, the dangerous ones first', async () => {
  const file = path.join(root, 'environments', 'dev.ts');
  const original = fs.readFileSync(file, 'utf8');
  try {
    fs.rmSync(file);
    const { code, stdout, stderr } = await runCli(['diff', '--against', 'git:HEAD', '--format', 'json'], root);
    assert.is(code, 3, stderr);
    const report: DiffJsonV1 = JSON.parse(stdout);
    const dev = report.environments.find((e) => e.name === 'dev');
    assert.is(dev?.namespace, 'shop-dev');
    assert.ok(dev !== undefined && dev.resources.length > 5 && dev.resources.every((r) => r.action === 'delete'));
    assert.equal([...new Set(dev?.dangers.map((d) => d.code))].sort(), ['RG711', 'RG714']);
    assert.equal(report.environments.find((e) => e.name === 'prod')?.status, 'unchanged');
  } finally {
    fs.writeFileSync(file, original);
  }
});

/** `diff --env prod --against live` against a local API server holding prod as Argo CD would have applied it. */
async function liveDiff(
  setup: (server: Awaited<ReturnType<typeof startFakeApiServer>>) => void,
  options: Parameters<typeof startFakeApiServer>[0] & { readonly skipGroup?: string } = {},
): Promise<{ code: number; report: DiffJsonV1; stderr: string }> {
  const compiled = await compileProject({ root, typecheck: false, environments: ['prod'] });
  const prod = compiled.render.environments.find((e) => e.name === 'prod');
  if (prod === undefined) throw new Error('no prod');
  const server = await startFakeApiServer(options);
  try {
    server.apply(
      prod.objects.filter((o) => options.skipGroup === undefined || !o.apiVersion.startsWith(`${options.skipGroup}/`)),
      { argocdApp: 'shop-prod' },
    );
    setup(server);
    const kubeconfig = server.writeKubeconfig();
    const { code, stdout, stderr } = await runCli(['diff', '--env', 'prod', '--against', 'live', '--kubeconfig', kubeconfig, '--format', 'json'], root);
    return { code, report: JSON.parse(stdout || '{}'), stderr };
  } finally {
    await server.close();
  }
}

test('live: prod as Argo CD applied it (defaults, managedFields, status, server objects) diffs empty', async () => {
  const { code, report, stderr } = await liveDiff(() => undefined);
  assert.is(code, 0, stderr + JSON.stringify(report.environments[0]?.resources.map((r) => [r.id, r.fields]), null, 1));
  const prod = report.environments[0];
  assert.is(prod?.status, 'unchanged');
  assert.ok((prod?.unchanged ?? 0) > 10);
  assert.ok(prod?.ignored.some((i) => i.id === '/ConfigMap/shop-prod/kube-root-ca.crt'));
});

test('live: a kind the credentials may not list is unknown (partial), never "to be created"', async () => {
  const { code, report } = await liveDiff((server) => server.inject({ path: /rivventopics/, status: 403 }));
  assert.is(code, 2);
  const prod = report.environments[0];
  assert.is(prod?.status, 'partial');
  const topics = prod?.resources.filter((r) => r.kind === 'RivvenTopic') ?? [];
  assert.ok(topics.length === 2 && topics.every((r) => r.action === 'unknown'), JSON.stringify(topics.map((t) => t.action)));
  // RG767 (info) says which context was read: prod declares no cluster, so the current one.
  assert.equal(prod?.problems.map((p) => [p.code, p.severity]), [['RG767', 'info'], ['RG758', 'warning']]);
  assert.match(prod?.problems[0]?.message ?? '', /read from context "fake" .*current context/);
  assert.ok(prod?.resources.every((r) => r.kind === 'RivvenTopic'));
});

test('live: Rivven CRDs not installed: the custom resources are creations, and the problem says why', async () => {
  const group = 'rivven.hupe1980.github.io';
  const { code, report } = await liveDiff(() => undefined, { resources: resourcesWithout(group), skipGroup: group });
  assert.is(code, 2);
  const prod = report.environments[0];
  assert.ok(prod?.resources.every((r) => r.group === 'rivven.hupe1980.github.io' && r.action === 'create'));
  const problems = prod?.problems.filter((p) => p.code !== 'RG767') ?? [];
  assert.ok(problems.length > 0 && problems.every((p) => p.code === 'RG759' && p.severity === 'error'));
});

test('usage errors exit 1 with a code', async () => {
  const missing = await runCli(['diff'], root);
  assert.is(missing.code, 1);
  assert.match(missing.stderr, /error RG901 --against is required/);
  const bad = await runCli(['diff', '--against', 'svn:HEAD'], root);
  assert.match(bad.stderr, /error RG901 --against must be git:REF, live or file:PATH, not "svn:HEAD"/);
  const context = await runCli(['diff', '--against', 'git:HEAD', '--context', 'prod'], root);
  assert.match(context.stderr, /--context and --kubeconfig apply to --against live only/);
  const format = await runCli(['diff', '--against', 'git:HEAD', '--format', 'yaml'], root);
  assert.match(format.stderr, /--format must be text, json or markdown/);
  const ref = await runCli(['diff', '--against', 'git:no-such-ref', '--env', 'dev'], root);
  assert.is(ref.code, 1);
  assert.match(ref.stderr, /error RG730/);
});

test.run();
