// The plain-script floor: what a platform engineer would write without rivven-gitops. It builds the same
// Kubernetes objects the compiler renders for a benchmark fleet (bench/generate.mjs), as object literals
// with a few helpers, and writes each object with `yaml` into a fresh directory, one file per object:
// no type-check, no validation, no provenance, no Kustomize base/overlays, no write-only-changed.
// With --layout it writes the same objects in the build's layout instead (base/, overlays/<env>/ with
// kustomization.yaml and patches/, argocd/; writeLayout below): the floor to compare the build with.
// bench/run.mjs checks that the object sets are equal to the compiler's render.
//
//   node bench/floor.mjs <case> <out-dir> [--layout]      e.g. node bench/floor.mjs 3x200 /tmp/floor-3x200
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { fleetSpec, parseCase, prodPartitions } from './generate.mjs';

const version = '0.0.22';
const group = 'rivven.hupe1980.github.io';
const cluster = 'main';
const repoURL = 'https://github.com/example/rivven-fleet.git';
const day = 86_400_000;
const retentionMs = { '1d': day, '3d': 3 * day, '7d': 7 * day, '14d': 14 * day, '30d': 30 * day };

/** Per-profile settings, as the environment files of the generated fleet say. */
const profiles = {
  dev: {
    replicas: 1,
    storage: { size: '10Gi' },
    resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '2Gi' } },
    topicReplication: 1,
    minInsync: 1,
    deleteOnRemove: true,
    connectReplicas: 1,
    registryReplicas: 1,
    registryReplication: 1,
  },
  staging: { replicas: 3, storage: { size: '100Gi' }, issuer: 'letsencrypt-staging', required: true, keep: 7 },
  prod: {
    replicas: 5,
    storage: { size: '500Gi', storageClassName: 'premium-ssd' },
    issuer: 'letsencrypt-prod',
    required: true,
    zoneSpread: true,
    keep: 14,
    connectReplicas: 3,
  },
};
const baseProfile = {
  resources: { requests: { cpu: '1', memory: '2Gi' }, limits: { cpu: '4', memory: '8Gi' } },
  topicReplication: 3,
  minInsync: 2,
  deleteOnRemove: false,
  connectReplicas: 2,
  registryReplicas: 2,
  registryReplication: 3,
};

const labels = (component, name = 'rivven') => ({
  'app.kubernetes.io/name': name,
  'app.kubernetes.io/instance': cluster,
  'app.kubernetes.io/component': component,
  'app.kubernetes.io/part-of': 'rivven',
  'app.kubernetes.io/managed-by': 'rivven-gitops',
});
const selectorLabels = (component, name) => ({
  'app.kubernetes.io/name': name,
  'app.kubernetes.io/instance': cluster,
  'app.kubernetes.io/component': component,
});
const noPrune = 'Prune=false,Delete=false';
const meta = (name, namespace, objectLabels, wave, syncOptions) => ({
  name,
  namespace,
  labels: objectLabels,
  annotations: { 'argocd.argoproj.io/sync-wave': wave, ...(syncOptions ? { 'argocd.argoproj.io/sync-options': syncOptions } : {}) },
});
const podSecurity = { runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532, fsGroup: 65532, seccompProfile: { type: 'RuntimeDefault' } };
const containerSecurity = (readOnly) => ({
  allowPrivilegeEscalation: false,
  ...(readOnly ? { readOnlyRootFilesystem: true } : {}),
  capabilities: { drop: ['ALL'] },
});
const smallResources = { requests: { cpu: '10m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } };
const brokerPods = {
  matchLabels: { 'app.kubernetes.io/name': 'rivven', 'app.kubernetes.io/instance': cluster },
  matchExpressions: [{ key: 'statefulset.kubernetes.io/pod-name', operator: 'Exists' }],
};
const namespaceIn = (...names) => ({ namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: names }] } });
const tcp = (port) => ({ protocol: 'TCP', port });
const anywhere = [{ ipBlock: { cidr: '0.0.0.0/0' } }, { ipBlock: { cidr: '::/0' } }];
const connectPods = {
  matchLabels: { 'app.kubernetes.io/name': 'rivven-connect' },
  matchExpressions: [{ key: 'app.kubernetes.io/instance', operator: 'In', values: ['cdc-pipeline'] }],
};

function networkPolicy(ns, name, spec) {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta(`rivven-main-${name}`, ns, labels('network-policy'), '0'), spec };
}

function networkPolicies(ns, backup) {
  const policies = [
    networkPolicy(ns, 'allow-egress', { podSelector: {}, policyTypes: ['Egress'], egress: [{}] }),
    networkPolicy(ns, 'broker-egress', {
      podSelector: brokerPods,
      policyTypes: ['Egress'],
      egress: [{ to: [{ podSelector: brokerPods }], ports: [tcp(9093), { protocol: 'UDP', port: 9093 }] }],
    }),
    networkPolicy(ns, 'broker-ingress', {
      podSelector: brokerPods,
      policyTypes: ['Ingress'],
      ingress: [
        { from: [{ podSelector: {} }, namespaceIn('analytics', 'orders')], ports: [tcp(9092)] },
        { from: [{ podSelector: {} }], ports: [tcp(9094)] },
        { from: [{ podSelector: brokerPods }], ports: [tcp(9093), { protocol: 'UDP', port: 9093 }] },
        { from: [namespaceIn('monitoring')], ports: [tcp(9094)] },
      ],
    }),
    networkPolicy(ns, 'client-egress', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [
        { to: [{ podSelector: brokerPods }], ports: [tcp(9092), tcp(9094)] },
        {
          to: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'rivven-schema-registry', 'app.kubernetes.io/instance': 'schema-registry' } } }],
          ports: [tcp(8081)],
        },
      ],
    }),
    networkPolicy(ns, 'connect-metrics-ingress', {
      podSelector: connectPods,
      policyTypes: ['Ingress'],
      ingress: [{ from: [namespaceIn('monitoring')], ports: [tcp('metrics')] }],
    }),
    networkPolicy(ns, 'default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
    networkPolicy(ns, 'dns-egress', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [namespaceIn('kube-system')], ports: [{ protocol: 'UDP', port: 53 }, tcp(53)] }],
    }),
    networkPolicy(ns, 'operator-apiserver-egress', {
      podSelector: { matchLabels: selectorLabels('operator', 'rivven-operator') },
      policyTypes: ['Egress'],
      egress: [{ to: anywhere, ports: [tcp(443), tcp(6443)] }],
    }),
    networkPolicy(ns, 'schema-registry-ingress', {
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'rivven-schema-registry', 'app.kubernetes.io/instance': 'schema-registry' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: {} }], ports: [tcp(8081)] }],
    }),
  ];
  if (backup) {
    policies.push(
      networkPolicy(ns, 'backup-apiserver-egress', {
        podSelector: { matchLabels: selectorLabels('backup', 'rivven-backup') },
        policyTypes: ['Egress'],
        egress: [{ to: anywhere, ports: [tcp(443), tcp(6443)] }],
      }),
    );
  }
  return policies;
}

function operatorInstall(ns) {
  const l = labels('operator', 'rivven-operator');
  const crs = ['rivvenclusters', 'rivventopics', 'rivvenconnects', 'rivvenschemaregistries'];
  const manage = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];
  const probe = (initialDelaySeconds, periodSeconds) => ({
    httpGet: { path: '/healthz', port: 'health' },
    initialDelaySeconds,
    periodSeconds,
    timeoutSeconds: 5,
    failureThreshold: 3,
  });
  const fieldEnv = (name, fieldPath) => ({ name, valueFrom: { fieldRef: { fieldPath } } });
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('rivven-operator', ns, l, '-2') },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: meta('rivven-operator', ns, l, '-2'),
      rules: [
        { apiGroups: [group], resources: crs, verbs: ['get', 'list', 'watch', 'update', 'patch'] },
        { apiGroups: [group], resources: crs.map((r) => `${r}/status`), verbs: ['get', 'update', 'patch'] },
        { apiGroups: [group], resources: crs.map((r) => `${r}/finalizers`), verbs: ['update'] },
        { apiGroups: ['apps'], resources: ['statefulsets', 'deployments'], verbs: manage },
        { apiGroups: [''], resources: ['services', 'configmaps'], verbs: manage },
        { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: manage },
        { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['get', 'list', 'watch', 'delete', 'deletecollection'] },
        { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch'] },
        { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'create', 'update', 'patch'] },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: meta('rivven-operator', ns, l, '-2'),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'rivven-operator' },
      subjects: [{ kind: 'ServiceAccount', name: 'rivven-operator', namespace: ns }],
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: meta('rivven-operator', ns, l, '-1'),
      spec: {
        replicas: 1,
        selector: { matchLabels: selectorLabels('operator', 'rivven-operator') },
        template: {
          metadata: { labels: l },
          spec: {
            serviceAccountName: 'rivven-operator',
            securityContext: podSecurity,
            containers: [
              {
                name: 'operator',
                image: `ghcr.io/hupe1980/rivven-operator:${version}`,
                imagePullPolicy: 'IfNotPresent',
                args: ['--metrics-addr=0.0.0.0:8080', '--health-addr=0.0.0.0:8081', '--log-level=info', `--namespace=${ns}`],
                env: [fieldEnv('POD_NAME', 'metadata.name'), fieldEnv('POD_NAMESPACE', 'metadata.namespace')],
                ports: [
                  { name: 'metrics', containerPort: 8080, protocol: 'TCP' },
                  { name: 'health', containerPort: 8081, protocol: 'TCP' },
                ],
                livenessProbe: probe(15, 20),
                readinessProbe: probe(5, 10),
                resources: smallResources,
                securityContext: containerSecurity(true),
              },
            ],
          },
        },
      },
    },
  ];
}

function rivvenCluster(ns, p) {
  const spread = (topologyKey) => ({ labelSelector: brokerPods, topologyKey });
  const affinity = p.required
    ? {
        requiredDuringSchedulingIgnoredDuringExecution: [spread('kubernetes.io/hostname')],
        ...(p.zoneSpread ? { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: spread('topology.kubernetes.io/zone') }] } : {}),
      }
    : { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: spread('kubernetes.io/hostname') }] };
  return {
    apiVersion: `${group}/v1alpha1`,
    kind: 'RivvenCluster',
    metadata: meta(cluster, ns, labels('broker'), '1', noPrune),
    spec: {
      replicas: p.replicas,
      image: `ghcr.io/hupe1980/rivvend:${version}`,
      storage: { ...p.storage, accessModes: ['ReadWriteOnce'] },
      resources: p.resources,
      affinity: { podAntiAffinity: affinity },
      env: [{ name: 'RIVVEN_CLUSTER_AUTH_TOKEN', valueFrom: { secretKeyRef: { name: 'rivven-cluster-token', key: 'token' } } }],
      tls: p.issuer ? { enabled: true, secretName: 'rivven-main-tls', clientAuth: false } : { enabled: false },
      metrics: { enabled: true, serviceMonitor: false },
      pdb: { enabled: true, maxUnavailable: 1 },
      securityContext: podSecurity,
      containerSecurityContext: containerSecurity(true),
    },
  };
}

function certificate(ns, issuer) {
  const svc = `rivven-main.${ns}.svc`;
  const headless = `rivven-main-headless.${ns}.svc`;
  return {
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: meta('rivven-main-tls', ns, labels('broker'), '-2'),
    spec: {
      secretName: 'rivven-main-tls',
      issuerRef: { name: issuer, kind: 'ClusterIssuer', group: 'cert-manager.io' },
      dnsNames: ['rivven-main', `rivven-main.${ns}`, svc, `${svc}.cluster.local`, headless, `${headless}.cluster.local`, `*.${headless}`, `*.${headless}.cluster.local`],
      duration: '2160h',
      usages: ['digital signature', 'server auth', 'client auth'],
      privateKey: { rotationPolicy: 'Always', algorithm: 'ECDSA', size: 256, encoding: 'PKCS8' },
    },
  };
}

function topic(ns, t, p, env) {
  const { name, partitions, retention, cleanupPolicy = 'delete', acls, labels: topicLabels } = t;
  return {
    apiVersion: `${group}/v1alpha1`,
    kind: 'RivvenTopic',
    metadata: meta(name, ns, labels('topic'), '2', p.deleteOnRemove ? noPrune : undefined),
    spec: {
      clusterRef: { name: cluster },
      partitions: env.partitions ?? partitions,
      replicationFactor: p.topicReplication,
      config: {
        retentionMs: retentionMs[retention],
        retentionBytes: -1,
        segmentBytes: 1_073_741_824,
        cleanupPolicy,
        compressionType: 'lz4',
        minInsyncReplicas: p.minInsync,
        maxMessageBytes: 1_048_576,
        messageTimestampEnabled: true,
        messageTimestampType: 'CreateTime',
        idempotentWrites: true,
        flushIntervalMs: 0,
      },
      ...(acls ? { acls: acls.map((acl) => ({ ...acl, permissionType: 'Allow', host: '*' })) } : {}),
      deleteOnRemove: p.deleteOnRemove,
      ...(topicLabels ? { topicLabels } : {}),
    },
  };
}

const cdcTopics = [
  { name: 'cdc.events', partitions: 6, retention: '3d' },
  { name: 'cdc.orders', partitions: 6, retention: '3d' },
  { name: 'cdc.transactions', partitions: 3, retention: '3d' },
  { name: 'cdc.schema-changes', partitions: 1, retention: '30d', cleanupPolicy: 'compact' },
  { name: 'cdc.dlq', partitions: 3, retention: '14d' },
];

function schemaRegistry(ns, p) {
  return {
    apiVersion: `${group}/v1alpha1`,
    kind: 'RivvenSchemaRegistry',
    metadata: meta('schema-registry', ns, labels('schema-registry'), '2'),
    spec: {
      clusterRef: { name: cluster },
      replicas: p.registryReplicas,
      version,
      image: `ghcr.io/hupe1980/rivven-schema:${version}`,
      resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { memory: '2Gi' } },
      server: { port: 8081, timeoutSeconds: 30, corsEnabled: true },
      storage: { mode: 'broker', topic: '_schemas', replicationFactor: p.registryReplication },
      compatibility: { defaultLevel: 'BACKWARD', subjects: { 'orders-events-value': 'FULL' } },
      schemas: { avro: true, jsonSchema: true, protobuf: true },
      external: { enabled: false, syncIntervalSeconds: 300 },
      securityContext: podSecurity,
      containerSecurityContext: containerSecurity(false),
      podDisruptionBudget: { enabled: true, maxUnavailable: 1 },
    },
  };
}

function connect(ns, p) {
  return {
    apiVersion: `${group}/v1alpha1`,
    kind: 'RivvenConnect',
    metadata: meta('cdc-pipeline', ns, labels('connect'), '3'),
    spec: {
      clusterRef: { name: cluster, namespace: ns },
      replicas: p.connectReplicas,
      version,
      image: `ghcr.io/hupe1980/rivven-connect:${version}`,
      resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { memory: '2Gi' } },
      config: { stateDir: '/data/connect-state', logLevel: 'info' },
      sources: [
        {
          name: 'postgres-cdc',
          connector: 'postgres-cdc',
          topic: 'cdc.events',
          enabled: true,
          config: {
            slot_name: 'rivven_slot',
            publication_name: 'rivven_pub',
            tables: ['public.orders'],
            column_filters: { 'public.orders': { include: ['id', 'customer_id', 'total'] } },
            snapshot: { mode: 'initial' },
            heartbeat_interval_secs: 5,
            transaction_topic: { enabled: true, topic_name: 'cdc.transactions', include_data_collections: true },
            schema_change_topic: { enabled: true, topic_name: 'cdc.schema-changes', include_columns: true },
          },
          configSecretRef: 'postgres-credentials',
        },
      ],
      sinks: [
        {
          name: 's3-archive',
          connector: 's3',
          topics: ['cdc.*'],
          consumerGroup: 's3-archiver',
          enabled: true,
          startOffset: 'latest',
          config: { bucket: 'data-lake', format: 'parquet', compression: 'zstd' },
          configSecretRef: 's3-credentials',
        },
      ],
      securityContext: podSecurity,
      containerSecurityContext: containerSecurity(false),
    },
  };
}

function monitoring(ns, env, p) {
  const monitoringLabels = { release: 'kube-prometheus-stack', ...labels('monitoring') };
  const broker = `{namespace="${ns}",rivven_cluster="main",rivven_component="broker"}`;
  const worker = `{namespace="${ns}",rivven_cluster="main",rivven_component="connect"}`;
  const replace = (targetLabel, replacement) => ({ action: 'replace', targetLabel, replacement });
  const where = 'cluster {{ $labels.rivven_cluster }} in namespace {{ $labels.namespace }}';
  const alert = (alert, expr, duration, severity, summary, description) => ({
    alert,
    expr,
    ...(duration ? { for: duration } : {}),
    labels: { severity },
    annotations: { summary, description },
  });
  const datasource = { type: 'prometheus', uid: '${datasource}' };
  const panel = (type, title, description, [h, w, x, y], expr, extra = {}, unit) => ({
    datasource,
    description,
    fieldConfig: { defaults: unit ? { unit } : {}, overrides: [] },
    gridPos: { h, w, x, y },
    options: {},
    targets: [{ datasource, expr, ...extra, refId: 'A' }],
    title,
    type,
  });
  const byPod = { legendFormat: '{{pod}}' };
  const byPipeline = { legendFormat: '{{rivven_pipeline}}' };
  const dashboard = {
    annotations: { list: [] },
    description: `Rivven cluster main, environment ${env.name}. Generated by rivven-gitops: edit the config, not this JSON.`,
    editable: false,
    panels: [
      panel('stat', 'Brokers up', `Brokers Prometheus can scrape (expected ${p.replicas}).`, [4, 6, 0, 0], `sum(max by (pod) (up${broker}))`),
      panel('stat', 'Raft leaders', 'Brokers that are Raft leader: exactly 1 is healthy.', [4, 6, 6, 0], `sum(max by (pod) (rivven_raft_is_leader${broker}))`),
      panel('stat', 'Raft voters', `Voting members of the Raft group (expected ${p.replicas}).`, [4, 6, 12, 0], `max(rivven_raft_cluster_voters${broker})`),
      panel('stat', 'Raft term', 'Current Raft term: it rises with every leader election.', [4, 6, 18, 0], `max(rivven_raft_current_term${broker})`),
      panel('timeseries', 'Broker up by pod', '1 when the broker answers on its HTTP API (9094).', [8, 12, 0, 4], `max by (pod) (up${broker})`, byPod),
      panel('timeseries', 'Raft leader by pod', 'Which broker leads the Raft group.', [8, 12, 12, 4], `max by (pod) (rivven_raft_is_leader${broker})`, byPod),
      panel(
        'timeseries',
        'Unapplied Raft entries by pod',
        'Last log index minus applied index: entries a broker has not applied yet.',
        [8, 12, 0, 12],
        `max by (pod) (rivven_raft_last_log_index${broker} - rivven_raft_applied_index${broker})`,
        byPod,
      ),
      panel('timeseries', 'Raft entries applied per second', 'Rate of the applied index per broker.', [8, 12, 12, 12], `max by (pod) (rate(rivven_raft_applied_index${broker}[5m]))`, byPod, 'ops'),
      panel('timeseries', 'Leader elections (15m)', 'Raft term increase over 15 minutes.', [8, 12, 0, 20], `max(increase(rivven_raft_current_term${broker}[15m]))`, { legendFormat: 'elections' }),
      panel('table', 'Broker build info', 'Labels of rivven_info per broker.', [8, 12, 12, 20], `max by (pod) (rivven_info${broker})`, { format: 'table', instant: true }),
      panel('timeseries', 'CDC lag by pipeline', 'How far change data capture is behind the source database.', [8, 12, 0, 28], `max by (rivven_pipeline) (rivven_cdc_lag_milliseconds${worker})`, byPipeline, 'ms'),
      panel('timeseries', 'Connect lag by pipeline', 'rivven_connect_lag reported by the connect workers.', [8, 12, 12, 28], `max by (rivven_pipeline) (rivven_connect_lag${worker})`, byPipeline),
    ],
    refresh: '30s',
    schemaVersion: 39,
    tags: ['rivven', env.name],
    templating: { list: [{ current: {}, hide: 0, label: 'Data source', name: 'datasource', query: 'prometheus', type: 'datasource' }] },
    time: { from: 'now-6h', to: 'now' },
    timezone: 'utc',
    title: `Rivven main (${ns})`,
    uid: `rivven-${ns}-main`,
  };
  return [
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: meta('rivven-main-grafana-dashboard', ns, { ...monitoringLabels, grafana_dashboard: '1' }, '4'),
      data: { [`rivven-${ns}-main.json`]: `${JSON.stringify(dashboard, null, 2)}\n` },
    },
    {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: meta('rivven-main', ns, monitoringLabels, '4'),
      spec: {
        selector: { matchLabels: { 'app.kubernetes.io/name': 'rivven' } },
        namespaceSelector: { matchNames: [ns] },
        endpoints: [
          {
            path: '/metrics',
            // With broker TLS the HTTP API on 9094 serves HTTPS, checked against the cert Secret's CA.
            ...(p.issuer
              ? { scheme: 'https', tlsConfig: { ca: { secret: { name: 'rivven-main-tls', key: 'ca.crt' } }, serverName: `rivven-main.${ns}.svc` } }
              : { scheme: 'http' }),
            interval: '15s',
            relabelings: [
              { action: 'keep', sourceLabels: ['__meta_kubernetes_service_name'], regex: 'rivven-main' },
              { action: 'keep', sourceLabels: ['__address__'], regex: '.+:9092' },
              { action: 'replace', sourceLabels: ['__address__'], regex: '(.+):9092', targetLabel: '__address__', replacement: '$1:9094' },
              replace('rivven_cluster', 'main'),
              replace('rivven_component', 'broker'),
            ],
          },
        ],
      },
    },
    {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PodMonitor',
      metadata: meta('rivven-main-connect', ns, monitoringLabels, '4'),
      spec: {
        selector: connectPods,
        namespaceSelector: { matchNames: [ns] },
        podMetricsEndpoints: [
          {
            port: 'metrics',
            path: '/metrics',
            scheme: 'http',
            interval: '15s',
            relabelings: [
              { action: 'replace', sourceLabels: ['__meta_kubernetes_pod_label_app_kubernetes_io_instance'], targetLabel: 'rivven_pipeline' },
              replace('rivven_cluster', 'main'),
              replace('rivven_component', 'connect'),
            ],
          },
        ],
      },
    },
    {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: meta('rivven-main', ns, monitoringLabels, '4'),
      spec: {
        groups: [
          {
            name: `rivven-${ns}-main`,
            rules: [
              alert(
                'RivvenBrokerDown',
                `max by (namespace, rivven_cluster, pod) (up${broker}) == 0`,
                '1m',
                'critical',
                'Rivven broker {{ $labels.pod }} is down',
                `Prometheus cannot scrape broker {{ $labels.pod }} of ${where} on its HTTP API port (9094) for 1m.`,
              ),
              alert(
                'RivvenBrokerMetricsAbsent',
                `absent(up${broker})`,
                '15m',
                'warning',
                'No Rivven broker is being scraped',
                `No scrape target exists for the brokers of ${where}: the brokers are gone, or Prometheus does not select the ServiceMonitor/PodMonitor (check monitoring.labels).`,
              ),
              alert(
                'RivvenNoRaftLeader',
                `max by (namespace, rivven_cluster) (rivven_raft_is_leader${broker}) == 0`,
                '2m',
                'critical',
                'Rivven cluster has no Raft leader',
                `No broker of ${where} has been Raft leader for 2m: metadata changes (topics, partitions) cannot be committed.`,
              ),
              alert(
                'RivvenMultipleRaftLeaders',
                `sum by (namespace, rivven_cluster) (max by (namespace, rivven_cluster, pod) (rivven_raft_is_leader${broker})) > 1`,
                '2m',
                'critical',
                'Rivven cluster reports more than one Raft leader',
                `{{ $value }} brokers of ${where} claim Raft leadership at once: a network partition or split brain.`,
              ),
              alert(
                'RivvenRaftVotersBelowExpected',
                `max by (namespace, rivven_cluster) (rivven_raft_cluster_voters${broker}) < ${p.replicas}`,
                '10m',
                'warning',
                'Rivven Raft group has fewer voters than brokers',
                `The Raft group of ${where} has {{ $value }} voters, ${p.replicas} expected: a broker did not join or was removed.`,
              ),
              alert(
                'RivvenRaftTermChurn',
                `max by (namespace, rivven_cluster) (increase(rivven_raft_current_term${broker}[15m])) > 3`,
                undefined,
                'warning',
                'Rivven Raft leader elections keep happening',
                `The Raft term of ${where} rose by {{ $value }} in 15 minutes (more than 3 elections): check broker restarts, CPU throttling and network latency.`,
              ),
              alert(
                'RivvenRaftApplyStalled',
                `max by (namespace, rivven_cluster, pod) (rivven_raft_last_log_index${broker} - rivven_raft_applied_index${broker}) > 0 and max by (namespace, rivven_cluster, pod) (changes(rivven_raft_applied_index${broker}[10m])) == 0`,
                '10m',
                'warning',
                'Rivven broker {{ $labels.pod }} stopped applying the Raft log',
                `Broker {{ $labels.pod }} of ${where} has log entries it has not applied, and its applied index has not moved for 10m.`,
              ),
              alert(
                'RivvenConnectDown',
                `max by (namespace, rivven_cluster, rivven_pipeline, pod) (up${worker}) == 0`,
                '1m',
                'warning',
                'Rivven Connect worker {{ $labels.pod }} is down',
                `Prometheus cannot scrape connect worker {{ $labels.pod }} of pipeline {{ $labels.rivven_pipeline }} (${where}).`,
              ),
              alert(
                'RivvenCdcLagHigh',
                `max by (namespace, rivven_cluster, rivven_pipeline) (rivven_cdc_lag_milliseconds${worker}) > 60000`,
                '5m',
                'warning',
                'CDC lag of pipeline {{ $labels.rivven_pipeline }} is high',
                `Change data capture of pipeline {{ $labels.rivven_pipeline }} (${where}) is {{ $value }} ms behind the source database (threshold 60000 ms).`,
              ),
              alert(
                'RivvenConnectLagGrowing',
                `min by (namespace, rivven_cluster, rivven_pipeline) (deriv(rivven_connect_lag${worker}[15m])) > 0`,
                '30m',
                'warning',
                'Connect lag of pipeline {{ $labels.rivven_pipeline }} keeps growing',
                `rivven_connect_lag of pipeline {{ $labels.rivven_pipeline }} (${where}) has grown for 30 minutes: the pipeline does not keep up.`,
              ),
            ],
          },
        ],
      },
    },
  ];
}

function snapshotScript(replicas, keep) {
  const pvcs = Array.from({ length: replicas }, (_, i) => `data-rivven-main-${i}`).join(' ');
  return `set -eu
# POD_NAMESPACE comes from the downward API; the date is taken when the Job runs.
ns="$POD_NAMESPACE"
stamp="$(date -u +%Y%m%d%H%M)"
keep=${keep}
failed=0
for pvc in ${pvcs}; do
  if ! kubectl get pvc "$pvc" -n "$ns" >/dev/null 2>&1; then
    echo "skip $pvc: no such PersistentVolumeClaim"
    continue
  fi
  snapshot="$pvc-$stamp"
  echo "snapshot $pvc -> $snapshot"
  if ! kubectl create -n "$ns" -f - <<EOF
apiVersion: snapshot.storage.k8s.io/v1
kind: VolumeSnapshot
metadata:
  name: $snapshot
  labels:
    app.kubernetes.io/name: rivven
    app.kubernetes.io/instance: main
    app.kubernetes.io/managed-by: rivven-gitops-backup
    backup.rivven-gitops.io/pvc: $pvc
spec:
  source:
    persistentVolumeClaimName: $pvc
EOF
  then
    echo "snapshot of $pvc failed" >&2
    failed=1
    continue
  fi
  all="$(kubectl get volumesnapshots -n "$ns" -l "backup.rivven-gitops.io/pvc=$pvc" -o name | sort)"
  count="$(printf '%s\\n' "$all" | grep -c . || true)"
  excess=$((count - keep))
  if [ "$excess" -gt 0 ]; then
    printf '%s\\n' "$all" | head -n "$excess" | while read -r old; do
      echo "prune $old"
      kubectl delete -n "$ns" "$old" --wait=false
    done
  fi
done
exit "$failed"
`;
}

function backup(ns, p) {
  const l = labels('backup');
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('rivven-main-backup', ns, l, '5') },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: meta('rivven-main-backup', ns, l, '5'),
      rules: [
        { apiGroups: ['snapshot.storage.k8s.io'], resources: ['volumesnapshots'], verbs: ['create', 'get', 'list', 'delete'] },
        { apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['get', 'list'] },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: meta('rivven-main-backup', ns, l, '5'),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'rivven-main-backup' },
      subjects: [{ kind: 'ServiceAccount', name: 'rivven-main-backup', namespace: ns }],
    },
    {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: meta('rivven-main-backup', ns, l, '5'),
      spec: {
        schedule: '0 2 * * *',
        timeZone: 'Etc/UTC',
        concurrencyPolicy: 'Forbid',
        startingDeadlineSeconds: 3600,
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 3,
        jobTemplate: {
          spec: {
            backoffLimit: 2,
            activeDeadlineSeconds: 3600,
            template: {
              metadata: { labels: selectorLabels('backup', 'rivven-backup') },
              spec: {
                restartPolicy: 'Never',
                securityContext: podSecurity,
                volumes: [{ name: 'tmp', emptyDir: {} }],
                serviceAccountName: 'rivven-main-backup',
                containers: [
                  {
                    name: 'snapshot',
                    image: 'alpine/k8s:1.32.4',
                    imagePullPolicy: 'IfNotPresent',
                    command: ['/bin/sh', '-c', snapshotScript(p.replicas, p.keep)],
                    env: [
                      { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
                      { name: 'HOME', value: '/tmp' },
                    ],
                    resources: smallResources,
                    securityContext: containerSecurity(true),
                    volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
                  },
                ],
              },
            },
          },
        },
      },
    },
  ];
}

function namespaceObject(ns) {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: ns,
      labels: {
        ...labels('namespace'),
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/audit': 'restricted',
        'pod-security.kubernetes.io/warn': 'restricted',
      },
      annotations: { 'argocd.argoproj.io/sync-wave': '-3', 'argocd.argoproj.io/sync-options': noPrune },
    },
  };
}

/** Every object of one environment. */
export function environmentObjects(env, spec) {
  const p = { ...baseProfile, ...profiles[env.profile] };
  const ns = env.namespace;
  const topics = [
    ...cdcTopics.map((t) => topic(ns, t, p, {})),
    ...spec.topics.map((t, i) => topic(ns, t, p, { partitions: env.profile === 'prod' ? prodPartitions(t, i) : undefined })),
  ];
  return [
    namespaceObject(ns),
    ...operatorInstall(ns),
    ...(p.issuer ? [certificate(ns, p.issuer)] : []),
    rivvenCluster(ns, p),
    ...topics,
    schemaRegistry(ns, p),
    connect(ns, p),
    ...networkPolicies(ns, p.keep !== undefined),
    ...monitoring(ns, env, p),
    ...(p.keep !== undefined ? backup(ns, p) : []),
  ];
}

/** The Argo CD AppProject and one Application per environment. */
export function argocdObjects(spec) {
  const server = 'https://kubernetes.default.svc';
  const names = spec.environments.map((e) => e.name).sort();
  const byName = new Map(spec.environments.map((e) => [e.name, e]));
  return [
    {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: { name: 'rivven', namespace: 'argocd', labels: { 'app.kubernetes.io/part-of': 'rivven', 'app.kubernetes.io/managed-by': 'rivven-gitops' } },
      spec: {
        sourceRepos: [repoURL],
        destinations: names.map((name) => ({ server, namespace: byName.get(name).namespace })),
        clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }],
      },
    },
    ...names.map((name) => ({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: {
        name: `rivven-${name}`,
        namespace: 'argocd',
        labels: labels('argocd'),
        annotations: { 'argocd.argoproj.io/sync-wave': '0' },
        finalizers: ['resources-finalizer.argocd.argoproj.io'],
      },
      spec: {
        project: 'rivven',
        source: { repoURL, targetRevision: 'main', path: `out/overlays/${name}` },
        destination: { server, namespace: byName.get(name).namespace },
        syncPolicy: {
          // Production environments do not prune unless they say so (src/resolve/finish.ts).
          automated: { prune: byName.get(name).profile !== 'prod', selfHeal: true },
          syncOptions: ['ServerSideApply=true', 'PruneLast=true', 'ApplyOutOfSyncOnly=true', 'FailOnSharedResource=true'],
        },
      },
    })),
  ];
}

/** The whole fleet: per environment its objects, plus Argo CD's. */
export function buildFleet(spec) {
  return {
    environments: spec.environments.map((env) => ({ name: env.name, objects: environmentObjects(env, spec) })),
    argocd: argocdObjects(spec),
  };
}

/** One YAML file per object, `<dir>/<env>/<kind>-<name>.yaml`, into a directory made fresh. */
export function writeFleet(dir, fleet) {
  fs.rmSync(dir, { recursive: true, force: true });
  const write = (sub, objects) => {
    fs.mkdirSync(path.join(dir, sub), { recursive: true });
    for (const obj of objects) fs.writeFileSync(path.join(dir, sub, `${obj.kind.toLowerCase()}-${obj.metadata.name}.yaml`), YAML.stringify(obj));
  };
  for (const env of fleet.environments) write(env.name, env.objects);
  write('argocd', fleet.argocd);
}

/**
 * The second floor: the same objects written in the build's layout, the plainest way. Objects every
 * environment has go to base/ (the first environment's version, namespace dropped); each overlay lists
 * ../../base and its own objects, and for each base object whose version differs, a JSON 6902 patch
 * from a naive walk (replace a differing leaf or array, add or remove a key); argocd/ beside them. Every
 * directory gets a kustomization.yaml. One process, no checks, written with `yaml`.
 */
export function writeLayout(dir, fleet) {
  fs.rmSync(dir, { recursive: true, force: true });
  const fileOf = (obj) => `${obj.kind.toLowerCase()}-${obj.metadata.name}.yaml`;
  const strip = (obj) => {
    const { namespace, ...metadata } = obj.metadata;
    return { ...obj, metadata };
  };
  const perEnv = fleet.environments.map((env) => ({ name: env.name, namespace: env.objects.find((o) => o.kind === 'Namespace')?.metadata.name, byFile: new Map(env.objects.map((o) => [fileOf(o), strip(o)])) }));
  const [first, ...rest] = perEnv;
  const baseFiles = [...first.byFile.keys()].filter((f) => rest.every((e) => e.byFile.has(f))).sort();
  const writeDir = (sub, files, kustomization) => {
    fs.mkdirSync(path.join(dir, sub), { recursive: true });
    for (const [name, value] of files) fs.writeFileSync(path.join(dir, sub, name), YAML.stringify(value));
    fs.writeFileSync(path.join(dir, sub, 'kustomization.yaml'), YAML.stringify({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', ...kustomization }));
  };
  writeDir('base', baseFiles.map((f) => [f, first.byFile.get(f)]), { resources: baseFiles });
  for (const env of perEnv) {
    const own = [...env.byFile.keys()].filter((f) => !baseFiles.includes(f)).sort();
    const patches = [];
    const files = own.map((f) => [f, env.byFile.get(f)]);
    for (const f of baseFiles) {
      const ops = diffOps(first.byFile.get(f), env.byFile.get(f), '');
      if (ops.length === 0) continue;
      const obj = env.byFile.get(f);
      const [group, version] = obj.apiVersion.includes('/') ? obj.apiVersion.split('/') : ['', obj.apiVersion];
      files.push([`patches/${f}`, ops]);
      patches.push({ path: `patches/${f}`, target: { group, version, kind: obj.kind, name: obj.metadata.name } });
    }
    fs.mkdirSync(path.join(dir, 'overlays', env.name, 'patches'), { recursive: true });
    writeDir(`overlays/${env.name}`, files, { namespace: env.namespace, resources: ['../../base', ...own], patches });
  }
  writeDir('argocd', fleet.argocd.map((o) => [fileOf(o), o]), { resources: fleet.argocd.map(fileOf).sort() });
}

/** JSON 6902 operations turning `from` into `to`: naive, leaves and arrays replaced whole. */
function diffOps(from, to, at) {
  const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isObject(from) && isObject(to)) {
    const ops = [];
    const key = (k) => `${at}/${k.replaceAll('~', '~0').replaceAll('/', '~1')}`;
    for (const k of Object.keys(from)) if (!(k in to)) ops.push({ op: 'remove', path: key(k) });
    for (const [k, v] of Object.entries(to)) {
      if (!(k in from)) ops.push({ op: 'add', path: key(k), value: v });
      else ops.push(...diffOps(from[k], v, key(k)));
    }
    return ops;
  }
  return JSON.stringify(from) === JSON.stringify(to) ? [] : [{ op: 'replace', path: at, value: to }];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [caseName, outDir, layout] = process.argv.slice(2);
  if (caseName === undefined || outDir === undefined) throw new Error('usage: node bench/floor.mjs <case> <out-dir> [--layout]');
  const fleet = buildFleet(fleetSpec(parseCase(caseName)));
  if (layout === '--layout') writeLayout(outDir, fleet);
  else writeFleet(outDir, fleet);
  // The runner reads peak memory from this line (see run.mjs).
  if (process.env.BENCH_REPORT_RSS === '1') process.stderr.write(`bench-maxrss-kb ${process.resourceUsage().maxRSS}\n`);
}
