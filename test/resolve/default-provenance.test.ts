import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { LeafProvenance } from '../../src/model/types.js';
import { mergeLayers } from '../../src/resolve/merge.js';
import { pathKey, type PathSegment } from '../../src/core/path.js';
import { addDefaultProvenance } from '../../src/resolve/provenance.js';
import { resolveEnvironment } from '../../src/resolve/resolve-environment.js';
import { loadedEnvironment, loadedFile } from './support/loaded.js';
import { isPlainObject } from '../../src/core/json.js';

/** The complete map as it was first built: a walk over the config adding every default entry. */
function reference(config: unknown, written: Map<string, LeafProvenance>, removed: ReadonlySet<string>): Map<string, LeafProvenance> {
  const provenance = new Map(written);
  const walk = (value: unknown, path: PathSegment[]): void => {
    if (path.length > 0) {
      const key = pathKey(path);
      const entry = provenance.get(key);
      const [root, , field, ...rest] = path;
      const fromTopicDefaults =
        root === 'topics' && path.length >= 3 && field !== undefined ? provenance.get(pathKey(['topicDefaults', field, ...rest])) : undefined;
      if (entry === undefined) provenance.set(key, fromTopicDefaults === undefined ? { origin: { layer: 'default' }, overridden: [] } : { origin: fromTopicDefaults.origin, overridden: [] });
      else if (removed.has(key)) provenance.set(key, { origin: { layer: 'default' }, overridden: [entry.origin, ...entry.overridden] });
    }
    if (Array.isArray(value)) value.forEach((element: unknown, index) => walk(element, [...path, index]));
    else if (isPlainObject(value)) for (const k of Object.keys(value)) walk(value[k], [...path, k]);
  };
  walk(config, []);
  return provenance;
}

const base = loadedFile('rivven.config.ts', {
  project: 'shop',
  cluster: { replicas: 3, storage: { size: '100Gi' }, tls: { enabled: true, existingSecret: 'tls' } },
  topicDefaults: { replicationFactor: 3, retention: '7d' },
  topics: {
    orders: { partitions: 12, acls: [{ principal: 'user:a', operations: ['Read'] }], labels: { 'a/b': 'x~y' } },
    debug: { partitions: 1 },
    'cdc.events': { partitions: 6 },
  },
  backup: { method: 'volume-snapshot', schedule: '0 2 * * *' },
});
const prod = loadedEnvironment('prod', {
  cluster: { replicas: 5, tls: null },
  topicDefaults: { retention: null, minInsyncReplicas: 2 },
  topics: { orders: { acls: [{ principal: 'user:b', operations: ['Write'] }] }, debug: null },
  backup: null,
});

test('defaults worked out on demand are the entries of the complete map, in its order', () => {
  const { environment, findings } = resolveEnvironment({ root: '/p', base, environments: [prod] }, 'prod');
  assert.equal(findings, []);
  if (environment === undefined) throw new Error('prod did not resolve');
  const merged = mergeLayers([
    { layer: 'base', file: base.file, value: base.value, positions: base.positions },
    { layer: 'environment', file: prod.file, value: prod.value, positions: prod.positions },
  ]);
  const expected = reference(environment.config, merged.provenance, merged.removed);
  // Asked one by one, in an order unlike the walk's (topics before topicDefaults), on a fresh map.
  const lazy = addDefaultProvenance(environment.config, merged.provenance, merged.removed);
  for (const key of [...expected.keys()].reverse()) assert.equal(lazy.get(key), expected.get(key), key);
  assert.is(lazy.get(pathKey(['topics', 'nope'])), undefined);
  assert.is(lazy.get(pathKey(['topics', 'orders', 'acls', 1])), undefined);
  assert.is(lazy.has(pathKey(['cluster', 'replicas'])), true);
  // Iterating gives the complete map itself, entries in the same order.
  assert.equal([...addDefaultProvenance(environment.config, merged.provenance, merged.removed)], [...expected]);
  assert.equal([...environment.provenance.keys()], [...expected.keys()]);
  assert.is(environment.provenance.size, expected.size);
  // The cases the rules rely on: a default after a removal, a topic field from topicDefaults.
  assert.equal(lazy.get(pathKey(['cluster', 'tls']))?.overridden.map((o) => o.layer), ['environment', 'base']);
  assert.equal(lazy.get(pathKey(['topics', 'orders', 'minInsyncReplicas']))?.origin.layer, 'environment');
  assert.equal(lazy.get(pathKey(['topics', 'orders', 'partitions']))?.origin.layer, 'base');
});

test.run();
