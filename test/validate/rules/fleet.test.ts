import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveFleet } from '../../../src/resolve/resolve-environment.js';
import { checkDuplicateNamespace } from '../../../src/validate/rules/duplicate-namespace.js';
import { loadedProject, positionIn } from '../../resolve/support/loaded.js';
import { cleanBase, summary } from './support.js';

test('RG324 passes when every environment has its own namespace (explicit or derived)', () => {
  const project = loadedProject(cleanBase, { dev: {}, prod: { namespace: 'rivven-production' } });
  assert.equal(checkDuplicateNamespace(resolveFleet(project).fleet), []);
});

test('RG324 fails for two environments in one namespace, once per environment at its namespace', () => {
  const project = loadedProject(cleanBase, { dev: { namespace: 'shared' }, qa: { namespace: 'shared' }, prod: {} });
  const findings = checkDuplicateNamespace(resolveFleet(project).fleet);
  assert.equal(summary(findings), [
    ['RG324', 'error', 'namespace'],
    ['RG324', 'error', 'namespace'],
  ]);
  const dev = project.environments.find((e) => e.name === 'dev');
  assert.ok(dev);
  assert.equal(findings[0]?.loc, positionIn(dev, ['namespace']));
  assert.match(findings[0]?.message ?? '', /"dev" uses namespace "shared", like "qa"/);
});

const twoClusters = {
  ...cleanBase,
  clusters: { 'prod-eu-1': { server: 'https://eu.example.com', region: 'eu' }, 'prod-us-1': { server: 'https://us.example.com', region: 'us' } },
};

test('RG324 passes for one namespace on two clusters (two production regions)', () => {
  const project = loadedProject(twoClusters, {
    'prod-eu': { namespace: 'rivven-prod', kubeCluster: 'prod-eu-1' },
    'prod-us': { namespace: 'rivven-prod', kubeCluster: 'prod-us-1' },
  });
  assert.equal(checkDuplicateNamespace(resolveFleet(project).fleet), []);
});

test('RG324 fails for one namespace twice on one cluster, pointing at both environments', () => {
  const project = loadedProject(twoClusters, {
    'prod-eu': { namespace: 'rivven-prod', kubeCluster: 'prod-eu-1' },
    'prod-eu-canary': { namespace: 'rivven-prod', kubeCluster: 'prod-eu-1' },
    'prod-us': { namespace: 'rivven-prod', kubeCluster: 'prod-us-1' },
  });
  const findings = checkDuplicateNamespace(resolveFleet(project).fleet);
  assert.equal(findings.map((f) => f.loc?.file), ['environments/prod-eu.ts', 'environments/prod-eu-canary.ts']);
  const canary = project.environments.find((e) => e.name === 'prod-eu-canary');
  assert.ok(canary);
  assert.equal(findings[0]?.related?.[0]?.loc, positionIn(canary, ['namespace']));
  assert.match(findings[0]?.message ?? '', /"prod-eu" uses namespace "rivven-prod", like "prod-eu-canary", on cluster 'prod-eu-1'/);
});

test('RG324: a declared cluster and a destination with the same server are one cluster', () => {
  const project = loadedProject(twoClusters, {
    a: { namespace: 'shared', kubeCluster: 'prod-eu-1' },
    b: { namespace: 'shared', argocd: { destination: { server: 'https://eu.example.com' } } },
  });
  assert.equal(checkDuplicateNamespace(resolveFleet(project).fleet).length, 2);
});

test.run();
