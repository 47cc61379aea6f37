import { z } from 'zod';

/**
 * Typed helper for the postgres-cdc connector, covering the deployment guide's advanced CDC features.
 * Users write camelCase; the renderer passes the connector its own snake_case keys (the connector
 * reads `config` as-is, and `tables` as a list of `schema.table` strings).
 */
const enabled = { enabled: z.boolean().default(true) };

export const cdcTableSchema = z.strictObject({
  /** @default 'public' */
  schema: z.string().min(1).default('public'),
  table: z.string().min(1),
  /** Capture only these columns. */
  columns: z.array(z.string().min(1)).optional(),
  /** Replace column values with a mask, e.g. `{ email: '***' }`. */
  columnMasks: z.record(z.string(), z.string()).optional(),
});

export const cdcTransformSchema = z.strictObject({
  /** Transform type, e.g. `extract_new_record_state`, `mask_field`, `filter`, `flatten`. */
  type: z.string().min(1),
  /** Transform settings; lists too, since e.g. `mask_field` requires `fields: ['ssn', ...]` as a list. */
  config: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number(), z.boolean()]))])).optional(),
});

export const postgresCdcSchema = z.strictObject({
  slotName: z.string().regex(/^[a-z0-9_]{1,63}$/, 'Invalid replication slot name: lower case letters, digits and "_" (max 63)'),
  publication: z.string().min(1),
  /** @default 'initial' */
  snapshotMode: z.enum(['initial', 'always', 'never', 'initial_only', 'when_needed']).default('initial'),
  /** @default 'pgoutput' */
  decodingPlugin: z.enum(['pgoutput']).default('pgoutput'),
  tables: z.array(cdcTableSchema).min(1),
  snapshot: z
    .strictObject({
      batchSize: z.number().int().min(1).optional(),
      parallelTables: z.number().int().min(1).optional(),
      queryTimeoutSecs: z.number().int().min(1).optional(),
      maxRetries: z.number().int().min(0).optional(),
    })
    .optional(),
  incrementalSnapshot: z
    .strictObject({
      ...enabled,
      chunkSize: z.number().int().min(1).optional(),
      watermarkStrategy: z.enum(['insert_insert', 'update_and_insert']).optional(),
      maxConcurrentChunks: z.number().int().min(1).optional(),
    })
    .optional(),
  heartbeat: z
    .strictObject({
      ...enabled,
      intervalSecs: z.number().int().min(1).optional(),
      maxLagSecs: z.number().int().min(1).optional(),
      emitEvents: z.boolean().optional(),
    })
    .optional(),
  deduplication: z
    .strictObject({
      ...enabled,
      bloomExpectedInsertions: z.number().int().min(1).optional(),
      bloomFpp: z.number().gt(0).lt(1).optional(),
      lruSize: z.number().int().min(1).optional(),
      windowSecs: z.number().int().min(1).optional(),
    })
    .optional(),
  transactionTopic: z
    .strictObject({ ...enabled, topicName: z.string().min(1), includeDataCollections: z.boolean().optional() })
    .optional(),
  schemaChangeTopic: z
    .strictObject({ ...enabled, topicName: z.string().min(1), includeColumns: z.boolean().optional() })
    .optional(),
  parallel: z
    .strictObject({
      ...enabled,
      concurrency: z.number().int().min(1).optional(),
      perTableBuffer: z.number().int().min(1).optional(),
      outputBuffer: z.number().int().min(1).optional(),
      workStealing: z.boolean().optional(),
    })
    .optional(),
  health: z
    .strictObject({
      ...enabled,
      checkIntervalSecs: z.number().int().min(1).optional(),
      maxLagMs: z.number().int().min(1).optional(),
      failureThreshold: z.number().int().min(1).optional(),
      autoRecovery: z.boolean().optional(),
    })
    .optional(),
  router: z
    .strictObject({
      ...enabled,
      defaultDestination: z.string().min(1).optional(),
      deadLetterQueue: z.string().min(1).optional(),
      rules: z
        .array(
          z.strictObject({
            conditionType: z.enum(['table', 'schema', 'operation', 'field']),
            conditionValue: z.string().min(1),
            destination: z.string().min(1),
            priority: z.number().int().optional(),
          }),
        )
        .optional(),
    })
    .optional(),
  partitioner: z
    .strictObject({
      ...enabled,
      numPartitions: z.number().int().min(1).max(10000).optional(),
      strategy: z.enum(['key_hash', 'round_robin', 'table_hash', 'sticky']).optional(),
      keyColumns: z.array(z.string().min(1)).optional(),
    })
    .optional(),
  transforms: z.array(cdcTransformSchema).optional(),
});
