/**
 * The rest of a manual deployment (target `manifests`): Namespace → `namespace`, Services → what
 * rivven-gitops renders for them (an external LoadBalancer/NodePort Service → `cluster.external`),
 * HorizontalPodAutoscaler → `autoscaling`, Ingress → `ingress` (HTTP API routes only), ConfigMap → a
 * note (rivvend reads no config file).
 */
import { brokerPorts } from '../render/names.js';
import type { DocumentMapper } from './import-context.js';
import { mapMetadata } from './map-common.js';
import type { ImportPlan } from './plan.js';
import { asInteger, asRecord, asString, asStringList, asStringMap, friendlyDuration } from './values.js';

export function mapNamespace(m: DocumentMapper): void {
  m.set(['namespace'], ['metadata', 'name']);
  const labels = Object.keys(asStringMap(m.get(['metadata', 'labels'])) ?? {}).filter((k) => !k.startsWith('app.kubernetes.io/') && !k.startsWith('pod-security.kubernetes.io/'));
  if (labels.length > 0) {
    m.note(['metadata', 'labels'], `namespace labels ${labels.sort().join(', ')} are not carried over: rivven-gitops labels the namespace itself (and enforces the restricted Pod Security Standard).`, ['namespace']);
  }
}

export function mapService(m: DocumentMapper, plan: ImportPlan): void {
  const spec = asRecord(m.get(['spec'])) ?? {};
  const type = asString(spec['type']) ?? 'ClusterIP';
  if (type === 'LoadBalancer' || type === 'NodePort') {
    mapMetadata(m, { target: ['cluster', 'external'], annotations: false });
    const external: Record<string, unknown> = { type };
    const annotations = asStringMap(m.get(['metadata', 'annotations']));
    if (annotations !== undefined && Object.keys(annotations).length > 0) external['annotations'] = annotations;
    const ranges = asStringList(spec['loadBalancerSourceRanges']);
    if (ranges !== undefined) external['loadBalancerSourceRanges'] = ranges;
    m.set(['cluster', 'external'], ['spec', 'type'], external);
    return;
  }
  if (type !== 'ClusterIP') {
    m.note(['spec', 'type'], `rivven-gitops renders broker Services of type ClusterIP, LoadBalancer or NodePort; ${type} is not carried over.`, ['cluster']);
    return;
  }
  mapMetadata(m, { target: ['cluster'] });
  const ports = spec['ports'];
  const real: readonly number[] = [brokerPorts.client, brokerPorts.cluster, brokerPorts.http];
  if (Array.isArray(ports)) {
    ports.forEach((port, i) => {
      const p = asRecord(port) ?? {};
      for (const key of ['port', 'targetPort'] as const) {
        const n = asInteger(p[key]);
        if (n !== undefined && !real.includes(n)) {
          m.note(['spec', 'ports', i, key], `rivvend listens on ${brokerPorts.client} (client), ${brokerPorts.cluster} (cluster) and ${brokerPorts.http} (HTTP API); port ${n} does not exist. rivven-gitops renders the real ports.`, ['cluster']);
        }
      }
    });
  }
  const name = asString(m.get(['metadata', 'name']));
  const expected = spec['clusterIP'] === 'None' ? `rivven-${plan.clusterName}-headless` : `rivven-${plan.clusterName}`;
  if (name !== expected && !name?.endsWith('-api')) {
    m.note(['metadata', 'name'], `rivven-gitops renders this Service as ${expected} (the operator's names, which runbooks and monitors rely on).`, ['cluster', 'name']);
  }
}

export function mapConfigMap(m: DocumentMapper): void {
  const data = asRecord(m.get(['data'])) ?? {};
  const file = Object.keys(data).find((k) => /\.ya?ml$|\.toml$/.test(k));
  m.note(
    file === undefined ? [] : ['data', file],
    file === undefined
      ? 'rivven-gitops imports no ConfigMaps: rivvend is configured with RIVVEN_* variables, which come from cluster settings.'
      : `rivvend has no --config flag and reads no config file, so ${file} never configured it; rivven-gitops sets the real RIVVEN_* variables from cluster settings. Not carried over.`,
    ['cluster'],
  );
}

function utilizationOf(metric: unknown): { name: string; value: number } | undefined {
  const resource = asRecord(asRecord(metric)?.['resource']);
  const target = asRecord(resource?.['target']);
  const name = asString(resource?.['name']);
  const value = asInteger(target?.['averageUtilization']);
  if (asRecord(metric)?.['type'] !== 'Resource' || target?.['type'] !== 'Utilization' || name === undefined || value === undefined) return undefined;
  return { name, value };
}

export function mapHpa(m: DocumentMapper): void {
  const target = ['autoscaling'];
  mapMetadata(m, { target });
  const spec = asRecord(m.get(['spec'])) ?? {};
  const out: Record<string, unknown> = {};
  if (spec['minReplicas'] !== undefined) out['minReplicas'] = spec['minReplicas'];
  if (spec['maxReplicas'] !== undefined) out['maxReplicas'] = spec['maxReplicas'];
  const metrics = Array.isArray(spec['metrics']) ? spec['metrics'] : [];
  metrics.forEach((metric, i) => {
    const u = utilizationOf(metric);
    if (u?.name === 'cpu') out['targetCPUUtilization'] = u.value;
    else if (u?.name === 'memory') out['targetMemoryUtilization'] = u.value;
    else m.note(['spec', 'metrics', i], 'rivven-gitops scales brokers on CPU and memory utilization only; this metric is not carried over.', target);
  });
  if (!metrics.some((metric) => utilizationOf(metric)?.name === 'cpu')) {
    m.note(['spec', 'metrics'], 'rivven-gitops always scales on CPU utilization (70% unless targetCPUUtilization says otherwise).', target);
  }
  const scaleDown = asRecord(asRecord(spec['behavior'])?.['scaleDown']);
  const window = asInteger(scaleDown?.['stabilizationWindowSeconds']);
  if (window !== undefined) out['scaleDownStabilization'] = friendlyDuration(window * 1000);
  const policies = scaleDown?.['policies'];
  const policy = Array.isArray(policies) && policies.length === 1 ? asRecord(policies[0]) : undefined;
  if (policy?.['type'] === 'Pods' && policy['periodSeconds'] === 60 && asInteger(policy['value']) !== undefined) out['scaleDownPodsPerMinute'] = policy['value'];
  else if (policies !== undefined) m.note(['spec', 'behavior', 'scaleDown', 'policies'], 'rivven-gitops renders one scale-down policy: N pods per 60 s; these policies are not carried over.', target);
  m.set(target, ['spec'], out);
}

export function mapIngress(m: DocumentMapper, plan: ImportPlan): void {
  const rules = m.get(['spec', 'rules']);
  const rule = Array.isArray(rules) ? asRecord(rules[0]) : undefined;
  const host = asString(rule?.['host']);
  const paths = asRecord(rule?.['http'])?.['paths'];
  const backends = (Array.isArray(paths) ? paths : []).map((p) => asRecord(asRecord(asRecord(p)?.['backend'])?.['service']));
  const apiService = `rivven-${plan.clusterName}-api`;
  const toApi = backends.length > 0 && backends.every((b) => b?.['name'] === apiService && asInteger(asRecord(b['port'])?.['number']) === brokerPorts.http);
  if (!toApi || host === undefined || (Array.isArray(rules) && rules.length > 1)) {
    m.note(
      ['spec'],
      "the broker's client protocol is custom TCP, not HTTP or gRPC, so it cannot go through an Ingress (use cluster.external, a LoadBalancer Service); rivven-gitops routes only the HTTP API (/health, /metrics) and the schema registry through one. Not carried over.",
      ['ingress'],
    );
    return;
  }
  const target = ['ingress'];
  mapMetadata(m, { target, annotations: false });
  const annotations = { ...(asStringMap(m.get(['metadata', 'annotations'])) ?? {}) };
  const issuer = annotations['cert-manager.io/cluster-issuer'];
  delete annotations['cert-manager.io/cluster-issuer'];
  const out: Record<string, unknown> = {};
  if (m.get(['spec', 'ingressClassName']) !== undefined) out['className'] = m.get(['spec', 'ingressClassName']);
  if (Object.keys(annotations).length > 0) out['annotations'] = annotations;
  if (issuer !== undefined) out['clusterIssuer'] = issuer;
  const tls = m.get(['spec', 'tls']);
  const secret = Array.isArray(tls) ? asString(asRecord(tls[0])?.['secretName']) : undefined;
  out['brokerApi'] = { host, ...(secret === undefined ? {} : { tlsSecretName: secret }) };
  m.set(target, ['spec'], out);
}
