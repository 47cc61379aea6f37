/**
 * A postgres-cdc source's snake_case `config` → the typed `postgresCdc` helper, when that is exact: the
 * candidate is rendered with the real renderer (renderPostgresCdcConfig) and merged with the keys the
 * helper does not cover, and only if that reproduces the input byte for byte is it used. Otherwise the
 * config stays free-form, which is always exact.
 */
import { postgresCdcSchema } from '../model/postgres-cdc.js';
import { mergeConnectorConfig, renderPostgresCdcConfig } from '../render/postgres-cdc-config.js';
import { asRecord, asString, asStringList, isPlainObject, setOwn } from './values.js';
import { jsonEqual } from '../core/json-equal.js';

type Json = Record<string, unknown>;

export interface TypedCdc {
  readonly postgresCdc: Json;
  /** Keys the helper does not produce, kept free-form beside it. */
  readonly config?: Json;
}

/** Copies the listed snake_case keys of `block` to camelCase keys, only when every key is known. */
function renameKeys(block: unknown, names: Readonly<Record<string, string>>): Json | undefined {
  const input = asRecord(block);
  if (input === undefined) return undefined;
  const out: Json = {};
  for (const [key, value] of Object.entries(input)) {
    const camel = names[key];
    if (camel === undefined) return undefined;
    out[camel] = value;
  }
  return out;
}

function tablesOf(config: Json): Json[] | undefined {
  const tables = asStringList(config['tables']);
  if (tables === undefined || tables.length === 0) return undefined;
  const filters = asRecord(config['column_filters']) ?? {};
  const out: Json[] = [];
  for (const qualified of tables) {
    const dot = qualified.indexOf('.');
    if (dot <= 0 || dot === qualified.length - 1) return undefined;
    const filter = asRecord(filters[qualified]);
    const columns = filter === undefined ? undefined : asStringList(filter['include']);
    if (filter !== undefined && (columns === undefined || Object.keys(filter).length !== 1)) return undefined;
    out.push({ schema: qualified.slice(0, dot), table: qualified.slice(dot + 1), ...(columns === undefined ? {} : { columns }) });
  }
  // Column filters of tables not listed cannot be expressed by the helper.
  if (Object.keys(filters).some((t) => !tables.includes(t))) return undefined;
  return out;
}

/** Builds the typed candidate from the keys the helper renders; the rest is returned as free-form. */
function candidateOf(config: Json): { typed: Json; rest: Json } | undefined {
  const slot = asString(config['slot_name']);
  const publication = asString(config['publication_name']);
  const tables = tablesOf(config);
  if (slot === undefined || publication === undefined || tables === undefined) return undefined;
  const typed: Json = { slotName: slot, publication, tables };
  const rest: Json = {};
  for (const [key, value] of Object.entries(config)) {
    switch (key) {
      case 'slot_name':
      case 'publication_name':
      case 'tables':
      case 'column_filters':
        break;
      case 'snapshot': {
        const snapshot = asRecord(value);
        if (snapshot === undefined) return undefined;
        const { mode, ...others } = snapshot;
        if (typeof mode === 'string') typed['snapshotMode'] = mode;
        const settings = renameKeys(others, { batch_size: 'batchSize', parallel_tables: 'parallelTables', query_timeout_secs: 'queryTimeoutSecs', max_retries: 'maxRetries' });
        if (settings === undefined) return undefined;
        if (Object.keys(settings).length > 0) typed['snapshot'] = settings;
        break;
      }
      case 'incremental_snapshot': {
        const inc = renameKeys(value, { enabled: 'enabled', chunk_size: 'chunkSize', watermark_strategy: 'watermarkStrategy', max_concurrent_chunks: 'maxConcurrentChunks' });
        if (inc === undefined) return undefined;
        // Upstream's `insert` is the model's (the guide's) `insert_insert`.
        if (inc['watermarkStrategy'] === 'insert') inc['watermarkStrategy'] = 'insert_insert';
        typed['incrementalSnapshot'] = inc;
        break;
      }
      case 'heartbeat_interval_secs':
        typed['heartbeat'] = { intervalSecs: value };
        break;
      case 'deduplication': {
        const dedup = renameKeys(value, { enabled: 'enabled', bloom_expected_insertions: 'bloomExpectedInsertions', bloom_fpp: 'bloomFpp', lru_size: 'lruSize', window_secs: 'windowSecs' });
        if (dedup === undefined) return undefined;
        typed['deduplication'] = dedup;
        break;
      }
      case 'transaction_topic': {
        const tx = renameKeys(value, { enabled: 'enabled', topic_name: 'topicName', include_data_collections: 'includeDataCollections' });
        if (tx === undefined) return undefined;
        typed['transactionTopic'] = tx;
        break;
      }
      case 'schema_change_topic': {
        const ddl = renameKeys(value, { enabled: 'enabled', topic_name: 'topicName', include_columns: 'includeColumns' });
        if (ddl === undefined) return undefined;
        typed['schemaChangeTopic'] = ddl;
        break;
      }
      case 'transforms': {
        // The helper renders transforms as { type, config }; any other shape stays free-form.
        const list = Array.isArray(value) ? value : undefined;
        const simple = list?.every((t) => isPlainObject(t) && typeof t['type'] === 'string' && Object.keys(t).every((k) => k === 'type' || k === 'config'));
        if (list !== undefined && simple === true) typed['transforms'] = list;
        else setOwn(rest, key, value);
        break;
      }
      default:
        // parallel, health, router, partitioner and anything else: the connector reads them as written.
        setOwn(rest, key, value);
    }
  }
  return { typed, rest };
}

/** The typed helper (and free-form rest) that renders exactly `config`, or undefined. */
export function typedPostgresCdc(config: unknown): TypedCdc | undefined {
  const input = asRecord(config);
  if (input === undefined) return undefined;
  const candidate = candidateOf(input);
  if (candidate === undefined) return undefined;
  const parsed = postgresCdcSchema.safeParse(candidate.typed);
  if (!parsed.success) return undefined;
  const rendered = mergeConnectorConfig(renderPostgresCdcConfig(parsed.data), candidate.rest);
  if (!jsonEqual(rendered, input)) return undefined;
  return { postgresCdc: candidate.typed, ...(Object.keys(candidate.rest).length > 0 ? { config: candidate.rest } : {}) };
}

