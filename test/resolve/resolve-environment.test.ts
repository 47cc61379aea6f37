import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveEnvironment, resolveFleet } from '../../src/resolve/resolve-environment.js';
import { loadedProject, positionIn } from './support/loaded.js';

const base = {
  project: 'shop',
  cluster: { replicas: 3, storage: { size: '100Gi' } },
  topics: { orders: { partitions: 12, retention: '7d' }, debug: { partitions: 1 } },
};

test('an environment resolves to a fully defaulted config: base ← environment ← defaults', () => {
  const project = loadedProject(base, { prod: { cluster: { replicas: 5 }, topics: { orders: { partitions: 24 }, debug: null } } });
  const { environment, findings } = resolveEnvironment(project, 'prod');
  assert.equal(findings, []);
  assert.is(environment?.name, 'prod');
  assert.is(environment?.file, 'environments/prod.ts');
  assert.is(environment?.config.cluster.replicas, 5);
  assert.is(environment?.config.cluster.storage.size, '100Gi');
  assert.is(environment?.config.namespace, 'shop-prod');
  assert.equal(Object.keys(environment?.config.topics ?? {}), ['orders']);
  assert.is(environment?.config.topics['orders']?.partitions, 24);
  assert.is(environment?.config.topics['orders']?.retention, 7 * 86_400_000);
  assert.is(environment?.config.topics['orders']?.deleteOnRemove, true);
});

test('an environment may not set project or output: RG202 at the key, and the base value stays', () => {
  const project = loadedProject({ ...base, output: { dir: 'out' } }, { dev: { project: 'other', output: { dir: 'elsewhere' }, cluster: { replicas: 1 } } });
  const { environment, findings } = resolveEnvironment(project, 'dev');
  const dev = project.environments[0];
  assert.ok(dev);
  assert.equal(
    findings.map((f) => [f.code, f.path, f.loc]),
    [
      ['RG202', 'project', positionIn(dev, ['project'])],
      ['RG202', 'output', positionIn(dev, ['output'])],
    ],
  );
  assert.match(findings[0]?.message ?? '', /environments\/dev\.ts sets "project"/);
  assert.is(environment?.config.project, 'shop');
  assert.is(environment?.config.output.dir, 'out');
});

test('schema errors become findings located in the file that set the value; no environment is returned', () => {
  const project = loadedProject(base, { prod: { topics: { orders: { partitions: 0 } } } });
  const { environment, findings } = resolveEnvironment(project, 'prod');
  const prod = project.environments[0];
  assert.ok(prod);
  assert.is(environment, undefined);
  assert.equal(findings.map((f) => [f.code, f.path, f.loc]), [['RG204', 'topics.orders.partitions', positionIn(prod, ['topics', 'orders', 'partitions'])]]);
});

test('a mistake in the base is located in the base file', () => {
  const project = loadedProject({ ...base, cluster: { replicas: 3, storage: { size: 'lots' } } }, { dev: {} });
  const { findings } = resolveEnvironment(project, 'dev');
  assert.equal(findings.map((f) => [f.code, f.path, f.loc]), [['RG308', 'cluster.storage.size', positionIn(project.base, ['cluster', 'storage', 'size'])]]);
});

test('a forbidden key is reported but does not stop the environment from resolving', () => {
  const overlay: unknown = JSON.parse('{"cluster":{"replicas":1,"__proto__":{"x":1}}}');
  const project = loadedProject(base, { dev: overlay });
  const { environment, findings } = resolveEnvironment(project, 'dev');
  assert.equal(findings.map((f) => f.code), ['RG201']);
  assert.is(environment?.config.cluster.replicas, 1);
});

test('an unknown environment name is RG110 listing the environments there are', () => {
  const project = loadedProject(base, { dev: {}, prod: {} });
  const { environment, findings } = resolveEnvironment(project, 'qa');
  assert.is(environment, undefined);
  assert.is(findings[0]?.code, 'RG110');
  assert.match(findings[0]?.message ?? '', /dev, prod/);
});

test("an environment's namespace replaces the default <project>-<environment>", () => {
  const project = loadedProject(base, { dev: { namespace: 'team-dev' } });
  assert.is(resolveEnvironment(project, 'dev').environment?.config.namespace, 'team-dev');
});

test('resolveFleet resolves every environment by default, sorted, and collects every finding', () => {
  const project = loadedProject(base, { staging: {}, dev: { cluster: { replicas: 0 } }, prod: { cluster: { replicas: 5 } } });
  const { fleet, findings } = resolveFleet(project);
  assert.equal(fleet.environments.map((e) => e.name), ['prod', 'staging']);
  assert.equal(findings.map((f) => [f.code, f.loc?.file]), [['RG204', 'environments/dev.ts']]);
});

test('resolveFleet resolves only the environments asked for (all when the list is empty)', () => {
  const project = loadedProject(base, { staging: {}, dev: {}, prod: {} });
  assert.equal(resolveFleet(project, ['prod']).fleet.environments.map((e) => e.name), ['prod']);
  assert.equal(resolveFleet(project, []).fleet.environments.map((e) => e.name), ['dev', 'prod', 'staging']);
  assert.equal(resolveFleet(project, ['nope']).findings.map((f) => f.code), ['RG110']);
});

test.run();
