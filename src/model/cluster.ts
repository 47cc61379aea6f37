import { z } from 'zod';
import { defaults } from './defaults.js';
import {
  dnsLabel,
  envVar,
  intOrPercent,
  objectName,
  port,
  probeTiming,
  quantity,
  resources,
  secretKeyRef,
  sizeBytes,
  durationMs,
  stringMap,
  toleration,
} from './primitives.js';

/** Where broker pods may run. Required anti-affinity puts each broker on its own node. */
export const placementSchema = z.strictObject({
  /** Spread brokers over nodes: `required` refuses to co-locate, `preferred` tries. @default 'preferred' */
  antiAffinity: z.enum(['none', 'preferred', 'required']).default(defaults.cluster.antiAffinity),
  /** Spread brokers evenly over `topology.kubernetes.io/zone` (maxSkew 1, DoNotSchedule). @default false */
  zoneSpread: z.boolean().default(defaults.cluster.zoneSpread),
  nodeSelector: stringMap.optional(),
  tolerations: z.array(toleration).optional(),
});

/** cert-manager issuer that signs the broker certificate. */
export const issuerRefSchema = z.strictObject({
  name: objectName,
  /** @default 'ClusterIssuer' */
  kind: z.enum(['Issuer', 'ClusterIssuer']).default('ClusterIssuer'),
  /** @default 'cert-manager.io' */
  group: z.string().default('cert-manager.io'),
});

export const tlsSchema = z.strictObject({
  /** Serve TLS on the client and cluster ports. @default false */
  enabled: z.boolean().default(false),
  /** Issue the certificate with cert-manager. */
  certManager: z
    .strictObject({
      issuerRef: issuerRefSchema,
      /** Extra DNS names besides the Service names rivven-gitops adds. */
      dnsNames: z.array(z.string().min(1)).optional(),
      /** Certificate lifetime. @default '2160h' (90 days) */
      duration: z.string().regex(/^(\d+h)?(\d+m)?(\d+s)?$/).optional(),
      renewBefore: z.string().regex(/^(\d+h)?(\d+m)?(\d+s)?$/).optional(),
    })
    .optional(),
  /** Use an existing `kubernetes.io/tls` Secret instead of cert-manager. */
  existingSecret: objectName.optional(),
  /** Mutual TLS: require client certificates signed by this CA. */
  mtls: z
    .strictObject({
      enabled: z.boolean().default(true),
      /** Secret holding `ca.crt` of the client CA. */
      clientCASecret: objectName,
    })
    .optional(),
});

export const authSchema = z.strictObject({
  /** Require clients to authenticate (rivvend's default; `false` sets RIVVEN_NO_REQUIRE_AUTH). @default true */
  enabled: z.boolean().default(true),
  /** @default 'scram' */
  mechanism: z.enum(['mtls', 'scram', 'token']).default('scram'),
  /** SCRAM users: a Secret that would hold them. Optional: rivvend 0.0.22 reads no users from anywhere (RG429). */
  scram: z.strictObject({ existingSecret: objectName }).optional(),
  /** Token auth: a Secret key holding the token. rivvend 0.0.22 has no client token auth (RG429). */
  token: secretKeyRef.optional(),
  /** Authorization rules kept in a ConfigMap. rivvend 0.0.22 loads no rules (RG429). */
  rbac: z
    .strictObject({
      enabled: z.boolean().default(true),
      configMapName: objectName,
    })
    .optional(),
});

/** Broker tuning that the RivvenCluster CRD carries under `spec.broker`. */
export const brokerSchema = z.strictObject({
  segmentSize: sizeBytes.optional(),
  retentionSize: sizeBytes.optional(),
  retention: durationMs.optional(),
  compressionEnabled: z.boolean().optional(),
  compressionLevel: z.number().int().min(0).max(22).optional(),
  indexIntervalBytes: z.number().int().min(1024).optional(),
  ackTimeoutMs: z.number().int().min(100).optional(),
  maxMessageSize: sizeBytes.optional(),
  /** The guide's port names; rivvend only uses 9092/9093/9094 (RG411). */
  clientPort: port.optional(),
  clusterPort: port.optional(),
  metricsPort: port.optional(),
});

/**
 * The guide's `RivvenCluster.spec.config`. The real CRD has no such field (RG402): under the
 * `manifests` target the keys become RIVVEN_* variables; under the operator they are refused.
 */
export const guideClusterConfigSchema = z.strictObject({
  defaultPartitions: z.number().int().min(1).max(10000).optional(),
  defaultReplicationFactor: z.number().int().min(1).max(10).optional(),
  minInsyncReplicas: z.number().int().min(1).max(10).optional(),
});

export const clusterSchema = z.strictObject({
  /**
   * Name of the RivvenCluster (and prefix of every broker object). @default 'main'
   * @becomes RivvenCluster `metadata.name`; RivvenTopic `spec.clusterRef.name`
   */
  name: dnsLabel.default(defaults.cluster.name),
  /**
   * Number of brokers (1–100). @default 3
   * @becomes RivvenCluster `spec.replicas` (operator); StatefulSet `spec.replicas` (manifests)
   */
  replicas: z.number().int().min(1).max(100).default(defaults.cluster.replicas),
  /**
   * Full broker image; by default `ghcr.io/hupe1980/rivvend:<rivvenVersion>`.
   * @becomes RivvenCluster `spec.image` (operator); StatefulSet container `image` (manifests)
   */
  image: z.string().min(1).optional(),
  /** The guide's `spec.version`: rendered as the image tag (RG401). */
  version: z.string().min(1).optional(),
  /** @default 'IfNotPresent' */
  imagePullPolicy: z.enum(['Always', 'IfNotPresent', 'Never']).default(defaults.cluster.imagePullPolicy),
  imagePullSecrets: z.array(objectName).optional(),
  storage: z
    .strictObject({
      /**
       * Volume size per broker. @default '10Gi'
       * @becomes RivvenCluster `spec.storage.size` (operator); volumeClaimTemplates `resources.requests.storage` (manifests)
       */
      size: quantity.default(defaults.cluster.storageSize),
      /**
       * StorageClass of the broker volumes; when unset, the cluster's default StorageClass, which `doctor`
       * checks the cluster has (RG783).
       * @becomes RivvenCluster `spec.storage.storageClassName` (operator); volumeClaimTemplates `storageClassName` (manifests)
       */
      storageClassName: z.string().min(1).optional(),
      /** @default ['ReadWriteOnce'] */
      accessModes: z
        .array(z.enum(['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod']))
        .min(1)
        .default([...defaults.cluster.accessModes]),
    })
    .prefault({}),
  resources: resources.optional(),
  placement: placementSchema.prefault({}),
  tls: tlsSchema.prefault({}),
  auth: authSchema.prefault({}),
  /** Shared secret the brokers use to join the cluster (RIVVEN_CLUSTER_AUTH_TOKEN). */
  clusterAuthToken: secretKeyRef.optional(),
  broker: brokerSchema.optional(),
  config: guideClusterConfigSchema.optional(),
  pdb: z
    .strictObject({
      /** @default true */
      enabled: z.boolean().default(true),
      minAvailable: intOrPercent.optional(),
      /** @default 1 when minAvailable is unset */
      maxUnavailable: intOrPercent.optional(),
    })
    .prefault({}),
  /** Expose the client port outside the cluster with a LoadBalancer Service. */
  external: z
    .strictObject({
      enabled: z.boolean().default(true),
      type: z.enum(['LoadBalancer', 'NodePort']).default('LoadBalancer'),
      annotations: stringMap.optional(),
      loadBalancerSourceRanges: z.array(z.string().regex(/^[0-9a-fA-F.:]+\/\d{1,3}$/, 'Invalid CIDR')).optional(),
    })
    .optional(),
  probes: z.strictObject({ liveness: probeTiming.optional(), readiness: probeTiming.optional() }).optional(),
  podAnnotations: stringMap.optional(),
  podLabels: stringMap.optional(),
  env: z.array(envVar).optional(),
  serviceAccountName: objectName.optional(),
  /** Datacenter and rack reported by each broker (RIVVEN_DATACENTER / RIVVEN_RACK). */
  datacenter: z.string().optional(),
});
