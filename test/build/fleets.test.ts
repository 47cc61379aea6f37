/**
 * Whole fleets through the whole pipeline: the repository's example fleet and every fixture fleet. What
 * a user notices: `kubectl kustomize out/overlays/<env>` gives exactly the objects rendered for <env>
 * (both layouts), every Rivven object fits the real CRD schema, every built-in object fits the
 * Kubernetes schema, and two builds give the same bytes.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileProject, type CompiledFleet } from '../../src/compile.js';
import { emitTree } from '../../src/emit/emit-tree.js';
import { layoutFleet } from '../../src/kustomize/layout-fleet.js';
import { validateAgainstCrd } from '../support/crd-schema.js';
import { operatorViewProblems } from '../../src/facts/operator-view.js';
import { validateBuiltin } from '../support/k8s-schema.js';
import { assertSameObjects, kubectlTest, kustomizeBuild } from '../support/kubectl.js';
import { rivvenGroup } from '../../src/core/rivven.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fleets: Record<string, { root: string; policy: boolean }> = {
  example: { root: repoRoot, policy: true },
  'manifests-target': { root: path.join(repoRoot, 'test/fixtures/fleets/manifests-target'), policy: true },
  'diff-fleet': { root: path.join(repoRoot, 'test/fixtures/diff/fleet'), policy: true },
  // Two production regions in one namespace on two clusters (README, "Fleets across clusters and regions").
  regions: { root: path.join(repoRoot, 'test/fixtures/fleets/regions'), policy: true },
  // A prod that fails the checklist still renders; policy is not what this test is about.
  'weak-prod': { root: path.join(repoRoot, 'test/fixtures/check/weak-prod'), policy: false },
};

const compiled = new Map<string, CompiledFleet>();
async function compile(name: string): Promise<CompiledFleet> {
  const cached = compiled.get(name);
  if (cached) return cached;
  const fleet = fleets[name];
  if (!fleet) throw new Error(`no fleet ${name}`);
  const result = await compileProject({ root: fleet.root, typecheck: false, policy: fleet.policy });
  compiled.set(name, result);
  return result;
}

async function inTempDir<T>(run: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), 'rivven-fleet-'));
  try {
    return await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function compiledSchemas(c: CompiledFleet): Map<string, 'deploy-yaml' | 'print-crd' | 'patched'> {
  return new Map(c.fleet.environments.map((e) => [e.name, e.config.operator.crds.schema]));
}

for (const name of Object.keys(fleets)) {
  test(`${name}: every Rivven object validates against the real CRD schema, every other against Kubernetes`, async () => {
    const { render } = await compile(name);
    const problems: string[] = [];
    for (const env of render.environments) {
      // With CRDs other than the deploy YAML, a RivvenCluster is held to what the operator reads instead.
      const schema = compiledSchemas(await compile(name)).get(env.name) ?? 'deploy-yaml';
      for (const obj of env.objects) {
        const isRivven = obj.apiVersion.startsWith(`${rivvenGroup}/`);
        const operatorView = isRivven && obj.kind === 'RivvenCluster' && schema !== 'deploy-yaml';
        const found = operatorView ? operatorViewProblems(obj.kind, (obj['spec'] ?? {}) as Record<string, unknown>, schema) : isRivven ? validateAgainstCrd(obj) : obj.apiVersion.startsWith('velero.io/') || obj.apiVersion.startsWith('snapshot.storage.k8s.io/') ? [] : validateBuiltin(obj);
        problems.push(...found.map((p) => `${env.name} ${obj.kind}/${obj.metadata.name}: ${p}`));
      }
    }
    for (const obj of render.argocd) problems.push(...validateBuiltin(obj).map((p) => `argocd ${obj.kind}/${obj.metadata.name}: ${p}`));
    assert.equal(problems, []);
  });

  for (const layout of ['overlays', 'flat'] as const) {
    kubectlTest(test, `${name}: kubectl kustomize of each ${layout} overlay yields exactly the rendered objects`, async () => {
      const { render } = await compile(name);
      const tree = layoutFleet(render, { layout });
      await inTempDir(async (dir) => {
        await emitTree(dir, tree);
        const built = await Promise.all(render.environments.map((env) => kustomizeBuild(path.join(dir, 'overlays', env.name))));
        render.environments.forEach((env, i) => {
          const foreign = env.objects.filter((o) => o.metadata.namespace !== undefined && o.metadata.namespace !== env.namespace);
          // Objects living in another namespace (a Velero Schedule) are synced from other-namespaces/<env>
          // in the overlays layout; the flat layout keeps them in the overlay untouched.
          const expected = layout === 'flat' ? env.objects : env.objects.filter((o) => !foreign.includes(o));
          assertSameObjects(built[i] ?? [], expected, `${name}/${env.name} (${layout})`);
        });
        if (layout === 'overlays') {
          for (const env of render.environments) {
            const foreign = env.objects.filter((o) => o.metadata.namespace !== undefined && o.metadata.namespace !== env.namespace);
            if (foreign.length === 0) continue;
            assertSameObjects(await kustomizeBuild(path.join(dir, 'other-namespaces', env.name)), foreign, `${name}/${env.name} other namespaces`);
          }
        }
      });
    });
  }

  test(`${name}: two builds give the same bytes`, async () => {
    const fleet = fleets[name];
    if (!fleet) throw new Error(name);
    const again = await compileProject({ root: fleet.root, typecheck: false, policy: fleet.policy });
    const first = await compile(name);
    assert.equal([...again.tree.entries()], [...first.tree.entries()]);
  });
}

test('the manifests-target fleet and the example render brokers as a StatefulSet, the diff fleet as a RivvenCluster', async () => {
  const manifests = await compile('manifests-target');
  const example = await compile('diff-fleet');
  const kinds = (c: CompiledFleet) => new Set(c.render.environments.flatMap((e) => e.objects.map((o) => o.kind)));
  assert.ok(kinds(manifests).has('StatefulSet'));
  assert.not.ok(kinds(manifests).has('RivvenCluster'));
  assert.ok(kinds(manifests).has('HorizontalPodAutoscaler'));
  assert.ok(kinds(example).has('RivvenCluster'));
  assert.not.ok(kinds(example).has('StatefulSet'));
});

test.run();
