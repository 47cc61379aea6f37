/**
 * Fuzzing the pure pipeline with configurations that are valid by the TYPES (derived from the zod
 * model: every field, numbers in and out of range, names, durations, sizes and cron in valid and
 * invalid spellings, blocks present, absent or removed with null):
 * - nothing ever crashes: every problem is a finding with a catalogued code;
 * - an environment holding a value the model refuses always fails with an error finding;
 * - a fleet with no error finding lays out a tree that kustomize turns back into exactly the rendered
 *   objects of every environment (pure simulator for most runs, the real kubectl for a few).
 * Set FUZZ_RUNS to run longer locally; failures print the fast-check seed and the shrunk input.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hasErrors } from '../../src/errors/diagnostic.js';
import type { FileTree, FleetRender } from '../../src/kustomize/types.js';
import { survivesNamespaceTransform } from '../../src/kustomize/scope.js';
import { assertSameObjects, kubectlTest, kustomizeBuild } from '../support/kubectl.js';
import { arbitraryFleet, type FleetCase } from './arbitrary-config.js';
import { simulateKustomize } from './kustomize-sim.js';
import { runTowardsValid } from './towards-valid.js';
import { describeCrash, projectOf, runPipeline, uncatalogued, type PipelineResult } from './run-pipeline.js';

const runs = Number(process.env['FUZZ_RUNS'] ?? 150);

function run(fleet: FleetCase): PipelineResult {
  return runPipeline(projectOf(fleet.base.value, fleet.environments.map((e) => ({ name: e.name, value: e.overlay.value }))));
}

/** Every environment's rendered objects, rebuilt from the tree by the simulator. */
function assertInvariantSimulated(render: FleetRender, tree: FileTree): void {
  for (const env of render.environments) {
    const overlay = simulateKustomize(tree, `overlays/${env.name}`);
    const otherDir = `other-namespaces/${env.name}`;
    const other = tree.has(`${otherDir}/kustomization.yaml`) ? simulateKustomize(tree, otherDir) : [];
    assertSameObjects([...overlay, ...other], env.objects, `${env.name}: overlay + other-namespaces`);
    if (tree.has('base/kustomization.yaml')) {
      assertSameObjects(overlay, env.objects.filter((o) => survivesNamespaceTransform(o, env.namespace)), `${env.name}: overlay alone`);
    }
  }
  if (render.argocd.length > 0) assertSameObjects(simulateKustomize(tree, 'argocd'), render.argocd, 'argocd/');
}

const stats = { runs: 0, written: 0, stopped: new Map<string, number>() };

test('no configuration valid by the types crashes the pipeline; every finding has a catalogued code', () => {
  fc.assert(
    fc.property(arbitraryFleet(), (fleet) => {
      const result = run(fleet);
      if (result.crash !== undefined) throw new Error(`crash: ${describeCrash(result.crash)}`);
      assert.equal(uncatalogued(result.findings), [], 'every finding has a code from the catalog');
      for (const f of result.findings) assert.ok(f.message.trim() !== '', `${f.code} has a message`);
      stats.runs += 1;
      stats.stopped.set(result.stoppedAt, (stats.stopped.get(result.stoppedAt) ?? 0) + 1);
      // An environment that writes a value the model refuses cannot pass (its layer is the last word).
      const faulty = fleet.environments.filter((e) => e.overlay.faults.length > 0);
      if (faulty.length > 0) {
        assert.ok(hasErrors(result.findings), `faults ${faulty.map((e) => `${e.name}: ${e.overlay.faults.join(', ')}`).join('; ')} produced no error`);
      }
      if (result.tree !== undefined && result.render !== undefined) {
        stats.written += 1;
        assertInvariantSimulated(result.render, result.tree);
      }
    }),
    { numRuns: runs, includeErrorInReport: true },
  );
  const stopped = [...stats.stopped].map(([stage, n]) => `${stage} ${n}`).join(', ');
  process.stderr.write(`fuzz: ${stats.runs} fleets (${stopped})\n`);
});

const buildable = arbitraryFleet({ base: { faultChance: 0 }, overlay: { faultChance: 0 } });

test('fleets repaired to validity lay out trees the simulator turns back into the rendered objects', () => {
  let written = 0;
  fc.assert(
    fc.property(buildable, (fleet) => {
      const { result } = runTowardsValid(fleet);
      if (result.crash !== undefined) throw new Error(`crash: ${describeCrash(result.crash)}`);
      assert.equal(uncatalogued(result.findings), []);
      if (result.tree === undefined || result.render === undefined) return;
      written += 1;
      assertInvariantSimulated(result.render, result.tree);
    }),
    { numRuns: runs, includeErrorInReport: true },
  );
  process.stderr.write(`fuzz: ${written} of ${runs} repaired fleets were written and checked\n`);
  // A generator that never produces a buildable fleet would make the invariant check vacuous. About
  // 55% of repaired fleets build; the seed is random, so the guard sits at a third, where a random
  // shortfall is vanishingly unlikely (seen: 71 of 150 under a guard of a half) but a generator that
  // stopped producing buildable fleets still fails it.
  assert.ok(written >= runs / 3, `only ${written} of ${runs} fleets were buildable`);
});

async function writeTree(dir: string, tree: FileTree): Promise<void> {
  for (const [file, text] of tree) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
}

kubectlTest(test, 'the real kubectl kustomize agrees on a few generated fleets', async () => {
  const samples = fc
    .sample(buildable, { numRuns: 20, seed: 42 })
    .map((fleet) => runTowardsValid(fleet).result)
    .filter((r) => r.tree !== undefined)
    .slice(0, 5);
  assert.is(samples.length, 5, 'five buildable fleets among twenty');
  for (const result of samples) {
    const { tree, render } = result;
    if (tree === undefined || render === undefined) continue;
    const dir = await mkdtemp(path.join(tmpdir(), 'rivven-fuzz-'));
    try {
      await writeTree(dir, tree);
      for (const env of render.environments) {
        const overlay = await kustomizeBuild(path.join(dir, 'overlays', env.name));
        assertSameObjects(overlay, simulateKustomize(tree, `overlays/${env.name}`), `${env.name}: simulator = kubectl`);
        const otherDir = `other-namespaces/${env.name}`;
        const other = tree.has(`${otherDir}/kustomization.yaml`) ? await kustomizeBuild(path.join(dir, otherDir)) : [];
        assertSameObjects([...overlay, ...other], env.objects, `${env.name}: kubectl kustomize = rendered`);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
});

test.run();
