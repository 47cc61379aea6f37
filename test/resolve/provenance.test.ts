import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mergeLayers } from '../../src/resolve/merge.js';
import { pathKey } from '../../src/core/path.js';
import { locateIn } from '../../src/resolve/provenance.js';
import { resolveEnvironment } from '../../src/resolve/resolve-environment.js';
import { loadedEnvironment, loadedFile, loadedProject, positionIn } from './support/loaded.js';

const baseFile = loadedFile('rivven.config.ts', {
  cluster: { replicas: 3, storage: { size: '100Gi' } },
  topicDefaults: { replicationFactor: 3 },
  topics: { orders: { partitions: 12, acls: [{ principal: 'user:a', operations: ['Read'] }] }, debug: { partitions: 1 } },
});
const prodFile = loadedEnvironment('prod', {
  cluster: { replicas: 5 },
  topics: { orders: { acls: [{ principal: 'user:b', operations: ['Write'] }] }, debug: null },
});
const merged = mergeLayers([
  { layer: 'base', file: baseFile.file, value: baseFile.value, positions: baseFile.positions },
  { layer: 'environment', file: prodFile.file, value: prodFile.value, positions: prodFile.positions },
]);
const at = (...path: (string | number)[]) => merged.provenance.get(pathKey(path));

test('explain: cluster.replicas set in the base at A and overridden in prod at B → origin B, overridden [A]', () => {
  assert.equal(at('cluster', 'replicas'), {
    origin: { layer: 'environment', loc: positionIn(prodFile, ['cluster', 'replicas']) },
    overridden: [{ layer: 'base', loc: positionIn(baseFile, ['cluster', 'replicas']) }],
  });
});

test('a value only the base set keeps the base origin and overrides nothing', () => {
  assert.equal(at('cluster', 'storage', 'size'), { origin: { layer: 'base', loc: positionIn(baseFile, ['cluster', 'storage', 'size']) }, overridden: [] });
});

test('object nodes have provenance too: both layers wrote cluster', () => {
  assert.equal(at('cluster')?.origin, { layer: 'environment', loc: positionIn(prodFile, ['cluster']) });
  assert.equal(at('cluster')?.overridden, [{ layer: 'base', loc: positionIn(baseFile, ['cluster']) }]);
});

test('removing with null records where it was removed, and forgets what was under it', () => {
  assert.equal(at('topics', 'debug'), {
    origin: { layer: 'environment', loc: positionIn(prodFile, ['topics', 'debug']) },
    overridden: [{ layer: 'base', loc: positionIn(baseFile, ['topics', 'debug']) }],
  });
  assert.ok(merged.removed.has(pathKey(['topics', 'debug'])));
  assert.is(at('topics', 'debug', 'partitions'), undefined);
});

test('a replaced array is one value set by the environment; its elements point into the environment file', () => {
  assert.equal(at('topics', 'orders', 'acls')?.origin, { layer: 'environment', loc: positionIn(prodFile, ['topics', 'orders', 'acls']) });
  assert.equal(at('topics', 'orders', 'acls', 0, 'principal'), {
    origin: { layer: 'environment', loc: positionIn(prodFile, ['topics', 'orders', 'acls', 0, 'principal']) },
    overridden: [],
  });
  assert.is(at('topics', 'orders', 'acls', 0, 'operations', 0)?.origin.loc?.file, 'environments/prod.ts');
});

test('replacing an array drops the provenance of base elements the new array does not have', () => {
  const base = loadedFile('rivven.config.ts', { list: [1, 2, 3] });
  const env = loadedEnvironment('dev', { list: [9] });
  const { provenance } = mergeLayers([
    { layer: 'base', file: base.file, value: base.value, positions: base.positions },
    { layer: 'environment', file: env.file, value: env.value, positions: env.positions },
  ]);
  assert.is(provenance.get(pathKey(['list', 0]))?.origin.layer, 'environment');
  assert.is(provenance.get(pathKey(['list', 2])), undefined);
});

test('locateIn falls back to the closest ancestor written in a file', () => {
  assert.equal(locateIn(merged.provenance, ['cluster', 'storage', 'storageClassName']), positionIn(baseFile, ['cluster', 'storage']));
  assert.is(locateIn(merged.provenance, ['nowhere', 'at', 'all']), undefined);
});

test('a value built without a literal position falls back to the closest written property', () => {
  const env = { ...loadedEnvironment('dev', { cluster: { replicas: 1 } }) };
  const positions = new Map(env.positions);
  positions.delete(pathKey(['cluster', 'replicas']));
  const { provenance } = mergeLayers([{ layer: 'environment', file: env.file, value: env.value, positions }]);
  assert.equal(provenance.get(pathKey(['cluster', 'replicas']))?.origin.loc, positionIn(env, ['cluster']));
});

test('after resolve, defaults are named: layer "default" for values no file set', () => {
  const project = loadedProject({ cluster: { replicas: 3 } }, { dev: { cluster: { replicas: 1 } } });
  const { environment } = resolveEnvironment(project, 'dev');
  assert.equal(environment?.provenance.get(pathKey(['cluster', 'name'])), { origin: { layer: 'default' }, overridden: [] });
  assert.equal(environment?.provenance.get(pathKey(['namespace'])), { origin: { layer: 'default' }, overridden: [] });
  assert.is(environment?.provenance.get(pathKey(['cluster', 'replicas']))?.origin.layer, 'environment');
});

test('after resolve, a topic field filled from topicDefaults points at topicDefaults', () => {
  const project = { root: '/p', base: baseFile, environments: [prodFile] };
  const { environment, findings } = resolveEnvironment(project, 'prod');
  assert.equal(findings, []);
  assert.equal(environment?.provenance.get(pathKey(['topics', 'orders', 'replicationFactor']))?.origin, {
    layer: 'base',
    loc: positionIn(baseFile, ['topicDefaults', 'replicationFactor']),
  });
  assert.equal(environment?.provenance.get(pathKey(['topics', 'orders', 'retention']))?.origin, { layer: 'default' });
});

test('after resolve, a block removed with null and filled by a default says so', () => {
  const project = loadedProject({ cluster: { tls: { enabled: false } } }, { dev: { cluster: { tls: null } } });
  const { environment } = resolveEnvironment(project, 'dev');
  const entry = environment?.provenance.get(pathKey(['cluster', 'tls']));
  assert.is(entry?.origin.layer, 'default');
  assert.equal(entry?.overridden.map((o) => o.layer), ['environment', 'base']);
});

test.run();
