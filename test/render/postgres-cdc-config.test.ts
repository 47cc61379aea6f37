import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { stringify } from 'yaml';
import { findConfigConflicts, findPostgresCdcIssues, mergeConnectorConfig, renderPostgresCdcConfig } from '../../src/render/postgres-cdc-config.js';
import { postgresCdcSchema } from '../../src/model/postgres-cdc.js';
import type { ResolvedPostgresCdc, UserPostgresCdc } from '../../src/model/types.js';
import { checkGolden } from '../support/crd-schema.js';

function resolved(cdc: UserPostgresCdc): ResolvedPostgresCdc {
  return postgresCdcSchema.parse(cdc);
}

/** The deployment guide's advanced CDC source, as the example fleet writes it (mask_field fields as a list). */
const guide: UserPostgresCdc = {
  slotName: 'rivven_slot',
  publication: 'rivven_pub',
  snapshotMode: 'initial',
  tables: [
    { schema: 'public', table: 'orders', columns: ['id', 'customer_id', 'total'] },
    { schema: 'public', table: 'customers', columnMasks: { email: '***@***.***' } },
  ],
  snapshot: { batchSize: 20000, parallelTables: 8, queryTimeoutSecs: 600, maxRetries: 5 },
  incrementalSnapshot: { chunkSize: 2048, watermarkStrategy: 'update_and_insert', maxConcurrentChunks: 4 },
  heartbeat: { intervalSecs: 5, maxLagSecs: 60, emitEvents: true },
  deduplication: { bloomExpectedInsertions: 500000, bloomFpp: 0.001, lruSize: 50000, windowSecs: 7200 },
  transactionTopic: { topicName: 'cdc.transactions', includeDataCollections: true },
  schemaChangeTopic: { topicName: 'cdc.schema-changes', includeColumns: true },
  parallel: { concurrency: 8, perTableBuffer: 2000, outputBuffer: 20000, workStealing: true },
  health: { checkIntervalSecs: 5, maxLagMs: 10000, failureThreshold: 3, autoRecovery: true },
  router: {
    defaultDestination: 'cdc.events',
    deadLetterQueue: 'cdc.dlq',
    rules: [{ conditionType: 'table', conditionValue: 'orders', destination: 'cdc.orders', priority: 100 }],
  },
  partitioner: { numPartitions: 12, strategy: 'key_hash', keyColumns: ['customer_id'] },
  transforms: [{ type: 'mask_field', config: { fields: ['ssn', 'credit_card'] } }],
};

test("the guide's CDC example renders to the connector's own keys (golden)", () => {
  assert.equal(checkGolden(stringify(renderPostgresCdcConfig(resolved(guide)), { sortMapEntries: true }), 'postgres-cdc/guide'), []);
});

test('minimal: slot, publication_name, tables as schema.table strings, snapshot.mode', () => {
  assert.equal(renderPostgresCdcConfig(resolved({ slotName: 's1', publication: 'p1', tables: [{ table: 'orders' }, { schema: 'sales', table: 'items' }] })), {
    slot_name: 's1',
    publication_name: 'p1',
    tables: ['public.orders', 'sales.items'],
    snapshot: { mode: 'initial' },
  });
});

test('every key is snake_case, and the names are the ones the connector reads', () => {
  const config = renderPostgresCdcConfig(resolved(guide));
  const keys: string[] = [];
  const walk = (value: unknown, at: string): void => {
    if (Array.isArray(value)) value.forEach((v) => walk(v, at));
    else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        // Column filter keys are table names; transform config is the transform's own.
        if (at !== 'column_filters' && at !== 'config') keys.push(k);
        walk(v, k);
      }
    }
  };
  walk(config, '');
  assert.equal(keys.filter((k) => !/^[a-z0-9_]+$/.test(k)), []);
  assert.ok('publication_name' in config);
  assert.not.ok('publication' in config);
  assert.not.ok('snapshot_mode' in config, 'the mode lives at snapshot.mode');
  assert.not.ok('decoding_plugin' in config, 'the connector always uses pgoutput');
});

test('columns become column_filters; masks become mask_field transforms that run before the user transforms', () => {
  const config = renderPostgresCdcConfig(resolved(guide));
  assert.equal(config['column_filters'], { 'public.orders': { include: ['id', 'customer_id', 'total'] } });
  assert.equal(config['transforms'], [
    { type: 'mask_field', name: 'mask-public.customers', predicate: { schema: '^public$', table: '^customers$' }, config: { fields: ['email'] } },
    { type: 'mask_field', config: { fields: ['ssn', 'credit_card'] } },
  ]);
  const special = renderPostgresCdcConfig(resolved({ slotName: 's', publication: 'p', tables: [{ schema: 'a.b', table: 'c$d', columnMasks: { x: '*' } }] }));
  assert.equal(special['transforms'], [{ type: 'mask_field', name: 'mask-a.b.c$d', predicate: { schema: '^a\\.b$', table: '^c\\$d$' }, config: { fields: ['x'] } }]);
});

test('guide values map onto upstream values: insert_insert watermark, router conditions, partitioner strategies', () => {
  const config = renderPostgresCdcConfig(
    resolved({
      slotName: 's',
      publication: 'p',
      tables: [{ table: 't' }],
      incrementalSnapshot: { watermarkStrategy: 'insert_insert' },
      router: {
        enabled: false,
        rules: [
          { conditionType: 'schema', conditionValue: 'sales', destination: 'a' },
          { conditionType: 'operation', conditionValue: 'delete', destination: 'b' },
          { conditionType: 'field', conditionValue: 'priority', destination: 'c' },
        ],
      },
      partitioner: { strategy: 'sticky' },
    }),
  );
  assert.equal(config['incremental_snapshot'], { enabled: true, watermark_strategy: 'insert' });
  assert.equal(config['router'], {
    enabled: false,
    rules: [
      { name: 'schema:sales', condition: { type: 'schema', schema: 'sales' }, destinations: ['a'] },
      { name: 'operation:delete', condition: { type: 'operation', op: 'delete' }, destinations: ['b'] },
      { name: 'field:priority', condition: { type: 'field_exists', field: 'priority' }, destinations: ['c'] },
    ],
  });
  assert.equal(config['partitioner'], { enabled: true, strategy: { type: 'sticky', partition: 0 } });
  const byColumns = renderPostgresCdcConfig(resolved({ slotName: 's', publication: 'p', tables: [{ table: 't' }], partitioner: { keyColumns: ['k'] } }));
  assert.equal(byColumns['partitioner'], { enabled: true, strategy: { type: 'key_hash', columns: ['k'] } });
});

test('heartbeat: only the interval has a connector key', () => {
  const base = { slotName: 's', publication: 'p', tables: [{ table: 't' }] };
  assert.is(renderPostgresCdcConfig(resolved({ ...base, heartbeat: { intervalSecs: 5, maxLagSecs: 60 } }))['heartbeat_interval_secs'], 5);
  assert.not.ok('heartbeat' in renderPostgresCdcConfig(resolved({ ...base, heartbeat: { intervalSecs: 5 } })));
  assert.not.ok('heartbeat_interval_secs' in renderPostgresCdcConfig(resolved({ ...base, heartbeat: { enabled: false, intervalSecs: 5 } })));
});

test('merge: typed keys first, free-form keys added, nested objects merged, conflicts listed', () => {
  const typed = { slot_name: 's', snapshot: { mode: 'initial' }, tables: ['public.t'] };
  const free = { host: 'db', snapshot: { progress_dir: '/data/snap', mode: 'never' }, slot_name: 'other', tables: ['x.y'] };
  assert.equal(mergeConnectorConfig(typed, free), { slot_name: 's', snapshot: { mode: 'initial', progress_dir: '/data/snap' }, tables: ['public.t'], host: 'db' });
  assert.equal(findConfigConflicts(typed, free), [['slot_name'], ['snapshot', 'mode'], ['tables']]);
  assert.equal(findConfigConflicts(typed, { host: 'db' }), []);
});

test('findPostgresCdcIssues: conflicts, unread settings, mask texts and refused names', () => {
  const at = ['connect', 'cdc-pipeline', 'sources', 'pg', 'postgresCdc'];
  const issues = (cdc: UserPostgresCdc, free?: Record<string, unknown>) => findPostgresCdcIssues(resolved(cdc), free, at).map((f) => `${f.code} ${f.severity} ${f.path}`);
  assert.equal(issues({ slotName: 's', publication: 'p', tables: [{ table: 't' }] }, { host: 'db', port: 5432 }), []);
  assert.equal(issues(guide, { host: 'db', publication_name: 'other' }), [
    'RG500 error connect.cdc-pipeline.sources.pg.config.publication_name',
    'RG501 warning connect.cdc-pipeline.sources.pg.postgresCdc.heartbeat.maxLagSecs',
    'RG501 warning connect.cdc-pipeline.sources.pg.postgresCdc.heartbeat.emitEvents',
    'RG501 warning connect.cdc-pipeline.sources.pg.postgresCdc.parallel',
    'RG501 warning connect.cdc-pipeline.sources.pg.postgresCdc.health',
    'RG501 warning connect.cdc-pipeline.sources.pg.postgresCdc.router',
    'RG501 warning connect.cdc-pipeline.sources.pg.postgresCdc.partitioner',
    'RG502 warning connect.cdc-pipeline.sources.pg.postgresCdc.tables[1].columnMasks',
  ]);
  assert.equal(issues({ slotName: '1slot', publication: 'my-pub', tables: [{ table: 'order-items' }] }), [
    'RG503 error connect.cdc-pipeline.sources.pg.postgresCdc.tables[0]',
    'RG503 error connect.cdc-pipeline.sources.pg.postgresCdc.publication',
    'RG503 error connect.cdc-pipeline.sources.pg.postgresCdc.slotName',
  ]);
  // The example fleet's first draft wrote fields as one string; the connector wants a list.
  const transforms = [{ type: 'mask_field', config: { fields: 'ssn,credit_card' } }, { type: 'value_to_key' }, { type: 'flatten' }];
  assert.equal(issues({ slotName: 's', publication: 'p', tables: [{ table: 't' }], transforms }), [
    'RG507 error connect.cdc-pipeline.sources.pg.postgresCdc.transforms[0].config.fields',
    'RG507 error connect.cdc-pipeline.sources.pg.postgresCdc.transforms[1].config.fields',
  ]);
});

test.run();
