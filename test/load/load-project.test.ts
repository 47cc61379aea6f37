import { test } from 'uvu';
import * as assert from 'uvu/assert';
import path from 'node:path';
import { loadProject } from '../../src/load/load-project.js';
import { fixturesDir } from './support/temp-project.js';

test('loads the base and every environment of a project, type-checked, sorted by name', async () => {
  const root = path.join(fixturesDir, 'basic');
  const { project, findings } = await loadProject({ root });
  assert.equal(findings, []);
  assert.is(project.root, root);
  assert.is(project.base.file, 'rivven.config.ts');
  assert.equal(project.base.value, {
    project: 'shop',
    cluster: { name: 'main', replicas: 3, storage: { size: '100Gi' } },
    topics: {
      'orders-events': {
        partitions: 12,
        acls: [
          { principal: 'user:order-service', operations: ['Read', 'Write'] },
          { principal: 'user:analytics', operations: ['Read'] },
        ],
      },
      'debug-events': { partitions: 1 },
    },
  });
  assert.equal(
    project.environments.map((e) => [e.name, e.file]),
    [
      ['dev', 'environments/dev.ts'],
      ['eu-prod', 'environments/eu/prod.ts'],
      ['prod', 'environments/prod.ts'],
      ['staging', 'environments/staging.ts'],
    ],
  );
  const byName = new Map(project.environments.map((e) => [e.name, e.value]));
  assert.equal(byName.get('prod'), {
    namespace: 'shop-prod',
    profile: 'production',
    // _shared.ts is imported by prod and eu-prod but evaluated once.
    labels: { team: 'orders', 'cost-center': 'cc-42', loads: '1' },
    cluster: { replicas: 5, storage: { size: '500Gi', storageClassName: 'premium-ssd' } },
    topics: { 'orders-events': { partitions: 24 }, 'debug-events': null },
  });
  assert.equal(byName.get('eu-prod'), { namespace: 'shop-eu-prod', labels: { team: 'orders', 'cost-center': 'cc-42', loads: '1', region: 'eu' } });
  assert.equal(byName.get('staging'), { namespace: 'shop-staging', cluster: { replicas: 2 } });
});

test('function forms of the base and of environments', async () => {
  const { project, findings } = await loadProject({ root: path.join(fixturesDir, 'function-form') });
  assert.equal(findings, []);
  assert.equal(project.base.value, { project: 'fn', cluster: { replicas: 3, storage: { size: '50Gi' } } });
  assert.equal(
    project.environments.map((e) => [e.name, e.value]),
    [
      ['dev', { namespace: 'fn-dev', cluster: { replicas: 1, storage: { size: '50Gi' } } }],
      ['prod', { namespace: 'fn-prod', topics: { 'audit-log': { partitions: 3, retention: '30d' } } }],
    ],
  );
  assert.equal(project.base.positions.get('/cluster/storage/size'), { file: 'rivven.config.ts', line: 7, column: 37 });
  assert.equal(project.environments[0]?.positions.get('/cluster/storage/size'), { file: 'environments/dev.ts', line: 9, column: 18 });
});

test('only the requested environments are evaluated', async () => {
  const { project } = await loadProject({ root: path.join(fixturesDir, 'basic'), typecheck: false, environments: ['staging', 'eu-prod'] });
  assert.equal(project.environments.map((e) => e.name), ['eu-prod', 'staging']);
});

test.run();
