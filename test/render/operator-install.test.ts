import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { UserConfig } from '../../src/model/types.js';
import { findOperatorInstallIssues, findOperatorScopeConflicts, renderOperatorInstall } from '../../src/render/operator-install.js';
import { resolvedEnvironment } from '../support/resolved.js';
import { checkRestrictedPodSecurity, validateBuiltin } from '../support/k8s-schema.js';
import { containerEnv, expectGoldenObjects, field, ofKind } from '../support/render-fixtures.js';

function install(config: UserConfig, envName = 'prod') {
  return renderOperatorInstall(resolvedEnvironment(config, envName));
}

function operatorContainer(config: UserConfig, envName = 'prod'): unknown {
  return field(ofKind(install(config, envName), 'Deployment')[0], 'spec', 'template', 'spec', 'containers', 0);
}

function rulesFor(objects: ReturnType<typeof install>, resource: string): unknown[] {
  const role = objects.find((o) => o.kind === 'Role' || o.kind === 'ClusterRole');
  const rules = field(role, 'rules');
  return Array.isArray(rules) ? rules.filter((r) => { const rs = field(r, 'resources'); return Array.isArray(rs) && rs.includes(resource); }) : [];
}

test('golden: namespace scope (default) and cluster scope', () => {
  expectGoldenObjects('operator-install/namespace-scope.yaml', install({}));
  expectGoldenObjects('operator-install/cluster-scope.yaml', install({ operator: { scope: 'cluster', replicas: 2, logLevel: 'debug', logJson: true } }));
});

test('nothing under the manifests target or without operator.install', () => {
  assert.equal(install({ target: 'manifests' }), []);
  assert.equal(install({ operator: { install: false } }), []);
});

test('namespace scope: Role and RoleBinding in the environment, and the operator watches only it', () => {
  const objects = install({}, 'staging');
  assert.equal(objects.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`), [
    'ServiceAccount/rivven-staging/rivven-operator',
    'Role/rivven-staging/rivven-operator',
    'RoleBinding/rivven-staging/rivven-operator',
    'Deployment/rivven-staging/rivven-operator',
  ]);
  assert.equal(field(ofKind(objects, 'RoleBinding')[0], 'subjects'), [{ kind: 'ServiceAccount', name: 'rivven-operator', namespace: 'rivven-staging' }]);
  const args = field(operatorContainer({}, 'staging'), 'args');
  assert.ok(Array.isArray(args) && args.includes('--namespace=rivven-staging'));
});

test('cluster scope: ClusterRole and binding named per environment, subject in the environment namespace', () => {
  const names = (envName: string) => install({ operator: { scope: 'cluster' } }, envName).filter((o) => o.kind.startsWith('Cluster')).map((o) => o.metadata.name);
  assert.equal(names('dev'), ['rivven-operator-rivven-dev', 'rivven-operator-rivven-dev']);
  assert.equal(names('prod'), ['rivven-operator-rivven-prod', 'rivven-operator-rivven-prod']);
  const objects = install({ operator: { scope: 'cluster' } }, 'prod');
  const binding = ofKind(objects, 'ClusterRoleBinding')[0];
  assert.is(binding?.metadata.namespace, undefined);
  // kustomize never rewrites subjects, so the namespace must be this environment's as rendered.
  assert.equal(field(binding, 'subjects'), [{ kind: 'ServiceAccount', name: 'rivven-operator', namespace: 'rivven-prod' }]);
  assert.equal(field(binding, 'roleRef'), { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'rivven-operator-rivven-prod' });
  const args = field(operatorContainer({ operator: { scope: 'cluster' } }), 'args');
  assert.ok(Array.isArray(args) && !args.some((a) => String(a).startsWith('--namespace')));
});

test('RBAC covers the four CRDs with status and finalizers, and only reads Secrets', () => {
  const objects = install({});
  for (const kind of ['rivvenclusters', 'rivventopics', 'rivvenconnects', 'rivvenschemaregistries']) {
    assert.is(rulesFor(objects, kind).length, 1, kind);
    assert.equal(field(rulesFor(objects, `${kind}/status`)[0], 'verbs'), ['get', 'update', 'patch']);
    assert.equal(field(rulesFor(objects, `${kind}/finalizers`)[0], 'verbs'), ['update']);
  }
  assert.equal(field(rulesFor(objects, 'secrets')[0], 'verbs'), ['get', 'list', 'watch']);
  const pvcVerbs = field(rulesFor(objects, 'persistentvolumeclaims')[0], 'verbs');
  assert.ok(Array.isArray(pvcVerbs) && pvcVerbs.includes('delete'));
  assert.equal(field(rulesFor(objects, 'leases')[0], 'apiGroups'), ['coordination.k8s.io']);
  for (const resource of ['statefulsets', 'deployments', 'services', 'configmaps', 'poddisruptionbudgets', 'pods', 'events']) {
    assert.is(rulesFor(objects, resource).length, 1, resource);
  }
});

test('flags the binary accepts: no --leader-election value, leader election switched off by env only', () => {
  const args = field(operatorContainer({}), 'args');
  assert.equal(args, ['--metrics-addr=0.0.0.0:8080', '--health-addr=0.0.0.0:8081', '--log-level=info', '--namespace=rivven-prod']);
  const { byName } = containerEnv(operatorContainer({}));
  assert.equal(byName.get('POD_NAME'), { fieldRef: { fieldPath: 'metadata.name' } });
  assert.equal(byName.get('POD_NAMESPACE'), { fieldRef: { fieldPath: 'metadata.namespace' } });
  assert.not.ok(byName.has('LEADER_ELECTION'));
  const off = containerEnv(operatorContainer({ operator: { leaderElection: false } }));
  assert.is(off.byName.get('LEADER_ELECTION'), 'false');
  const jsonArgs = field(operatorContainer({ operator: { logJson: true, logLevel: 'warn' } }), 'args');
  assert.ok(Array.isArray(jsonArgs) && jsonArgs.includes('--log-json') && jsonArgs.includes('--log-level=warn'));
});

test('probes, ports, image, resources and security context', () => {
  const c = operatorContainer({});
  assert.equal(field(c, 'livenessProbe', 'httpGet'), { path: '/healthz', port: 'health' });
  assert.equal(field(c, 'readinessProbe', 'httpGet'), { path: '/healthz', port: 'health' });
  assert.equal(field(c, 'ports'), [
    { name: 'metrics', containerPort: 8080, protocol: 'TCP' },
    { name: 'health', containerPort: 8081, protocol: 'TCP' },
  ]);
  assert.is(field(c, 'image'), 'ghcr.io/hupe1980/rivven-operator:0.0.22');
  assert.equal(field(c, 'resources'), { requests: { cpu: '10m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } });
  assert.equal(field(operatorContainer({ operator: { resources: { requests: { cpu: '50m' } } } }), 'resources'), { requests: { cpu: '50m' } });
  const deployment = ofKind(install({ operator: { replicas: 2 } }), 'Deployment')[0];
  assert.is(field(deployment, 'spec', 'replicas'), 2);
  assert.is(field(deployment, 'spec', 'template', 'spec', 'securityContext', 'runAsUser'), 65532);
  assert.is(field(deployment, 'spec', 'template', 'spec', 'serviceAccountName'), 'rivven-operator');
  assert.equal(field(deployment, 'spec', 'selector', 'matchLabels', 'app.kubernetes.io/component'), 'operator');
  if (deployment) assert.equal(checkRestrictedPodSecurity(deployment), []);
});

test('RG513: several replicas without leader election', () => {
  const findings = findOperatorInstallIssues(resolvedEnvironment({ operator: { replicas: 2, leaderElection: false } }, 'prod'));
  assert.equal(findings.map((f) => [f.code, f.severity, f.path]), [['RG513', 'error', 'operator.replicas']]);
  assert.equal(findOperatorInstallIssues(resolvedEnvironment({ operator: { replicas: 1, leaderElection: false } }, 'prod')), []);
  assert.equal(findOperatorInstallIssues(resolvedEnvironment({ operator: { replicas: 3 } }, 'prod')), []);
});

test('RG514: cluster-scoped operators of two environments on one destination', () => {
  const cluster: UserConfig = { operator: { scope: 'cluster' } };
  const dev = resolvedEnvironment(cluster, 'dev');
  const prod = resolvedEnvironment(cluster, 'prod');
  assert.equal(findOperatorScopeConflicts([dev, prod]).map((f) => [f.code, f.severity]), [
    ['RG514', 'warning'],
    ['RG514', 'warning'],
  ]);
  const elsewhere = resolvedEnvironment({ ...cluster, argocd: { destination: { name: 'prod-cluster' } } }, 'prod');
  assert.equal(findOperatorScopeConflicts([dev, elsewhere]), []);
  assert.equal(findOperatorScopeConflicts([dev, resolvedEnvironment({}, 'prod')]), []);
});

test('every object passes strict Kubernetes validation', () => {
  for (const config of [{}, { operator: { scope: 'cluster' as const, logJson: true, leaderElection: false } }]) {
    for (const obj of install(config)) assert.equal(validateBuiltin(obj), []);
  }
});

test.run();
