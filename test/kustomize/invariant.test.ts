/**
 * THE invariant: `kubectl kustomize` of what the layout writes yields exactly the objects rendered for
 * each environment (as a set, deep-equal). Checked with the real kustomize embedded in kubectl, on a
 * hand-built fleet and on random fleets.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { layoutFleet } from '../../src/kustomize/layout-fleet.js';
import type { FleetRender, Layout } from '../../src/kustomize/types.js';
import { survivesNamespaceTransform } from '../../src/kustomize/scope.js';
import { assertSameObjects, kubectlTest, kustomizeBuild } from '../support/kubectl.js';
import { fixtureFleet, writeTree } from './fleet-fixture.js';
import { randomFleet } from './random-fleet.js';

async function withTree<T>(fleet: FleetRender, layout: Layout, run: (dir: string, tree: Map<string, string>) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), 'rivven-kustomize-'));
  try {
    const tree = layoutFleet(fleet, { layout });
    await writeTree(dir, tree);
    return await run(dir, tree);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Builds every environment (in parallel) and asserts the invariant for it. */
async function assertInvariant(fleet: FleetRender, layout: Layout): Promise<Map<string, string>> {
  return withTree(fleet, layout, async (dir, tree) => {
    await Promise.all(
      fleet.environments.map(async (env) => {
        const overlay = await kustomizeBuild(path.join(dir, 'overlays', env.name));
        const otherDir = `other-namespaces/${env.name}`;
        const other = tree.has(`${otherDir}/kustomization.yaml`) ? await kustomizeBuild(path.join(dir, otherDir)) : [];
        assertSameObjects([...overlay, ...other], env.objects, `${layout}: ${env.name}`);
        if (layout === 'flat') assert.is(other.length, 0, 'flat layout has no other-namespaces/');
        else assertSameObjects(overlay, env.objects.filter((o) => survivesNamespaceTransform(o, env.namespace)), `${env.name}: overlay alone`);
      }),
    );
    return tree;
  });
}

kubectlTest(test, 'overlays: kubectl kustomize reproduces every environment of the hand-built fleet', async () => {
  const tree = await assertInvariant(fixtureFleet(), 'overlays');
  // The fleet is built so that every mechanism is exercised; make sure none was bypassed.
  const paths = [...tree.keys()];
  assert.ok(paths.some((p) => p.startsWith('base/rivvencluster-')), 'RivvenCluster shared through base');
  assert.ok(paths.includes('overlays/prod/patches/rivvencluster-main.yaml'), 'replicas patched in prod');
  assert.ok(paths.includes('overlays/prod/patches/rivventopic-orders.yaml'), 'partitions patched in prod');
  assert.not.ok(paths.includes('overlays/prod/patches/rivventopic-orders-dlq.yaml'), 'orders-dlq shared untouched');
  assert.ok(paths.includes('overlays/staging/patches/rolebinding-rivven-operator.yaml'), 'subject namespace patched');
  assert.ok(paths.includes('overlays/dev/clusterrole-rivven-operator-dev.yaml'), 'per-env ClusterRole in the overlay');
  assert.ok(paths.includes('other-namespaces/prod/clusterissuer-rivven-prod-ca.yaml'), 'cluster-scoped CR kept out of the transform');
  assert.ok(paths.includes('other-namespaces/dev/schedule-rivven-dev-daily.yaml'), 'velero Schedule kept out of the transform');
});

kubectlTest(test, 'flat: kubectl kustomize reproduces every environment of the hand-built fleet', async () => {
  const tree = await assertInvariant(fixtureFleet(), 'flat');
  assert.not.ok([...tree.keys()].some((p) => p.startsWith('base/') || p.startsWith('other-namespaces/')));
});

kubectlTest(test, 'random fleets: kubectl kustomize reproduces every environment (property)', async () => {
  await fc.assert(
    fc.asyncProperty(randomFleet(), async (fleet) => {
      await assertInvariant(fleet, 'overlays');
    }),
    { numRuns: 15 },
  );
});

kubectlTest(test, 'random fleets: the flat layout holds too (property)', async () => {
  await fc.assert(
    fc.asyncProperty(randomFleet(), async (fleet) => {
      await assertInvariant(fleet, 'flat');
    }),
    { numRuns: 4 },
  );
});

test.run();
