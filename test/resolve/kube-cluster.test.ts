/**
 * Each environment's Kubernetes cluster: the declared one it names (kubeCluster), else the one its
 * Argo CD destination implies; a name not declared is RG220 at the line that wrote it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveFleet } from '../../src/resolve/resolve-environment.js';
import { explainValue } from '../../src/resolve/explain.js';
import { loadedProject, positionIn } from './support/loaded.js';

const base = {
  argocd: { repoURL: 'https://git.example.com/fleet.git' },
  clusters: {
    'prod-eu-1': { server: 'https://eu.example.com:6443', kubeContext: 'eu', region: 'eu', labels: { tier: 'prod' } },
    'prod-us-1': { name: 'us-cluster', region: 'us' },
  },
};

test('an environment naming a declared cluster resolves to it, declared: true', () => {
  const { fleet, findings } = resolveFleet(loadedProject(base, { 'prod-eu': { kubeCluster: 'prod-eu-1' }, 'prod-us': { kubeCluster: 'prod-us-1' } }));
  assert.equal(findings, []);
  assert.equal(
    fleet.environments.map((e) => e.kubeCluster),
    [
      { id: 'prod-eu-1', server: 'https://eu.example.com:6443', kubeContext: 'eu', region: 'eu', labels: { tier: 'prod' }, declared: true },
      { id: 'prod-us-1', name: 'us-cluster', region: 'us', labels: {}, declared: true },
    ],
  );
});

test('an environment naming no cluster keeps its Argo CD destination (default: in-cluster)', () => {
  const { fleet } = resolveFleet(loadedProject(base, { dev: {}, edge: { argocd: { destination: { server: 'https://Edge.example.com' } } } }));
  assert.equal(
    fleet.environments.map((e) => e.kubeCluster),
    [
      { id: 'in-cluster', server: 'https://kubernetes.default.svc', labels: {}, declared: false },
      { id: 'edge-example-com', server: 'https://Edge.example.com', labels: {}, declared: false },
    ],
  );
});

test('the base may name the default cluster; an environment overrides it', () => {
  const project = loadedProject({ ...base, kubeCluster: 'prod-eu-1' }, { a: {}, b: { kubeCluster: 'prod-us-1' } });
  assert.equal(resolveFleet(project).fleet.environments.map((e) => e.kubeCluster.id), ['prod-eu-1', 'prod-us-1']);
});

test('RG220: an unknown cluster is reported at the line naming it, with did-you-mean', () => {
  const project = loadedProject(base, { 'prod-eu': { kubeCluster: 'prod-eu1' } });
  const { fleet, findings } = resolveFleet(project);
  assert.equal(fleet.environments, []);
  assert.equal(findings.length, 1);
  const f = findings[0];
  assert.equal(f?.code, 'RG220');
  assert.equal(f?.loc, positionIn(project.environments[0]!, ['kubeCluster']));
  assert.match(f?.message ?? '', /'prod-eu1', which is not declared under clusters \(the declared clusters are 'prod-eu-1', 'prod-us-1'\)/);
  assert.match(f?.hint ?? '', /Did you mean 'prod-eu-1'\?/);
});

test('RG221: a cluster with both server and name (or neither) is refused where it is declared', () => {
  const both = resolveFleet(loadedProject({ clusters: { x: { server: 'https://x', name: 'x' } } }, { dev: {} }));
  assert.equal(both.findings.map((f) => [f.code, f.path]), [['RG221', 'clusters.x']]);
  const neither = resolveFleet(loadedProject({ clusters: { x: { region: 'eu' } } }, { dev: {} }));
  assert.equal(neither.findings.map((f) => f.code), ['RG221']);
});

test('clusters is fleet-wide: an environment declaring clusters is refused (RG202)', () => {
  const { findings } = resolveFleet(loadedProject(base, { dev: { clusters: { mine: { server: 'https://m' } } } }));
  assert.equal(findings.map((f) => [f.code, f.path]), [['RG202', 'clusters']]);
});

test('explain names the file and line that declared a cluster and the one that chose it', () => {
  const project = loadedProject(base, { 'prod-eu': { kubeCluster: 'prod-eu-1' } });
  const env = resolveFleet(project).fleet.environments[0]!;
  const chosen = explainValue(env, project, 'kubeCluster');
  assert.equal([chosen?.value, chosen?.origin.loc], ['prod-eu-1', positionIn(project.environments[0]!, ['kubeCluster'])]);
  const region = explainValue(env, project, "clusters['prod-eu-1'].region");
  assert.equal([region?.value, region?.origin.loc], ['eu', positionIn(project.base, ['clusters', 'prod-eu-1', 'region'])]);
});

test.run();
