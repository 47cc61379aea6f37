import { z } from 'zod';
import { defaults } from './defaults.js';
import { dnsLabel, envVar, intOrPercent, objectName, probeTiming, promDuration, resources, stringMap, toleration } from './primitives.js';

const compatibilityLevel = z.enum(['BACKWARD', 'BACKWARD_TRANSITIVE', 'FORWARD', 'FORWARD_TRANSITIVE', 'FULL', 'FULL_TRANSITIVE', 'NONE']);

/**
 * The schema registry with the guide's fields mapped to the real RivvenSchemaRegistry names.
 * The guide's own words (`requestTimeoutMs`, `perSubject`, `formats`, `externalRegistry`, cedar) are
 * accepted and reported with RG406–RG409 / RG403 so a pasted guide snippet still explains itself.
 */
export const schemaRegistrySchema = z.strictObject({
  /** @default true once the block is present */
  enabled: z.boolean().default(true),
  /** Name of the RivvenSchemaRegistry. @default 'schema-registry' */
  name: dnsLabel.default(defaults.schemaRegistry.name),
  /** @default 1 */
  replicas: z.number().int().min(1).max(10).default(defaults.schemaRegistry.replicas),
  /** Image tag; by default rivvenVersion. */
  version: z.string().min(1).optional(),
  image: z.string().min(1).optional(),
  imagePullPolicy: z.enum(['Always', 'IfNotPresent', 'Never']).optional(),
  imagePullSecrets: z.array(objectName).optional(),
  resources: resources.optional(),
  server: z
    .strictObject({
      /** @default 8081 */
      port: z.number().int().min(1024).max(65535).default(defaults.schemaRegistry.port),
      bindAddress: z.string().optional(),
      /** @default 30 */
      timeoutSeconds: z.number().int().min(1).max(300).optional(),
      /** The guide's name; converted to timeoutSeconds (RG406). */
      requestTimeoutMs: z.number().int().min(1000).max(300_000).optional(),
      maxRequestSize: z.number().int().min(1024).max(104_857_600).optional(),
      corsEnabled: z.boolean().optional(),
      corsAllowedOrigins: z.array(z.string()).optional(),
    })
    .prefault({}),
  storage: z
    .strictObject({
      /** @default 'broker' */
      mode: z.enum(['memory', 'broker']).default(defaults.schemaRegistry.storageMode),
      /** @default '_schemas' */
      topic: z.string().min(1).default(defaults.schemaRegistry.storageTopic),
      /** @default 3 */
      replicationFactor: z.number().int().min(1).max(10).default(defaults.schemaRegistry.storageReplicationFactor),
      partitions: z.number().int().min(1).max(100).optional(),
      normalize: z.boolean().optional(),
    })
    .prefault({}),
  compatibility: z
    .strictObject({
      /** @default 'BACKWARD' */
      defaultLevel: compatibilityLevel.default(defaults.schemaRegistry.compatibility),
      allowOverrides: z.boolean().optional(),
      /** Per-subject levels, e.g. `{ 'orders-value': 'FULL' }`. */
      subjects: z.record(z.string(), compatibilityLevel).optional(),
      /** The guide's name for subjects (RG407). */
      perSubject: z.record(z.string(), compatibilityLevel).optional(),
    })
    .prefault({}),
  schemas: z
    .strictObject({
      avro: z.boolean().optional(),
      jsonSchema: z.boolean().optional(),
      protobuf: z.boolean().optional(),
      strictValidation: z.boolean().optional(),
    })
    .optional(),
  /** The guide's name for schemas (RG408). */
  formats: z
    .strictObject({ avro: z.boolean().optional(), jsonSchema: z.boolean().optional(), protobuf: z.boolean().optional() })
    .optional(),
  contexts: z
    .strictObject({
      enabled: z.boolean().optional(),
      maxContexts: z.number().int().min(0).max(10000).optional(),
      predefined: z
        .array(z.strictObject({ name: z.string().min(1).max(128), description: z.string().max(512).optional(), active: z.boolean().optional() }))
        .max(100)
        .optional(),
    })
    .optional(),
  validation: z
    .strictObject({
      enabled: z.boolean().optional(),
      maxSchemaSize: z.number().int().min(1024).max(10_485_760).optional(),
      rules: z
        .array(
          z.strictObject({
            name: z.string().min(1).max(128),
            ruleType: z.enum(['regex', 'field_exists', 'field_type', 'naming_convention', 'documentation']),
            pattern: z.string().min(1).max(4096),
            subjects: z.array(z.string()).optional(),
            schemaTypes: z.array(z.string()).optional(),
            level: z.enum(['error', 'warning', 'info']).optional(),
            description: z.string().max(512).optional(),
          }),
        )
        .max(100)
        .optional(),
    })
    .optional(),
  auth: z
    .strictObject({
      enabled: z.boolean().default(true),
      method: z.enum(['basic', 'jwt', 'cedar']),
      /** Secret holding the users' passwords (basic). */
      credentialsSecretRef: objectName.optional(),
      jwt: z
        .strictObject({
          issuerUrl: z.url(),
          jwksUrl: z.url().optional(),
          audience: z.string().optional(),
          usernameClaim: z.string().optional(),
          rolesClaim: z.string().optional(),
        })
        .optional(),
      users: z
        .array(
          z.strictObject({
            username: z.string().min(1).max(128),
            /** Key in credentialsSecretRef that holds this user's password. */
            passwordSecretKey: z.string().min(1).optional(),
            role: z.enum(['admin', 'writer', 'reader']).optional(),
            allowedSubjects: z.array(z.string()).optional(),
          }),
        )
        .max(100)
        .optional(),
      /** The guide's cedar block: the CRD has nowhere to put it (RG403). */
      cedar: z.strictObject({ policySecretRef: objectName }).optional(),
    })
    .optional(),
  tls: z
    .strictObject({
      enabled: z.boolean().default(true),
      certSecretName: objectName.optional(),
      mtlsEnabled: z.boolean().optional(),
      caSecretName: objectName.optional(),
      brokerTlsEnabled: z.boolean().optional(),
      brokerCertSecretName: objectName.optional(),
    })
    .optional(),
  metrics: z
    .strictObject({
      enabled: z.boolean().optional(),
      port: z.number().int().min(1024).max(65535).optional(),
      path: z.string().optional(),
      serviceMonitorEnabled: z.boolean().optional(),
      scrapeInterval: promDuration.optional(),
    })
    .optional(),
  external: z
    .strictObject({
      enabled: z.boolean().default(true),
      registryType: z.enum(['confluent', 'glue']),
      confluentUrl: z.url().optional(),
      glueRegistryArn: z.string().optional(),
      awsRegion: z.string().optional(),
      syncMode: z.enum(['mirror', 'push', 'bidirectional']).optional(),
      syncSubjects: z.array(z.string()).optional(),
      syncIntervalSeconds: z.number().int().min(10).max(86400).optional(),
      credentialsSecretRef: objectName.optional(),
    })
    .optional(),
  /** The guide's external sync block; mapped onto `external` (RG409). */
  externalRegistry: z
    .strictObject({
      enabled: z.boolean().default(true),
      registryType: z.enum(['compatible', 'confluent', 'glue']),
      registryUrl: z.url().optional(),
      syncMode: z.enum(['mirror', 'push', 'bidirectional']).optional(),
      syncSubjects: z.array(z.string()).optional(),
      syncIntervalSeconds: z.number().int().min(10).max(86400).optional(),
      credentialsSecretRef: objectName.optional(),
    })
    .optional(),
  podAnnotations: stringMap.optional(),
  podLabels: stringMap.optional(),
  env: z.array(envVar).max(100).optional(),
  nodeSelector: stringMap.optional(),
  tolerations: z.array(toleration).max(20).optional(),
  serviceAccount: objectName.optional(),
  probes: z.strictObject({ liveness: probeTiming.optional(), readiness: probeTiming.optional() }).optional(),
  podDisruptionBudget: z
    .strictObject({ enabled: z.boolean().default(true), minAvailable: intOrPercent.optional(), maxUnavailable: intOrPercent.optional() })
    .optional(),
});
