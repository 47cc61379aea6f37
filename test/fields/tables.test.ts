/**
 * Every row of every Rivven kind's table against the schema pack: the CRD has the field, with a type
 * the row's unit can write, and the default is the CRD's wherever the CRD has one.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkTable } from '../../src/fields/check-table.js';
import { defaultsRivvenVersion } from '../../src/fields/crd-schema.js';
import { rowDefault } from '../../src/fields/derive.js';
import type { KindTable } from '../../src/fields/row.js';
import { kindTables } from '../../src/fields/tables.js';
import { topicTable } from '../../src/fields/topic.js';
import { defaults } from '../../src/model/defaults.js';
import { topicFields, topicSchema } from '../../src/model/topic.js';
import { crdSchemaOf, schemaAt } from '../../src/fields/crd-schema.js';
import { operatorRivvendRows, rivvendDefault, rivvendTable } from '../../src/fields/rivvend.js';
import { rivvendEnv } from '../../src/facts/rivvend.js';

for (const table of kindTables) {
  test(`${table.kind}: every row names a field of the CRD, with a compatible type and the CRD's default`, () => {
    assert.equal(checkTable(table), []);
  });
}

test('a row for a field the CRD lacks, or of the wrong type, is refused', () => {
  const copy: KindTable = {
    ...topicTable,
    rows: [
      ...topicTable.rows,
      { config: ['retentionHours'], crd: 'spec.config.retentionHours', unit: 'plain', default: { from: 'none' } },
      { config: ['partitions'], crd: 'spec.partitions', unit: 'string-map', default: { from: 'crd' } },
      { config: ['labels'], crd: 'spec.topicLabels', unit: 'string-map', default: { from: 'crd' } },
    ],
  };
  assert.equal(checkTable(copy), [
    'RivvenTopic spec.config.retentionHours: the CRD has no such field',
    'RivvenTopic spec.partitions: unit string-map needs object, the CRD says integer',
    'RivvenTopic spec.topicLabels: the default is said to come from the CRD, which has none',
  ]);
});

test("a row that keeps its own default where the CRD has one is refused", () => {
  const copy: KindTable = { ...topicTable, rows: [{ config: ['partitions'], crd: 'spec.partitions', unit: 'plain', default: { from: 'model', value: 6, why: 'test' } }], classifyOrder: [] };
  assert.equal(checkTable(copy), ['RivvenTopic spec.partitions: the CRD has a default (3); the row must take it']);
});

test("the topic table maps every setting of the model's topic, and nothing else", () => {
  const mapped = topicTable.rows.map((r) => r.config.join('.')).sort();
  assert.equal(mapped, Object.keys(topicSchema.shape).sort());
});

test('the enums of the topic model are the CRD enums, so a CRD default is always a model value', () => {
  const spec = crdSchemaOf(topicTable.kind);
  for (const key of ['cleanupPolicy', 'compressionType', 'messageTimestampType'] as const) {
    const row = topicTable.rows.find((r) => r.config[0] === key);
    assert.ok(row);
    assert.equal([...topicFields[key].options], schemaAt(spec, row?.crd ?? '')?.enum, key);
  }
});

test("the model's topic defaults are the CRD's (partitions 3 is written nowhere but in the CRD)", () => {
  const byConfig = (key: string) => {
    const row = topicTable.rows.find((r) => r.config.join('.') === key);
    return row === undefined ? undefined : rowDefault(topicTable, row);
  };
  assert.is(defaults.topic.partitions, 3);
  assert.is(byConfig('partitions'), defaults.topic.partitions);
  assert.is(byConfig('retention'), defaults.topic.retentionMs);
  assert.is(byConfig('flushInterval'), defaults.topic.flushIntervalMs);
  assert.is(byConfig('deleteOnRemove'), true);
});

test('the defaults come from the schema pack of the release the model pins by default', () => {
  assert.is(defaultsRivvenVersion, defaults.rivvenVersion);
});

test('every variable of the rivvend table is one rivvend reads, once, and a rivvend default exists where a row takes it', () => {
  const names = rivvendTable.map((r) => r.env);
  assert.equal(names.filter((n) => !(n in rivvendEnv)), []);
  assert.equal(new Set(names).size, names.length);
  assert.equal(rivvendTable.filter((r) => r.default.from === 'rivvend' && rivvendDefault(r) === undefined).map((r) => r.env), []);
  for (const r of operatorRivvendRows) assert.ok(rivvendTable.includes(r), r.env);
});

test("rivvend's defaults come from the fact table: partitions 3, replication 3, min ISR 2", () => {
  const byEnv = (env: string) => rivvendTable.find((r) => r.env === env);
  const at = (env: string) => {
    const r = byEnv(env);
    return r === undefined ? undefined : rivvendDefault(r);
  };
  assert.equal([at('RIVVEN_DEFAULT_PARTITIONS'), at('RIVVEN_REPLICATION_FACTOR'), at('RIVVEN_MIN_ISR')], ['3', '3', '2']);
});

test.run();
