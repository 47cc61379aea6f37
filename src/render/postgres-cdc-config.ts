/**
 * The typed `postgresCdc` helper → the postgres-cdc connector's own configuration keys.
 *
 * RivvenConnect passes `sources[].config` to the connector as-is, so the keys must be the ones the
 * connector deserializes. They come from the upstream connector source (hupe1980/rivven):
 * - `crates/rivven-connect/src/connectors/cdc/postgres.rs`, struct `PostgresCdcConfig`: `slot_name`,
 *   `publication_name` (not `publication`), `tables` (a list of `schema.table` strings), `snapshot`,
 *   `heartbeat_interval_secs`, `transforms`, `column_filters`, `incremental_snapshot`,
 *   `transaction_topic`, `schema_change_topic`, `deduplication`;
 * - `crates/rivven-connect/src/connectors/cdc/config.rs`: the nested shapes (`snapshot.mode`,
 *   `incremental_snapshot.watermark_strategy` = `insert` | `update_and_insert`, transforms
 *   `{type, predicate, config}`, and `EventRouterConfig`, `PartitionerConfig`, `ParallelCdcConfig`,
 *   `HealthMonitorConfig`).
 * `PostgresCdcConfig` has no `heartbeat`, `parallel`, `health`, `router` or `partitioner` field (the
 * feature processor builds those with defaults), and it does not deny unknown fields: those blocks are
 * rendered in the upstream shape so they work once the connector reads them, and
 * `findPostgresCdcIssues` warns (RG501) that today they have no effect.
 */
import type { Finding } from '../errors/diagnostic.js';
import { finding } from '../errors/catalog.js';
import type { ResolvedPostgresCdc } from '../model/types.js';
import { formatPath, type PathSegment } from '../core/path.js';
import { compact } from './k8s-object.js';
import { isRecord } from '../core/json.js';

type Json = Record<string, unknown>;

function qualifiedName(t: { readonly schema: string; readonly table: string }): string {
  return `${t.schema}.${t.table}`;
}

/** A regular expression matching exactly `text` (SMT predicates take regex patterns). */
function exactPattern(text: string): string {
  return `^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;
}

function renderTables(cdc: ResolvedPostgresCdc): Json {
  const filters: Json = {};
  for (const t of cdc.tables) if (t.columns !== undefined) filters[qualifiedName(t)] = { include: [...t.columns] };
  return {
    tables: cdc.tables.map(qualifiedName),
    ...(Object.keys(filters).length > 0 ? { column_filters: filters } : {}),
  };
}

/**
 * Column masks become `mask_field` transforms limited to their table by a predicate. They run before
 * the user's own transforms so no later transform (value_to_key, routing, flattening) sees the
 * clear value.
 */
function maskTransforms(cdc: ResolvedPostgresCdc): Json[] {
  return cdc.tables
    .filter((t) => t.columnMasks !== undefined && Object.keys(t.columnMasks).length > 0)
    .map((t) => ({
      type: 'mask_field',
      name: `mask-${qualifiedName(t)}`,
      predicate: { schema: exactPattern(t.schema), table: exactPattern(t.table) },
      config: { fields: Object.keys(t.columnMasks ?? {}).sort() },
    }));
}

const routeCondition = {
  table: (value: string) => ({ type: 'table', table: value }),
  schema: (value: string) => ({ type: 'schema', schema: value }),
  operation: (value: string) => ({ type: 'operation', op: value }),
  field: (value: string) => ({ type: 'field_exists', field: value }),
} as const;

function renderRouter(router: NonNullable<ResolvedPostgresCdc['router']>): Json {
  return {
    enabled: router.enabled,
    default_destination: router.defaultDestination,
    dead_letter_queue: router.deadLetterQueue,
    rules: router.rules?.map((rule) => ({
      // The upstream rule needs a name (used in its logs); ours are anonymous, so name them by what they match.
      name: `${rule.conditionType}:${rule.conditionValue}`,
      priority: rule.priority,
      condition: routeCondition[rule.conditionType](rule.conditionValue),
      destinations: [rule.destination],
    })),
  };
}

function renderPartitioner(p: NonNullable<ResolvedPostgresCdc['partitioner']>): Json {
  let strategy: Json | undefined;
  if (p.strategy === 'key_hash' || (p.strategy === undefined && p.keyColumns !== undefined)) strategy = { type: 'key_hash', columns: [...(p.keyColumns ?? ['id'])] };
  // Upstream `sticky` pins every event to one partition and needs its number; the model has none, so the first.
  else if (p.strategy === 'sticky') strategy = { type: 'sticky', partition: 0 };
  else if (p.strategy !== undefined) strategy = { type: p.strategy };
  return { enabled: p.enabled, num_partitions: p.numPartitions, strategy };
}

/** The connector configuration the typed helper stands for, in the connector's snake_case keys. */
export function renderPostgresCdcConfig(cdc: ResolvedPostgresCdc): Record<string, unknown> {
  const { snapshot, incrementalSnapshot: inc, heartbeat, deduplication: dedup } = cdc;
  const { transactionTopic: txTopic, schemaChangeTopic: ddlTopic, parallel, health } = cdc;
  const transforms = [...maskTransforms(cdc), ...(cdc.transforms ?? []).map((t) => ({ type: t.type, config: t.config }))];
  // `decodingPlugin` has no key: the connector always creates its slot with pgoutput, the only value the model allows.
  return compact({
    slot_name: cdc.slotName,
    publication_name: cdc.publication,
    ...renderTables(cdc),
    snapshot: {
      mode: cdc.snapshotMode,
      batch_size: snapshot?.batchSize,
      parallel_tables: snapshot?.parallelTables,
      query_timeout_secs: snapshot?.queryTimeoutSecs,
      max_retries: snapshot?.maxRetries,
    },
    incremental_snapshot: inc && {
      enabled: inc.enabled,
      chunk_size: inc.chunkSize,
      // The guide's `insert_insert` is upstream's `insert` (insert an open and a close marker).
      watermark_strategy: inc.watermarkStrategy === 'insert_insert' ? 'insert' : inc.watermarkStrategy,
      max_concurrent_chunks: inc.maxConcurrentChunks,
    },
    // The connector's only heartbeat key; it derives the lag limit (30 intervals) itself.
    heartbeat_interval_secs: heartbeat?.enabled === true ? heartbeat.intervalSecs : undefined,
    deduplication: dedup && {
      enabled: dedup.enabled,
      bloom_expected_insertions: dedup.bloomExpectedInsertions,
      bloom_fpp: dedup.bloomFpp,
      lru_size: dedup.lruSize,
      window_secs: dedup.windowSecs,
    },
    transaction_topic: txTopic && {
      enabled: txTopic.enabled,
      topic_name: txTopic.topicName,
      include_data_collections: txTopic.includeDataCollections,
    },
    schema_change_topic: ddlTopic && { enabled: ddlTopic.enabled, topic_name: ddlTopic.topicName, include_columns: ddlTopic.includeColumns },
    parallel: parallel && {
      enabled: parallel.enabled,
      concurrency: parallel.concurrency,
      per_table_buffer: parallel.perTableBuffer,
      output_buffer: parallel.outputBuffer,
      work_stealing: parallel.workStealing,
    },
    health: health && {
      enabled: health.enabled,
      check_interval_secs: health.checkIntervalSecs,
      max_lag_ms: health.maxLagMs,
      failure_threshold: health.failureThreshold,
      auto_recovery: health.autoRecovery,
    },
    router: cdc.router && renderRouter(cdc.router),
    partitioner: cdc.partitioner && renderPartitioner(cdc.partitioner),
    transforms: transforms.length > 0 ? transforms : undefined,
  });
}

/**
 * Dotted key paths that both the typed output and the free-form config set. Objects on both sides are
 * compared key by key, so a free-form `snapshot.progress_dir` next to the typed `snapshot.mode` is no
 * conflict; the same leaf (or an object against a scalar or list) is.
 */
export function findConfigConflicts(typed: Readonly<Record<string, unknown>>, freeForm: Readonly<Record<string, unknown>>, prefix: readonly string[] = []): string[][] {
  const conflicts: string[][] = [];
  for (const key of Object.keys(freeForm).sort()) {
    if (!(key in typed)) continue;
    const a = typed[key];
    const b = freeForm[key];
    if (isRecord(a) && isRecord(b)) conflicts.push(...findConfigConflicts(a, b, [...prefix, key]));
    else conflicts.push([...prefix, key]);
  }
  return conflicts;
}

/** The typed output with the free-form keys it does not set added; on a conflict the typed value stays (RG500 reports it). */
export function mergeConnectorConfig(typed: Readonly<Record<string, unknown>>, freeForm: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...typed };
  for (const [key, value] of Object.entries(freeForm)) {
    const mine = out[key];
    if (mine === undefined) out[key] = value;
    else if (isRecord(mine) && isRecord(value)) out[key] = mergeConnectorConfig(mine, value);
  }
  return out;
}

/** What `PostgresCdcSource::validate_sql_identifier` accepts (upstream cdc/postgres.rs). */
const sqlIdentifier = /^[A-Za-z_][A-Za-z0-9_.]*$/;

/**
 * Problems with a source's typed CDC settings that rendering cannot fix: conflicts with its free-form
 * `config` (RG500), settings the connector does not read (RG501), mask texts it cannot use (RG502),
 * names it refuses (RG503), transform settings of the wrong shape (RG507). `at` is the path of the
 * `postgresCdc` block; `freeForm` is the source's `config`.
 */
export function findPostgresCdcIssues(cdc: ResolvedPostgresCdc, freeForm: Readonly<Record<string, unknown>> | undefined, at: readonly PathSegment[]): Finding[] {
  const findings: Finding[] = [];
  const here = (...rest: PathSegment[]) => formatPath([...at, ...rest]);
  const sourcePath = at.slice(0, -1);

  for (const conflict of findConfigConflicts(renderPostgresCdcConfig(cdc), freeForm ?? {})) {
    findings.push(
      finding('RG500', {
        path: formatPath([...sourcePath, 'config', ...conflict]),
        message: `config.${conflict.join('.')} is also set by postgresCdc; the value from postgresCdc is rendered and this one is ignored.`,
      }),
    );
  }

  const unread: [PathSegment[], string][] = [];
  if (cdc.heartbeat?.enabled === false) unread.push([['heartbeat', 'enabled'], 'the connector always sends heartbeats (heartbeat_interval_secs is at least 1)']);
  if (cdc.heartbeat?.maxLagSecs !== undefined) unread.push([['heartbeat', 'maxLagSecs'], 'the connector derives the lag limit as 30 heartbeat intervals']);
  if (cdc.heartbeat?.emitEvents !== undefined) unread.push([['heartbeat', 'emitEvents'], 'the connector never emits heartbeat events']);
  for (const block of ['parallel', 'health', 'router', 'partitioner'] as const) {
    if (cdc[block] !== undefined) unread.push([[block], `the connector has no ${block} key (it runs ${block} with built-in defaults)`]);
  }
  for (const [path, why] of unread) {
    findings.push(finding('RG501', { severity: 'warning', path: here(...path), message: `${formatPath(path)} is not read by the postgres-cdc connector: ${why}.` }));
  }

  cdc.tables.forEach((t, i) => {
    if (t.columnMasks !== undefined && Object.values(t.columnMasks).length > 0) {
      findings.push(
        finding('RG502', {
          severity: 'warning',
          path: here('tables', i, 'columnMasks'),
          message: `${qualifiedName(t)}: columns ${Object.keys(t.columnMasks).sort().join(', ')} are masked with the connector's own mask, not the text given.`,
        }),
      );
    }
    if (!sqlIdentifier.test(qualifiedName(t))) {
      findings.push(finding('RG503', { path: here('tables', i), message: `Table "${qualifiedName(t)}" is not a name the connector accepts, so the source would fail at start-up.` }));
    }
  });
  (cdc.transforms ?? []).forEach((t, i) => {
    // Upstream build_smt: "mask_field requires 'fields' array" (likewise value_to_key).
    if ((t.type === 'mask_field' || t.type === 'value_to_key') && !Array.isArray(t.config?.['fields'])) {
      findings.push(finding('RG507', { path: here('transforms', i, 'config', 'fields'), message: `Transform ${t.type} needs config.fields as a list of column names.` }));
    }
  });
  if (!sqlIdentifier.test(cdc.publication) || cdc.publication.length > 63) {
    findings.push(finding('RG503', { path: here('publication'), message: `Publication "${cdc.publication}" is not a name the connector accepts (at most 63 characters).` }));
  }
  if (!sqlIdentifier.test(cdc.slotName)) {
    findings.push(finding('RG503', { path: here('slotName'), message: `Replication slot "${cdc.slotName}" must not start with a digit.` }));
  }
  return findings;
}
