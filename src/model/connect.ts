import { z } from 'zod';
import { defaults } from './defaults.js';
import { dnsLabel, envVar, objectName, resources, stringMap, toleration } from './primitives.js';
import { postgresCdcSchema } from './postgres-cdc.js';

/** Free-form connector configuration, passed to the connector as written. */
const connectorConfig = z.record(z.string(), z.unknown());

export const sourceSchema = z.strictObject({
  /** Connector type, e.g. `postgres-cdc`, `mysql-cdc`, `http`, `kafka`, `s3`. */
  connector: z.string().min(1),
  /** Topic the source publishes to. */
  topic: z.string().min(1),
  /** Topic pattern with `{schema}`, `{table}`, `{database}` placeholders. */
  topicRouting: z.string().min(1).optional(),
  /** @default true */
  enabled: z.boolean().default(true),
  config: connectorConfig.optional(),
  /** Typed configuration for `connector: 'postgres-cdc'`, rendered into `config`. */
  postgresCdc: postgresCdcSchema.optional(),
  /** Secret whose keys are merged into the connector config (credentials go here, never in config). */
  configSecretRef: objectName.optional(),
  topicConfig: z
    .strictObject({
      partitions: z.number().int().min(1).max(10000).optional(),
      replicationFactor: z.number().int().min(1).max(10).optional(),
      /** @default true */
      autoCreate: z.boolean().optional(),
    })
    .optional(),
});

export const sinkSchema = z.strictObject({
  /** Connector type, e.g. `s3`, `iceberg`, `delta`, `http`, `snowflake`. */
  connector: z.string().min(1),
  /** Topics to consume; wildcards such as `cdc.*` allowed. */
  topics: z.array(z.string().min(1)).min(1).max(1000),
  consumerGroup: z.string().min(1),
  /** @default true */
  enabled: z.boolean().default(true),
  /** @default 'latest' */
  startOffset: z.enum(['earliest', 'latest']).default(defaults.connect.startOffset),
  config: connectorConfig.optional(),
  configSecretRef: objectName.optional(),
  rateLimit: z
    .strictObject({
      eventsPerSecond: z.number().int().min(0).optional(),
      burstCapacity: z.number().int().min(0).optional(),
    })
    .optional(),
});

export const connectPipelineSchema = z.strictObject({
  /** RivvenCluster this pipeline connects to. @default cluster.name */
  cluster: dnsLabel.optional(),
  /** Connect workers (1–10). @default 1 */
  replicas: z.number().int().min(1).max(10).default(defaults.connect.replicas),
  image: z.string().min(1).optional(),
  imagePullPolicy: z.enum(['Always', 'IfNotPresent', 'Never']).optional(),
  imagePullSecrets: z.array(objectName).optional(),
  resources: resources.optional(),
  /** @default 'info' */
  logLevel: z.enum(['trace', 'debug', 'info', 'warn', 'error']).default(defaults.connect.logLevel),
  /** @default '/data/connect-state' */
  stateDir: z.string().min(1).default(defaults.connect.stateDir),
  sources: z.record(z.string(), sourceSchema).default({}),
  sinks: z.record(z.string(), sinkSchema).default({}),
  settings: z
    .strictObject({
      topic: z
        .strictObject({
          autoCreate: z.boolean().optional(),
          defaultPartitions: z.number().int().min(1).max(10000).optional(),
          defaultReplicationFactor: z.number().int().min(1).max(10).optional(),
        })
        .optional(),
      retry: z
        .strictObject({
          maxRetries: z.number().int().min(0).max(100).optional(),
          initialBackoffMs: z.number().int().min(10).optional(),
          maxBackoffMs: z.number().int().min(100).optional(),
        })
        .optional(),
      health: z.strictObject({ enabled: z.boolean().optional(), port: z.number().int().min(1024).max(65535).optional() }).optional(),
      metrics: z.strictObject({ enabled: z.boolean().optional(), port: z.number().int().min(1024).max(65535).optional() }).optional(),
    })
    .optional(),
  tls: z
    .strictObject({
      enabled: z.boolean().default(true),
      certSecretName: objectName.optional(),
      mtlsEnabled: z.boolean().optional(),
      caSecretName: objectName.optional(),
      insecure: z.boolean().optional(),
    })
    .optional(),
  podAnnotations: stringMap.optional(),
  podLabels: stringMap.optional(),
  env: z.array(envVar).optional(),
  nodeSelector: stringMap.optional(),
  tolerations: z.array(toleration).optional(),
  serviceAccount: objectName.optional(),
});
