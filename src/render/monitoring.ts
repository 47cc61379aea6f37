/**
 * Prometheus Operator objects for one environment: a ServiceMonitor on the broker client Service, a
 * PodMonitor on the broker pods, a PodMonitor on the connect workers (when pipelines exist, so CDC lag
 * can alert), a PrometheusRule and the Grafana dashboard ConfigMap.
 *
 * The selectors are chosen to work under both targets. The operator labels BOTH its client and its
 * headless Service with the same labels, and Argo CD's label tracking may overwrite
 * `app.kubernetes.io/instance` on Services we render, so the ServiceMonitor selects broadly by
 * `app.kubernetes.io/name` in this namespace and keeps only the client Service by name. Broker pods are
 * selected by the labels the operator really sets on them (see `brokerPodLabels`).
 */
import type { Finding } from '../errors/diagnostic.js';
import { finding } from '../errors/catalog.js';
import type { ResolvedEnvironment } from '../model/types.js';
import { k8sObject, type K8sObject } from './k8s-object.js';
import { brokerNames, brokerPodExpressions, brokerPodLabels, brokerPorts, clusterObjectName } from './names.js';
import { renderAlertRules } from './monitoring-alerts.js';
import { brokerHttpScheme } from './tls.js';
import { renderGrafanaDashboard } from './grafana-dashboard.js';
import {
  brokerAddressRelabelings,
  connectPipelineNames,
  monitoringObjectLabels,
  scopeLabel,
  scopeRelabelings,
  type RelabelConfig,
} from './monitoring-scope.js';

export const monitoringApiVersion = 'monitoring.coreos.com/v1';
const metricsPath = '/metrics';

export function monitoringNames(env: ResolvedEnvironment) {
  const base = clusterObjectName(env.config);
  return {
    serviceMonitor: base,
    podMonitor: base,
    connectPodMonitor: `${base}-connect`,
    prometheusRule: base,
    dashboard: `${base}-grafana-dashboard`,
  };
}

/** Every monitoring object of the environment; none when `monitoring` is absent or disabled. */
export function renderMonitoring(env: ResolvedEnvironment): K8sObject[] {
  const monitoring = env.config.monitoring;
  if (!monitoring?.enabled) return [];
  const objects: K8sObject[] = [];
  if (monitoring.serviceMonitor) objects.push(renderServiceMonitor(env));
  if (monitoring.podMonitor) objects.push(renderBrokerPodMonitor(env));
  if (connectPipelineNames(env).length > 0) objects.push(renderConnectPodMonitor(env));
  const rule = renderPrometheusRule(env);
  if (rule) objects.push(rule);
  if (monitoring.grafanaDashboard.enabled) objects.push(renderGrafanaDashboard(env));
  return objects;
}

function metadata(env: ResolvedEnvironment, name: string) {
  return { name, namespace: env.config.namespace, labels: monitoringObjectLabels(env) };
}

/**
 * How Prometheus reaches the broker HTTP API: plain HTTP, or HTTPS when rivvend serves it with a
 * certificate. Targets are pod IPs, so the name checked is the client Service's, which the broker
 * certificate holds; a cert-manager Secret carries its issuer's CA as ca.crt. An existing Secret
 * may not, so verification is skipped there rather than failing every scrape.
 */
function brokerScrapeTls(env: ResolvedEnvironment): Record<string, unknown> {
  const { config } = env;
  if (brokerHttpScheme(config) === 'http') return { scheme: 'http' };
  const { tls } = config.cluster;
  if (tls.existingSecret !== undefined) return { scheme: 'https', tlsConfig: { insecureSkipVerify: true } };
  // One of the certificate's own names (brokerDnsNames), so verification succeeds against a pod IP.
  const qualified = `${brokerNames(config).clientService}.${config.namespace}.svc`;
  return {
    scheme: 'https',
    tlsConfig: { ca: { secret: { name: brokerNames(config).certificate, key: 'ca.crt' } }, serverName: qualified },
  };
}

function interval(env: ResolvedEnvironment): string | undefined {
  return env.config.monitoring?.interval;
}

export function renderServiceMonitor(env: ResolvedEnvironment): K8sObject {
  const names = brokerNames(env.config);
  const keepClientService: RelabelConfig = {
    action: 'keep',
    sourceLabels: ['__meta_kubernetes_service_name'],
    regex: names.clientService,
  };
  return k8sObject(monitoringApiVersion, 'ServiceMonitor', metadata(env, monitoringNames(env).serviceMonitor), {
    spec: {
      selector: { matchLabels: { 'app.kubernetes.io/name': 'rivven' } },
      namespaceSelector: { matchNames: [env.config.namespace] },
      endpoints: [
        {
          path: metricsPath,
          ...brokerScrapeTls(env),
          interval: interval(env),
          relabelings: [keepClientService, ...brokerAddressRelabelings(), ...scopeRelabelings(env, 'broker')],
        },
      ],
    },
  });
}

export function renderBrokerPodMonitor(env: ResolvedEnvironment): K8sObject {
  const keepClientPort: RelabelConfig = {
    action: 'keep',
    sourceLabels: ['__meta_kubernetes_pod_container_port_number'],
    regex: String(brokerPorts.client),
  };
  return k8sObject(monitoringApiVersion, 'PodMonitor', metadata(env, monitoringNames(env).podMonitor), {
    spec: {
      selector: { matchLabels: brokerPodLabels(env.config), matchExpressions: [...brokerPodExpressions] },
      namespaceSelector: { matchNames: [env.config.namespace] },
      podMetricsEndpoints: [
        {
          path: metricsPath,
          ...brokerScrapeTls(env),
          interval: interval(env),
          // One target per pod: the declared client port, re-pointed at the HTTP API.
          relabelings: [keepClientPort, ...brokerAddressRelabelings(), ...scopeRelabelings(env, 'broker')],
        },
      ],
    },
  });
}

/**
 * Connect workers (Deployments `rivven-connect-<pipeline>` the operator creates) declare a container
 * port named `metrics`; their pods carry `app.kubernetes.io/name=rivven-connect` and the pipeline name
 * as `app.kubernetes.io/instance`, which becomes the `rivven_pipeline` label.
 */
export function renderConnectPodMonitor(env: ResolvedEnvironment): K8sObject {
  const pipeline: RelabelConfig = {
    action: 'replace',
    sourceLabels: ['__meta_kubernetes_pod_label_app_kubernetes_io_instance'],
    targetLabel: scopeLabel.pipeline,
  };
  return k8sObject(monitoringApiVersion, 'PodMonitor', metadata(env, monitoringNames(env).connectPodMonitor), {
    spec: {
      selector: {
        matchLabels: { 'app.kubernetes.io/name': 'rivven-connect' },
        matchExpressions: [{ key: 'app.kubernetes.io/instance', operator: 'In', values: connectPipelineNames(env) }],
      },
      namespaceSelector: { matchNames: [env.config.namespace] },
      podMetricsEndpoints: [
        {
          port: 'metrics',
          path: metricsPath,
          scheme: 'http',
          interval: interval(env),
          relabelings: [pipeline, ...scopeRelabelings(env, 'connect')],
        },
      ],
    },
  });
}

/**
 * The alert rules, or nothing when alerts are off or no broker monitor is rendered (the rules select
 * on labels only our monitors add, so without them every alert would be silent or falsely absent).
 */
export function renderPrometheusRule(env: ResolvedEnvironment): K8sObject | undefined {
  const monitoring = env.config.monitoring;
  if (!monitoring?.alerts.enabled) return undefined;
  if (!monitoring.serviceMonitor && !monitoring.podMonitor) return undefined;
  const rules = renderAlertRules(env);
  return k8sObject(monitoringApiVersion, 'PrometheusRule', metadata(env, monitoringNames(env).prometheusRule), {
    spec: { groups: [{ name: `rivven-${env.config.namespace}-${env.config.cluster.name}`, rules }] },
  });
}

/** Alerts asked for but not rendered because nothing scrapes the brokers with our labels (RG533). */
export function findMonitoringIssues(env: ResolvedEnvironment): Finding[] {
  const monitoring = env.config.monitoring;
  if (!monitoring?.enabled || !monitoring.alerts.enabled || monitoring.serviceMonitor || monitoring.podMonitor) return [];
  return [
    finding('RG533', {
      severity: 'warning',
      path: 'monitoring.alerts',
      message: 'monitoring.serviceMonitor and monitoring.podMonitor are both off, so no PrometheusRule is rendered: its alerts would select series no monitor produces.',
    }),
  ];
}
