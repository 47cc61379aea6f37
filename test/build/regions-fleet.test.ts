/**
 * A fleet across clusters and regions (test/fixtures/fleets/regions and regions-appset): dev and
 * staging on one cluster, production in two regions on two clusters, both in namespace rivven-prod.
 * What a user notices: it builds; the same namespace twice on one cluster fails pointing at both
 * files; out/argocd and out/argocd-root build with `kubectl kustomize` and pass the Argo CD schemas;
 * the ApplicationSet variant's out/argocd is the golden one.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cp, mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileProject, type CompiledFleet } from '../../src/compile.js';
import { UserError } from '../../src/errors/diagnostic.js';
import { emitTree } from '../../src/emit/emit-tree.js';
import { validateAll } from '../support/k8s-schema.js';
import { assertSameObjects, kubectlTest, kustomizeBuild } from '../support/kubectl.js';
import type { K8sObject } from '../../src/render/k8s-object.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixtures = path.join(repoRoot, 'test/fixtures/fleets');
const regions = path.join(fixtures, 'regions');
const appset = path.join(fixtures, 'regions-appset');
const golden = path.join(fixtures, 'regions-appset.golden');

const compiled = new Map<string, CompiledFleet>();
async function compile(root: string): Promise<CompiledFleet> {
  const known = compiled.get(root);
  if (known) return known;
  const result = await compileProject({ root, typecheck: false });
  compiled.set(root, result);
  return result;
}

async function inCopyOf<T>(root: string, run: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), 'rivven-regions-'));
  try {
    await cp(root, dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}out`) });
    return await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const spec = (o: K8sObject | undefined): Record<string, unknown> => (o?.['spec'] ?? {}) as Record<string, unknown>;
const app = (c: CompiledFleet, name: string) => c.render.argocd.find((o) => o.kind === 'Application' && o.metadata.name === name);

test('two production regions in one namespace on two clusters build, each Application aimed at its cluster', async () => {
  const c = await compile(regions);
  assert.equal(c.fleet.environments.map((e) => [e.name, e.config.namespace, e.kubeCluster.id]), [
    ['dev', 'rivven-dev', 'nonprod-eu-1'],
    ['prod-eu', 'rivven-prod', 'prod-eu-1'],
    ['prod-us', 'rivven-prod', 'prod-us-1'],
    ['staging', 'rivven-staging', 'nonprod-eu-1'],
  ]);
  assert.equal(spec(app(c, 'rivven-prod-eu'))['destination'], { server: 'https://prod-eu-1.k8s.example.com:6443', namespace: 'rivven-prod' });
  assert.equal(spec(app(c, 'rivven-prod-us'))['destination'], { name: 'prod-us-1', namespace: 'rivven-prod' });
});

test('production does not auto-prune by default; dev and staging do', async () => {
  const c = await compile(regions);
  const prune = (name: string) => (spec(app(c, name))['syncPolicy'] as { automated?: { prune?: boolean } }).automated?.prune;
  assert.equal(['rivven-dev', 'rivven-staging', 'rivven-prod-eu', 'rivven-prod-us'].map(prune), [true, true, false, false]);
});

test('the same namespace twice on one cluster fails, pointing at both environment files', async () => {
  await inCopyOf(regions, async (dir) => {
    const us = path.join(dir, 'environments/prod/us.ts');
    await writeFile(us, (await readFile(us, 'utf8')).replace("kubeCluster: 'prod-us-1'", "kubeCluster: 'prod-eu-1'"));
    const error = await compileProject({ root: dir, typecheck: false }).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.instance(error, UserError);
    const rg324 = (error as UserError).findings.filter((f) => f.code === 'RG324');
    assert.equal(rg324.map((f) => `${f.loc?.file}:${f.loc?.line}`), ['environments/prod/eu.ts:6', 'environments/prod/us.ts:6']);
    assert.equal(rg324.map((f) => f.related?.map((r) => r.loc?.file)), [['environments/prod/us.ts'], ['environments/prod/eu.ts']]);
    assert.match(rg324[0]?.message ?? '', /on cluster 'prod-eu-1'/);
  });
});

test('an unknown cluster fails at the line naming it, with did-you-mean', async () => {
  await inCopyOf(regions, async (dir) => {
    const us = path.join(dir, 'environments/prod/us.ts');
    await writeFile(us, (await readFile(us, 'utf8')).replace("kubeCluster: 'prod-us-1'", "kubeCluster: 'prod-us1'"));
    const error = await compileProject({ root: dir, typecheck: false }).then(() => undefined, (e: unknown) => e);
    assert.instance(error, UserError);
    const f = (error as UserError).findings.find((x) => x.code === 'RG220');
    assert.equal([f?.loc?.file, f?.loc?.line, f?.hint], ['environments/prod/us.ts', 5, "Did you mean 'prod-us-1'?"]);
  });
});

test('every Argo CD object (root Application, AppProject, Applications, ApplicationSet) passes the Argo CD schemas', async () => {
  for (const root of [regions, appset]) {
    const c = await compile(root);
    const objects = [...c.render.argocd, ...(c.render.argocdRoot ?? [])];
    assert.ok(objects.length > 0);
    assert.equal(validateAll(objects), []);
  }
});

test('the Argo CD schema check is real: a broken ApplicationSet is refused', async () => {
  const c = await compile(appset);
  const set = c.render.argocd.find((o) => o.kind === 'ApplicationSet');
  assert.ok(set);
  const broken = { ...set, spec: { ...spec(set), strategy: { type: 'RollingSync', rollingSync: { steps: 'eu-first' } } } };
  assert.ok(validateAll([broken]).length > 0);
});

kubectlTest(test, 'kubectl kustomize builds out/argocd and out/argocd-root (app-of-apps) and out/argocd (applicationset)', async () => {
  for (const root of [regions, appset]) {
    const c = await compile(root);
    const dir = await mkdtemp(path.join(tmpdir(), 'rivven-regions-out-'));
    try {
      await emitTree(dir, c.tree);
      assertSameObjects(await kustomizeBuild(path.join(dir, 'argocd')), c.render.argocd, `${path.basename(root)} argocd`);
      if (root === regions) {
        const rootApps = await kustomizeBuild(path.join(dir, 'argocd-root'));
        assertSameObjects(rootApps, c.render.argocdRoot ?? [], 'argocd-root');
        assert.equal(spec(rootApps[0])['source'], { repoURL: 'https://github.com/example/rivven-fleet.git', targetRevision: 'main', path: 'out/argocd' });
      } else {
        assert.not.ok(existsSync(path.join(dir, 'argocd-root')));
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
});

test('applicationset: one ApplicationSet instead of the environment Applications; golden out/argocd', async () => {
  const c = await compile(appset);
  assert.equal(c.render.argocd.map((o) => `${o.kind}/${o.metadata.name}`), ['AppProject/rivven', 'ApplicationSet/rivven']);
  const files = [...c.tree.entries()].filter(([file]) => file.startsWith('argocd/'));
  if (process.env['UPDATE'] === '1') {
    await rm(golden, { recursive: true, force: true });
    for (const [file, text] of files) {
      await mkdir(path.dirname(path.join(golden, file)), { recursive: true });
      await writeFile(path.join(golden, file), text);
    }
  }
  for (const [file, text] of files) {
    const expected = existsSync(path.join(golden, file)) ? await readFile(path.join(golden, file), 'utf8') : `(missing ${file}: run with UPDATE=1)`;
    assert.fixture(text, expected, file);
  }
});

test('applicationset with RollingSync: generated Applications carry region and profile labels and no automated sync', async () => {
  const c = await compile(appset);
  const set = spec(c.render.argocd.find((o) => o.kind === 'ApplicationSet'));
  const patch = String(set['templatePatch']);
  assert.match(patch, /region: '\{\{ \.region \}\}'/);
  assert.match(patch, /profile: '\{\{ \.profile \}\}'/);
  const elements = ((set['generators'] as { list: { elements: Record<string, string>[] } }[])[0]?.list.elements ?? []);
  assert.equal(elements.map((e) => [e['env'], e['region'], JSON.parse(e['syncPolicy'] ?? '{}').automated]), [
    ['dev', 'eu', undefined],
    ['prod-eu', 'eu', undefined],
    ['prod-us', 'us', undefined],
    ['staging', 'eu', undefined],
  ]);
});

test.run();
