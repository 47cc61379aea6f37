/**
 * RivvenCluster → `cluster` (operator target). Every field of the real CRD is either carried over in
 * the DSL's form (`retentionDurationSecs: 604800` → `retention: '7d'`) or noted with the reason; the
 * guide's `spec.version` and `spec.config`, which the API server prunes, are explained too.
 */
import { brokerPorts, restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../render/names.js';
import type { PathSegment } from '../core/path.js';
import type { DocumentMapper } from './import-context.js';
import { mapBrokerImage, mapEnvList, mapMetadata, mapProbeTiming, mapResources, mapTolerations } from './map-common.js';
import { isRelease, type ImportPlan } from './plan.js';
import { findRendered, renderConfig } from './render-config.js';
import { asBoolean, asInteger, asRecord, asString, asStringList, asStringMap, friendlyDuration, friendlySize } from './values.js';
import { jsonEqual } from '../core/json-equal.js';

const cluster = ['cluster'] as const;
const crdDefaults = { adminPort: 9095, certFile: '/etc/rivven/certs/tls.crt', keyFile: '/etc/rivven/certs/tls.key', caFile: '/etc/rivven/certs/ca.crt', metricsPath: '/metrics' };

type Placement = { antiAffinity: 'none' | 'preferred' | 'required'; zoneSpread: boolean };
const placements: readonly Placement[] = (['none', 'preferred', 'required'] as const).flatMap((antiAffinity) => [
  { antiAffinity, zoneSpread: false },
  { antiAffinity, zoneSpread: true },
]);

/** The placement as written in a config: zoneSpread only when on (off is the default). */
export function placementValue(placement: Placement): Record<string, unknown> {
  return placement.zoneSpread ? { ...placement } : { antiAffinity: placement.antiAffinity };
}

/** The placement whose rendered affinity is exactly `affinity` (undefined affinity: none and no zone spread). */
export function placementForAffinity(target: 'operator' | 'manifests', clusterName: string, kind: 'RivvenCluster' | 'StatefulSet', affinity: unknown, topologySpread?: unknown): Placement | undefined {
  for (const placement of placements) {
    const outcome = renderConfig({ target, cluster: { name: clusterName, replicas: 3, placement, clusterAuthToken: { secretName: 'x', key: 'x' } } });
    if (!outcome.ok) continue;
    const rendered = findRendered(outcome.objects, kind);
    const spec = asRecord(rendered?.['spec']);
    const pod = kind === 'StatefulSet' ? asRecord(asRecord(spec?.['template'])?.['spec']) : spec;
    if (jsonEqual(pod?.['affinity'], affinity) && (kind === 'RivvenCluster' || jsonEqual(pod?.['topologySpreadConstraints'], topologySpread))) return placement;
  }
  return undefined;
}

function mapBroker(m: DocumentMapper): void {
  const from = ['spec', 'broker'];
  const broker = asRecord(m.get(from));
  if (broker === undefined) return;
  const target = [...cluster, 'broker'];
  const realPorts: Record<string, number> = { clientPort: brokerPorts.client, clusterPort: brokerPorts.cluster, metricsPort: brokerPorts.http };
  for (const [key, value] of Object.entries(broker)) {
    const at = [...from, key];
    const n = asInteger(value);
    const real = realPorts[key];
    if (real !== undefined) {
      // The CRD default is the real port: leaving it out renders the same object.
      if (n !== real) m.note(at, `rivvend always serves this port on ${real}; ${String(value)} is not carried over (rivven-gitops renders only the real ports).`, target);
      continue;
    }
    switch (key) {
      case 'adminPort':
        if (n !== crdDefaults.adminPort) m.note(at, 'rivvend has no admin port (9092 client, 9093 cluster, 9094 HTTP API); not carried over.', target);
        break;
      case 'segmentSizeBytes':
        m.set([...target, 'segmentSize'], at, n === undefined ? value : friendlySize(n));
        break;
      case 'retentionSizeBytes':
        m.set([...target, 'retentionSize'], at, n === undefined ? value : friendlySize(n));
        break;
      case 'maxMessageSizeBytes':
        m.set([...target, 'maxMessageSize'], at, n === undefined ? value : friendlySize(n));
        break;
      case 'retentionDurationSecs':
        m.set([...target, 'retention'], at, n === undefined ? value : friendlyDuration(n * 1000));
        break;
      case 'compressionEnabled':
      case 'compressionLevel':
      case 'indexIntervalBytes':
      case 'ackTimeoutMs':
        m.set([...target, key], at);
        break;
      default:
        m.note(at, `broker.${key} is not a field of the RivvenCluster CRD: the API server prunes it; not carried over.`, target);
    }
  }
}

function mapTls(m: DocumentMapper): void {
  const from = ['spec', 'tls'];
  const tls = asRecord(m.get(from));
  if (tls === undefined) return;
  const target = [...cluster, 'tls'];
  const enabled = asBoolean(tls['enabled']) === true;
  const secretName = asString(tls['secretName']);
  for (const key of ['certFile', 'keyFile', 'caFile'] as const) {
    if (tls[key] !== undefined && tls[key] !== crdDefaults[key]) {
      m.note([...from, key], `rivven-gitops leaves the certificate paths to the operator's defaults (${crdDefaults[key]}); ${String(tls[key])} is not carried over.`, target);
    }
  }
  if (!enabled) {
    if (secretName !== undefined) m.note([...from, 'secretName'], 'TLS is not enabled, so the secret is not used; not carried over.', target);
    if (tls['clientAuth'] === true) m.note([...from, 'clientAuth'], 'TLS is not enabled, so client authentication has no effect; not carried over.', target);
    return;
  }
  if (secretName === undefined) {
    m.note([...from, 'enabled'], 'TLS is enabled without a secretName, so the brokers have no certificate; set cluster.tls.existingSecret or certManager, then enable TLS.', target);
    return;
  }
  m.set([...target, 'enabled'], [...from, 'enabled'], true);
  m.set([...target, 'existingSecret'], [...from, 'secretName']);
  // The operator verifies client certificates with ca.crt of the same secret: name it as the client CA.
  if (tls['clientAuth'] === true) m.set([...target, 'mtls'], [...from, 'clientAuth'], { clientCASecret: secretName });
}

function mapMetrics(m: DocumentMapper): void {
  const from = ['spec', 'metrics'];
  const metrics = asRecord(m.get(from));
  if (metrics === undefined) return;
  if (metrics['enabled'] === false) m.note([...from, 'enabled'], "rivven-gitops always enables the broker's metrics endpoint (its own monitors scrape /metrics on 9094); not carried over.", ['monitoring']);
  if (metrics['path'] !== undefined && metrics['path'] !== crdDefaults.metricsPath) m.note([...from, 'path'], 'rivvend serves metrics on /metrics only; not carried over.', ['monitoring']);
  if (metrics['serviceMonitor'] === true || metrics['serviceMonitorNamespace'] !== undefined) {
    m.note(
      [...from, metrics['serviceMonitor'] === true ? 'serviceMonitor' : 'serviceMonitorNamespace'],
      'the operator creates no ServiceMonitor; rivven-gitops renders its own with monitoring: { serviceMonitor: true } (labels: your Prometheus selector). Not carried over.',
      ['monitoring'],
    );
  }
}

function mapPdb(m: DocumentMapper): void {
  const from = ['spec', 'pdb'];
  const pdb = asRecord(m.get(from));
  if (pdb === undefined) return;
  const target = [...cluster, 'pdb'];
  const out: Record<string, unknown> = {};
  if (pdb['enabled'] === false) out['enabled'] = false;
  else {
    if (pdb['minAvailable'] !== undefined) out['minAvailable'] = pdb['minAvailable'];
    if (pdb['maxUnavailable'] !== undefined) {
      if (pdb['minAvailable'] !== undefined) m.note([...from, 'maxUnavailable'], 'a PodDisruptionBudget takes minAvailable or maxUnavailable; minAvailable is kept.', target);
      else out['maxUnavailable'] = pdb['maxUnavailable'];
    }
  }
  if (Object.keys(out).length > 0) m.set(target, from, out);
}

/** RIVVEN_* variables that the model sets through its own fields: they go there, the rest stays env. */
function mapEnv(m: DocumentMapper): void {
  const from = ['spec', 'env'];
  const list = m.get(from);
  if (list === undefined) return;
  if (!Array.isArray(list)) {
    m.note(from, 'env must be a list; not carried over.', cluster);
    return;
  }
  const rest: unknown[] = [];
  const indices: number[] = [];
  list.forEach((item, i) => {
    const v = asRecord(item);
    const name = asString(v?.['name']);
    const ref = asRecord(asRecord(v?.['valueFrom'])?.['secretKeyRef']);
    if (name === 'RIVVEN_NO_REQUIRE_AUTH' && v?.['value'] === 'true') m.set([...cluster, 'auth', 'enabled'], [...from, i], false);
    else if (name === 'RIVVEN_DATACENTER' && typeof v?.['value'] === 'string') m.set([...cluster, 'datacenter'], [...from, i], v['value']);
    else if (name === 'RIVVEN_CLUSTER_AUTH_TOKEN' && typeof ref?.['name'] === 'string' && typeof ref['key'] === 'string') {
      m.set([...cluster, 'clusterAuthToken'], [...from, i], { secretName: ref['name'], key: ref['key'] });
    } else {
      rest.push(item);
      indices.push(i);
    }
  });
  mapEnvList(m, from, rest, [...cluster, 'env'], indices);
}

function noteSecurityContext(m: DocumentMapper, key: 'securityContext' | 'containerSecurityContext', rendered: Record<string, unknown>): void {
  const value = m.get(['spec', key]);
  if (value === undefined || jsonEqual(value, rendered)) return;
  m.note(
    ['spec', key],
    `rivven-gitops always renders the restricted ${key === 'securityContext' ? 'pod' : 'container'} security context the Rivven images need (user 65532, no privilege escalation, all capabilities dropped, RuntimeDefault seccomp${key === 'containerSecurityContext' ? ', read-only root filesystem' : ''}); this one is not carried over.`,
    cluster,
  );
}

export function mapRivvenCluster(m: DocumentMapper, plan: ImportPlan): void {
  mapMetadata(m, { target: cluster });
  m.set([...cluster, 'name'], ['metadata', 'name']);
  const spec = asRecord(m.get(['spec'])) ?? {};
  const at = (key: string): PathSegment[] => ['spec', key];
  for (const [key, value] of Object.entries(spec)) {
    switch (key) {
      case 'replicas':
        m.set([...cluster, 'replicas'], at(key));
        break;
      case 'image':
        mapBrokerImage(m, at(key), asString(value), plan);
        break;
      case 'version': {
        const carried = isRelease(asString(value)) && value === plan.rivvenVersion;
        if (carried) m.set(['rivvenVersion'], at(key), value);
        m.note(
          at(key),
          `RivvenCluster has no spec.version (the API server prunes it)${carried ? '; it is carried over as rivvenVersion, which pins the broker image tag' : '; the broker image tag says which release runs'}.`,
          carried ? ['rivvenVersion'] : cluster,
        );
        break;
      }
      case 'config':
        m.note(at(key), 'RivvenCluster has no spec.config (the API server prunes it): rivvend takes no config file; set topic settings per topic or in topicDefaults. Not carried over.', cluster);
        break;
      case 'broker':
        mapBroker(m);
        break;
      case 'storage': {
        const storage = asRecord(value) ?? {};
        if (storage['size'] !== undefined) m.set([...cluster, 'storage', 'size'], [...at(key), 'size'], String(storage['size']));
        if (storage['storageClassName'] !== undefined) m.set([...cluster, 'storage', 'storageClassName'], [...at(key), 'storageClassName']);
        const modes = asStringList(storage['accessModes']);
        if (modes !== undefined && !jsonEqual(modes, ['ReadWriteOnce'])) m.set([...cluster, 'storage', 'accessModes'], [...at(key), 'accessModes']);
        break;
      }
      case 'resources':
        mapResources(m, at(key), [...cluster, 'resources']);
        break;
      case 'affinity': {
        const placement = placementForAffinity('operator', plan.clusterName, 'RivvenCluster', value);
        if (placement === undefined) {
          m.note(
            at(key),
            'this affinity is not one rivven-gitops renders (placement renders anti-affinity on the broker pods by hostname, and zone spread by zone, selecting app.kubernetes.io/name and instance); not carried over: set cluster.placement.',
            [...cluster, 'placement'],
          );
          m.set([...cluster, 'placement', 'antiAffinity'], at(key), 'none');
        } else m.set([...cluster, 'placement'], at(key), placementValue(placement));
        break;
      }
      case 'tolerations':
        mapTolerations(m, at(key), [...cluster, 'placement', 'tolerations']);
        break;
      case 'nodeSelector':
        m.set([...cluster, 'placement', 'nodeSelector'], at(key), asStringMap(value));
        break;
      case 'imagePullSecrets':
        m.set([...cluster, 'imagePullSecrets'], at(key), asStringList(value));
        break;
      case 'serviceAccountName':
        m.set([...cluster, 'serviceAccountName'], at(key));
        break;
      case 'env':
        mapEnv(m);
        break;
      case 'tls':
        mapTls(m);
        break;
      case 'metrics':
        mapMetrics(m);
        break;
      case 'pdb':
        mapPdb(m);
        break;
      case 'securityContext':
        noteSecurityContext(m, key, restrictedPodSecurityContext());
        break;
      case 'containerSecurityContext':
        noteSecurityContext(m, key, restrictedContainerSecurityContext({ readOnlyRootFilesystem: true }));
        break;
      case 'livenessProbe':
        mapProbeTiming(m, at(key), [...cluster, 'probes', 'liveness']);
        break;
      case 'readinessProbe':
        mapProbeTiming(m, at(key), [...cluster, 'probes', 'readiness']);
        break;
      case 'annotations':
        m.set([...cluster, 'podAnnotations'], at(key), asStringMap(value));
        break;
      case 'labels':
        m.set([...cluster, 'podLabels'], at(key), asStringMap(value));
        break;
      default:
        m.note(at(key), `spec.${key} is not a field of the RivvenCluster CRD: the API server prunes it; not carried over.`, cluster);
    }
  }
  // No affinity means none: the model's default (preferred anti-affinity) would add one.
  if (spec['affinity'] === undefined) m.set([...cluster, 'placement', 'antiAffinity'], ['spec'], 'none');
  if (spec['image'] === undefined) {
    m.note(['spec', 'image'], `spec.image is not set, so the operator would run the CRD default ghcr.io/hupe1980/rivven:latest, which does not exist; rivven-gitops renders ghcr.io/hupe1980/rivvend:${plan.effectiveVersion}.`, cluster);
  }
}
