/**
 * Upstream defects of rivven-operator 0.0.22 that stop a RivvenCluster, RivvenTopic, RivvenConnect or
 * RivvenSchemaRegistry from giving a working result, whatever rivven-gitops renders. Each is one
 * coded finding under the `operator` target: an error by default, a warning when the user declares an
 * operator image or CRD schemas that fix it (`operator.patchedImage`, `operator.crds.schema: 'patched'`).
 * Defects rivven-gitops works around in what it renders are listed with `workaround` and no finding.
 */
import { cite, files, type Citation } from './citation.js';

/**
 * Which declaration fixes a defect: a patched operator image, patched CRD schemas, or `either`: a
 * mismatch between the operator and the CRDs, fixed by an operator that reads the installed dialect
 * or by CRDs that carry the operator's own.
 */
export type FixedBy = 'image' | 'crds' | 'either';

/** The CRD schemas installed in the cluster (typed config `operator.crds.schema`). */
export type CrdSchemaSource = 'deploy-yaml' | 'print-crd' | 'patched';

export interface OperatorDefectContext {
  readonly crdSchema: CrdSchemaSource;
  readonly replicas: number;
  readonly tls: boolean;
  readonly auth: boolean;
  readonly topics: number;
  readonly connectPipelines: number;
  readonly schemaRegistry: boolean;
}

/** The catalog's code of each defect (errors/codes/upstream.ts takes their titles from this table). */
export type OperatorDefectCode = 'RG414' | 'RG415' | 'RG416' | 'RG417' | 'RG418' | 'RG419' | 'RG420' | 'RG421' | 'RG422' | 'RG423';

export interface OperatorDefect {
  readonly code: OperatorDefectCode;
  readonly title: string;
  /** Config path the finding points at. */
  readonly path: string;
  readonly fixedBy: FixedBy;
  /** What happens, in one or two sentences. */
  readonly effect: string;
  /** What the user can do. */
  readonly fix: string;
  readonly applies: (c: OperatorDefectContext) => boolean;
  readonly cite: readonly Citation[];
}

export const operatorDefects: readonly OperatorDefect[] = [
  {
    code: 'RG414',
    title: 'Operator-created broker pods cannot start',
    path: 'target',
    fixedBy: 'image',
    effect:
      'The operator runs the broker with `command: ["rivvend"]` and `--config /etc/rivven/config.yaml`, but the image is FROM scratch with its binary at /app and rivvend has no --config flag: every broker container fails to start.',
    fix: 'Use target "manifests" (a StatefulSet running rivvend with its real variables), or declare a patched operator image with operator.patchedImage.',
    applies: () => true,
    cite: [cite(files.resources, '411-415'), cite(files.dockerfile, '48,63'), cite(files.rivvendCli, '26-234')],
  },
  {
    code: 'RG415',
    title: 'Operator probes ask a port and path rivvend does not serve',
    path: 'cluster',
    fixedBy: 'image',
    effect:
      'Liveness and readiness probes GET /health and /ready on the client port 9092, a binary protocol; /health is only on 9094 and /ready exists nowhere. Broker pods never turn Ready, so brokerEndpoints stay empty and the topic controller waits forever.',
    fix: 'Use target "manifests", or declare a patched operator image with operator.patchedImage.',
    applies: () => true,
    cite: [cite(files.resources, '327-363'), cite(files.raftApi, '378'), cite(files.clusterController, '526-548')],
  },
  {
    code: 'RG416',
    title: 'Operator brokers never form a cluster',
    path: 'cluster.replicas',
    fixedBy: 'image',
    effect:
      'The operator sets no RIVVEN_MODE, RIVVEN_NODE_ID, RIVVEN_SEEDS or RIVVEN_CLUSTER_AUTH_TOKEN: every pod runs as a standalone broker, so replicas give independent brokers, not replication.',
    fix: 'Use target "manifests" (cluster mode with seeds and a token), or declare a patched operator image with operator.patchedImage.',
    applies: (c) => c.replicas > 1,
    cite: [cite(files.resources, '206-304'), cite(files.rivvendCli, '58-72,232-233')],
  },
  {
    code: 'RG417',
    title: 'Operator TLS variables are not the ones rivvend reads',
    path: 'cluster.tls',
    fixedBy: 'image',
    effect:
      'The operator sets RIVVEN_TLS_CERT_PATH/RIVVEN_TLS_KEY_PATH; rivvend reads RIVVEN_TLS_CERT/RIVVEN_TLS_KEY, so the HTTP API fails with "TLS enabled but no certificate path provided".',
    fix: 'Use target "manifests", or declare a patched operator image with operator.patchedImage.',
    applies: (c) => c.tls,
    cite: [cite(files.resources, '286-304'), cite(files.rivvendCli, '205-210'), cite(files.raftApi, '1629-1637')],
  },
  {
    code: 'RG418',
    title: 'The operator cannot authenticate to the broker',
    path: 'topics',
    fixedBy: 'image',
    effect:
      'Broker auth is on by default and the operator’s client never authenticates: topic creation fails with AUTHENTICATION_REQUIRED.',
    fix: 'Set cluster.auth.enabled: false (RIVVEN_NO_REQUIRE_AUTH), use target "manifests", or declare a patched operator image with operator.patchedImage.',
    applies: (c) => c.auth && c.topics > 0,
    cite: [cite(files.clusterClient, '97'), cite(files.clusterServer, '279-285,1518-1521'), cite(files.topicController, '214-220')],
  },
  {
    code: 'RG419',
    title: 'Operator-created connect workers cannot start',
    path: 'connect',
    fixedBy: 'image',
    effect:
      'The operator runs rivven-connect with `run --config /config/pipeline.yaml`; --config is a top-level option, so clap rejects it after the subcommand and the worker exits.',
    fix: 'Declare a patched operator image with operator.patchedImage, or remove the pipelines.',
    applies: (c) => c.connectPipelines > 0,
    cite: [cite(files.connectController, '421-425'), cite(files.connectMain, '55-57,63-64')],
  },
  {
    code: 'RG420',
    title: 'The operator’s schema registry Deployment is always rejected',
    path: 'schemaRegistry',
    fixedBy: 'image',
    effect:
      'The Deployment mounts a volume named `config` that its pod spec never defines, so the API server rejects it on every reconcile; its command `rivven-schema` and `serve --config` do not exist either.',
    fix: 'Declare a patched operator image with operator.patchedImage, or disable schemaRegistry.',
    applies: (c) => c.schemaRegistry,
    cite: [cite(files.registryController, '409-435,590-609'), cite(files.schemaMain, '41-57')],
  },
  {
    code: 'RG421',
    title: 'No RivvenCluster passes the operator’s validation under the deploy YAML CRDs',
    path: 'operator.crds.schema',
    fixedBy: 'either',
    effect:
      'The operator requires spec.metrics.serviceMonitor to be an object (its derived default has interval "" and fails validation), but the deploy YAML CRD types it as a boolean and defaults it to false, which also makes every RivvenCluster in scope undeserializable; spec.config, tls.certSecretName and podDisruptionBudget are pruned.',
    fix: 'Install the CRDs from `rivven-operator --print-crd` and set operator.crds.schema: "print-crd", install patched CRDs and set operator.crds.schema: "patched", or declare an operator build that reads the deploy YAML fields (operator.patchedImage).',
    applies: (c) => c.crdSchema === 'deploy-yaml',
    cite: [cite(files.crd, '249-251,646-706'), cite(files.deployCluster, '185-187'), cite(files.clusterController, '175-187')],
  },
  {
    code: 'RG422',
    title: 'The deploy YAML CRDs reject the status the operator writes',
    path: 'operator.crds.schema',
    fixedBy: 'either',
    effect:
      'RivvenCluster status phases Provisioning/Degraded and condition type Ready, RivvenTopic condition status "N/A" and RivvenConnect connector kinds/states are outside the YAML enums: status patches fail with 422 and reconciles error.',
    fix: 'Install the CRDs from `rivven-operator --print-crd` (RivvenCluster, RivvenTopic) or patched CRDs and set operator.crds.schema accordingly, or declare an operator build whose status fits the deploy YAML (operator.patchedImage).',
    applies: (c) => c.crdSchema === 'deploy-yaml',
    cite: [cite(files.deployCluster, '264-271,294-299'), cite(files.clusterController, '472-503'), cite(files.deployTopic, '255-260'), cite(files.topicController, '354-358'), cite(files.deployConnect, '398-403'), cite(files.connectController, '904-914')],
  },
  {
    code: 'RG423',
    title: '`--print-crd` cannot install RivvenConnect or RivvenSchemaRegistry',
    path: 'operator.crds.schema',
    fixedBy: 'crds',
    effect:
      'Their serde_json::Value fields get schemas with no type and no x-kubernetes-preserve-unknown-fields, so the generated CRDs are not structural and the API server refuses them.',
    fix: 'Install those two kinds from patched CRDs (operator.crds.schema: "patched"), or remove connect pipelines and the schema registry.',
    applies: (c) => c.crdSchema === 'print-crd' && (c.connectPipelines > 0 || c.schemaRegistry),
    cite: [cite(files.crd, '1074,1127,1136,1140,1667,1789,3033,3111,3120,3124', 'predicted')],
  },
];

/** Upstream traps rivven-gitops renders around (no finding), and the schema where the workaround survives. */
export const operatorWorkarounds: readonly { readonly title: string; readonly rendered: string; readonly survives: readonly CrdSchemaSource[]; readonly cite: readonly Citation[] }[] = [
  {
    title: 'Broker image name',
    rendered: 'spec.image is always ghcr.io/hupe1980/rivvend:<version> (the operator would use the unpublished ghcr.io/hupe1980/rivven)',
    survives: ['deploy-yaml', 'print-crd', 'patched'],
    cite: [cite(files.crd, '975-981'), cite(files.release, '438-441')],
  },
  {
    title: 'ServiceMonitor spec as an object',
    rendered: 'spec.metrics.serviceMonitor: {enabled: false, interval: "30s"} (its derived default fails validation)',
    survives: ['print-crd', 'patched'],
    cite: [cite(files.crd, '662,686-695')],
  },
  {
    title: 'Explicit broker config',
    rendered: 'spec.config with defaultReplicationFactor ≤ replicas (a 1-replica cluster fails the default of 2)',
    survives: ['print-crd', 'patched'],
    cite: [cite(files.clusterController, '245-250')],
  },
  {
    title: 'PodDisruptionBudget as a percentage or disabled',
    rendered: 'spec.podDisruptionBudget with a percentage string, the other key null, or enabled: false (the API server accepts strings only as NN%)',
    survives: ['print-crd', 'patched'],
    cite: [cite(files.resources, '631-640'), cite(files.crd, '724-726,749-757'), cite('kubernetes: pkg/apis/policy/validation', 'ValidatePodDisruptionBudgetSpec', 'kubernetes')],
  },
  {
    title: 'Explicit topic config',
    rendered: 'spec.config is always written on RivvenTopic (its derived default has retentionMs 0)',
    survives: ['deploy-yaml', 'print-crd', 'patched'],
    cite: [cite(files.crd, '1264-1330')],
  },
  {
    title: 'Explicit connect config and clusterRef namespace',
    rendered: 'RivvenConnect spec.config: {logLevel: info} and clusterRef.namespace (bootstrap falls back to the namespace "default")',
    survives: ['deploy-yaml', 'print-crd', 'patched'],
    cite: [cite(files.crd, '1601-1628'), cite(files.connectController, '295-303')],
  },
  {
    title: 'Explicit schema registry external block',
    rendered: 'RivvenSchemaRegistry spec.external: {syncIntervalSeconds: 300} (its derived default has 0)',
    survives: ['deploy-yaml', 'print-crd', 'patched'],
    cite: [cite(files.crd, '3710-3776')],
  },
];
