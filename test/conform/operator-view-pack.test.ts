/**
 * The conform stage checks an operator fleet against the CRD schemas its cluster has: with the
 * operator's `--print-crd` schemas (or patched CRDs) the RivvenCluster uses the operator's own field
 * names, which the deploy-YAML schemas refuse, so checking it against those would fail every such fleet.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { conformObject } from '../../src/conform/conform-object.js';
import { compileProject } from '../../src/compile.js';
import { UserError } from '../../src/errors/diagnostic.js';
import type { K8sObject } from '../../src/render/k8s-object.js';
import { renderRivvenCluster } from '../../src/render/rivven-cluster.js';
import { operatorViewPack } from '../../src/schema-pack/operator-view-pack.js';
import { schemaPackFor } from '../../src/schema-pack/packs.js';
import { resolvedEnvironment } from '../support/resolved.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const classes = (obj: K8sObject, source: 'print-crd' | 'patched' | 'deploy-yaml') =>
  conformObject(obj, source === 'deploy-yaml' ? schemaPackFor('0.0.22') : operatorViewPack(source)).violations.map((v) => `${v.class} ${v.path.join('.')}`);

const cluster = (spec: Record<string, unknown>): K8sObject => ({
  apiVersion: 'rivven.hupe1980.github.io/v1alpha1',
  kind: 'RivvenCluster',
  metadata: { name: 'main', namespace: 'shop' },
  spec: { replicas: 3, ...spec },
});

test('a RivvenCluster rendered for --print-crd CRDs conforms to them, and not to the deploy YAMLs', () => {
  const [rendered] = renderRivvenCluster(
    resolvedEnvironment({ project: 'p', target: 'operator', cluster: { name: 'main', replicas: 3 }, operator: { patchedImage: true, crds: { schema: 'print-crd' } } }),
  );
  assert.ok(rendered);
  assert.equal(classes(rendered, 'print-crd'), []);
  assert.ok(classes(rendered, 'deploy-yaml').includes('type spec.metrics.serviceMonitor'), classes(rendered, 'deploy-yaml').join(', '));
});

test('--print-crd schemas prune the deploy-YAML names and the #[schemars(skip)] fields; patched CRDs keep the latter', () => {
  const obj = cluster({ pdb: { enabled: true }, tolerations: [], metrics: { serviceMonitor: false } });
  assert.equal(classes(obj, 'print-crd'), ['pruned spec.pdb', 'pruned spec.tolerations', 'type spec.metrics.serviceMonitor']);
  assert.equal(classes(obj, 'patched'), ['type spec.metrics.serviceMonitor']);
  // The PDB's other key is written as an explicit null, which Option<String> fields accept.
  assert.equal(classes(cluster({ podDisruptionBudget: { enabled: true, minAvailable: null, maxUnavailable: '33%' } }), 'print-crd'), []);
});

test('build of an operator fleet on --print-crd CRDs passes conform (it failed with RG450/RG451 against the deploy YAMLs)', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'rivven-print-crd-'));
  try {
    await cp(path.join(repoRoot, 'test/fixtures/conform/print-crd-operator'), dir, { recursive: true });
    let codes: string[] = [];
    try {
      const compiled = await compileProject({ root: dir, typecheck: false });
      codes = compiled.findings.map((f) => f.code);
      assert.ok(compiled.tree.size > 0);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      assert.unreachable(`build failed: ${error.findings.filter((f) => f.severity === 'error').map((f) => `${f.code} ${f.message}`).join('\n')}`);
    }
    assert.not.ok(codes.some((c) => c >= 'RG450' && c <= 'RG466'), codes.join(', '));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test.run();
