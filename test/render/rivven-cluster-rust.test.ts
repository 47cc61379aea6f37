import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderRivvenCluster, findRivvenClusterIssues } from '../../src/render/rivven-cluster.js';
import { pdbPercent } from '../../src/render/rivven-cluster-rust.js';
import { operatorViewProblems } from '../../src/facts/operator-view.js';
import type { UserConfig } from '../../src/model/types.js';
import { resolvedEnvironment } from '../support/resolved.js';

function spec(config: UserConfig): Record<string, unknown> {
  const [obj] = renderRivvenCluster(resolvedEnvironment(config));
  assert.ok(obj);
  return obj['spec'] as Record<string, unknown>;
}

const base: UserConfig = {
  project: 'p',
  target: 'operator',
  cluster: { name: 'main', replicas: 1, resources: { requests: { cpu: '1' } }, tls: { enabled: true, existingSecret: 'broker-tls' } },
  operator: { crds: { schema: 'print-crd' } },
};

test('under --print-crd CRDs the RivvenCluster carries the workarounds the operator’s validation needs', () => {
  const s = spec(base);
  assert.equal(s['metrics'], { enabled: true, serviceMonitor: { enabled: false, interval: '30s' } });
  // A 1-broker cluster fails the operator's default replication factor of 2.
  assert.equal(s['config'], { defaultReplicationFactor: 1 });
  assert.equal(s['tls'], { enabled: true, certSecretName: 'broker-tls', mtlsEnabled: false });
  assert.equal(s['podDisruptionBudget'], { enabled: true, minAvailable: null, maxUnavailable: '100%' });
  // #[schemars(skip)] fields are pruned by those CRDs: not rendered, and said so.
  for (const pruned of ['resources', 'affinity', 'tolerations', 'env', 'securityContext', 'containerSecurityContext']) assert.not.ok(pruned in s, pruned);
  assert.not.ok('pdb' in s || 'broker' in s, 'no deploy YAML names');
  assert.equal(operatorViewProblems('RivvenCluster', s, 'print-crd'), []);
  const codes = findRivvenClusterIssues(resolvedEnvironment(base)).map((f) => `${f.code} ${f.path}`);
  assert.ok(codes.includes('RG426 cluster.resources'), codes.join(', '));
});

test('patched CRDs keep every field the operator reads', () => {
  const s = spec({ ...base, operator: { crds: { schema: 'patched' } } });
  assert.ok('resources' in s && 'securityContext' in s);
  assert.equal(findRivvenClusterIssues(resolvedEnvironment({ ...base, operator: { crds: { schema: 'patched' } } })).filter((f) => f.code === 'RG426'), []);
});

test('the deploy YAML dialect is unchanged by default', () => {
  const s = spec({ ...base, operator: {} });
  assert.ok('pdb' in s);
  assert.equal((s['metrics'] as Record<string, unknown>)['serviceMonitor'], false);
});

test('PDB counts become the percentage Kubernetes scales back to the same count', () => {
  for (const replicas of [1, 2, 3, 5, 7, 10, 33, 100]) {
    for (let n = 0; n <= replicas; n += 1) {
      const percent = Number(pdbPercent(n, replicas).slice(0, -1));
      assert.is(Math.ceil((percent * replicas) / 100), n, `${n} of ${replicas} as ${percent}%`);
    }
  }
  assert.is(pdbPercent('25%', 4), '25%');
});

test('the operator view flags deploy YAML names and wrong types', () => {
  const problems = operatorViewProblems('RivvenCluster', { pdb: {}, metrics: { serviceMonitor: false }, replicas: 3 }, 'print-crd');
  assert.equal(problems, ['spec.pdb: not a field the operator reads', 'spec.metrics.serviceMonitor: expected object, got false']);
});

test.run();
