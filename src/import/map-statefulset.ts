/**
 * The broker StatefulSet of a manual deployment → `cluster` (target `manifests`): replicas, image,
 * resources, storage from the volume claim template, placement, TLS from the mounted secrets, and the
 * RIVVEN_* variables that correspond to model fields. What rivven-gitops derives itself (bind
 * addresses, seeds, node ids, probes, ports) is compared with what it renders by the importer's
 * verification; the deployment guide's known mistakes (ports 9292/9393/9090, the nonexistent image,
 * a config file rivvend never reads, health paths it does not serve) get notes that say why.
 */
import { brokerPorts, restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../render/names.js';
import type { PathSegment } from '../core/path.js';
import type { DocumentMapper } from './import-context.js';
import { mapBrokerImage, mapEnvList, mapMetadata, mapResources, mapTolerations } from './map-common.js';
import { placementForAffinity, placementValue } from './map-cluster.js';
import type { ImportPlan } from './plan.js';
import { asInteger, asRecord, asString, asStringList, asStringMap } from './values.js';
import { jsonEqual } from '../core/json-equal.js';

const cluster = ['cluster'] as const;

/** Variables rivven-gitops writes from the model (or derives); they are not carried as extra env. */
const derivedVariables = new Set([
  'POD_IP',
  'RIVVEN_MODE',
  'RIVVEN_NODE_ID',
  'RIVVEN_CLUSTER_NAME',
  'RIVVEN_BIND',
  'RIVVEN_CLUSTER_BIND',
  'RIVVEN_API_BIND',
  'RIVVEN_DATA_DIR',
  'RIVVEN_SEEDS',
  'RIVVEN_ADVERTISE_ADDR',
  'RIVVEN_TLS_ENABLED',
  'RIVVEN_TLS_CERT',
  'RIVVEN_TLS_KEY',
  'RIVVEN_TLS_CA',
  'RIVVEN_TLS_VERIFY_CLIENT',
]);

const guideConfigVariables: Readonly<Record<string, string>> = {
  RIVVEN_DEFAULT_PARTITIONS: 'defaultPartitions',
  RIVVEN_REPLICATION_FACTOR: 'defaultReplicationFactor',
  RIVVEN_MIN_ISR: 'minInsyncReplicas',
};

/** The probe timings rivven-gitops renders when cluster.probes does not change them. */
const probeDefaults = {
  livenessProbe: { periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 6 },
  readinessProbe: { periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 },
} as const;
const timingKeys = ['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'failureThreshold', 'successThreshold'];

function mapEnv(m: DocumentMapper, from: readonly PathSegment[]): void {
  const list = m.get(from);
  if (!Array.isArray(list)) return;
  const rest: unknown[] = [];
  const indices: number[] = [];
  list.forEach((item, i) => {
    const at = [...from, i];
    const v = asRecord(item) ?? {};
    const name = asString(v['name']) ?? '';
    const value = asString(v['value']);
    const ref = asRecord(asRecord(v['valueFrom'])?.['secretKeyRef']);
    const guide = guideConfigVariables[name];
    if (derivedVariables.has(name)) {
      if (name === 'RIVVEN_ADVERTISE_ADDR' && value !== undefined && !value.startsWith('$(POD_IP)')) {
        m.note(at, 'rivvend parses RIVVEN_ADVERTISE_ADDR as an IP:port, so a DNS name makes it fail at start; rivven-gitops renders $(POD_IP):9093. Not carried over.', cluster);
      }
      return;
    }
    if (name === 'RIVVEN_NO_REQUIRE_AUTH' && value === 'true') m.set([...cluster, 'auth', 'enabled'], at, false);
    else if (name === 'RIVVEN_DATACENTER' && value !== undefined) m.set([...cluster, 'datacenter'], at, value);
    else if (name === 'RIVVEN_CLUSTER_AUTH_TOKEN' && typeof ref?.['name'] === 'string' && typeof ref['key'] === 'string') {
      m.set([...cluster, 'clusterAuthToken'], at, { secretName: ref['name'], key: ref['key'] });
    } else if (guide !== undefined && value !== undefined && /^\d+$/.test(value)) m.set([...cluster, 'config', guide], at, Number(value));
    else {
      rest.push(item);
      indices.push(i);
    }
  });
  mapEnvList(m, from, rest, [...cluster, 'env'], indices);
}

function mapProbes(m: DocumentMapper, from: readonly PathSegment[], container: Record<string, unknown>): void {
  for (const probe of ['livenessProbe', 'readinessProbe'] as const) {
    const value = asRecord(container[probe]);
    if (value === undefined) continue;
    const handler = Object.fromEntries(Object.entries(value).filter(([k]) => !timingKeys.includes(k)));
    const httpGet = asRecord(value['httpGet']);
    const path = asString(httpGet?.['path']);
    // Liveness checks the listening HTTP port; readiness asks /health there (its scheme follows TLS).
    const ours = probe === 'livenessProbe' ? jsonEqual(handler, { tcpSocket: { port: 'http' } }) : path === '/health' && httpGet?.['port'] === 'http';
    if (!ours) {
      m.note(
        [...from, probe],
        `rivvend serves only GET /health on ${brokerPorts.http} (200 while a Raft leader is known)${path !== undefined && path !== '/health' ? `, not ${path}` : ''}; rivven-gitops renders its own probes (readiness on /health, liveness and startup on the listening port). Not carried over.`,
        [...cluster, 'probes'],
      );
      continue;
    }
    const timing: Record<string, number> = {};
    for (const key of timingKeys) {
      const n = asInteger(value[key]);
      const defaults: Readonly<Record<string, number>> = probeDefaults[probe];
      if (n !== undefined && n !== defaults[key]) timing[key] = n;
    }
    if (Object.keys(timing).length > 0) m.set([...cluster, 'probes', probe === 'livenessProbe' ? 'liveness' : 'readiness'], [...from, probe], timing);
  }
}

function mapVolumes(m: DocumentMapper, podFrom: readonly PathSegment[], containerFrom: readonly PathSegment[], container: Record<string, unknown>): void {
  const volumes = m.get([...podFrom, 'volumes']);
  if (!Array.isArray(volumes)) return;
  volumes.forEach((entry, i) => {
    const volume = asRecord(entry) ?? {};
    const at = [...podFrom, 'volumes', i];
    const secret = asString(asRecord(volume['secret'])?.['secretName']);
    if (volume['name'] === 'tls' && secret !== undefined) {
      m.set([...cluster, 'tls'], at, { enabled: true, existingSecret: secret });
    } else if (volume['name'] === 'client-ca' && secret !== undefined) {
      m.set([...cluster, 'tls', 'mtls'], at, { clientCASecret: secret });
    } else if (volume['configMap'] !== undefined) {
      m.note(at, 'rivvend has no --config flag and reads no config file (its settings are RIVVEN_* variables); the ConfigMap volume is not carried over.', cluster);
    }
  });
  const mounts = container['volumeMounts'];
  if (Array.isArray(mounts)) {
    mounts.forEach((mount, i) => {
      const path = asString(asRecord(mount)?.['mountPath']);
      if (path === '/etc/rivven') m.note([...containerFrom, 'volumeMounts', i], 'rivvend reads no config file; this mount is not carried over.', cluster);
    });
  }
}

function mapPorts(m: DocumentMapper, from: readonly PathSegment[], container: Record<string, unknown>): void {
  const ports = container['ports'];
  if (!Array.isArray(ports)) return;
  const real: readonly number[] = [brokerPorts.client, brokerPorts.cluster, brokerPorts.http];
  ports.forEach((port, i) => {
    const n = asInteger(asRecord(port)?.['containerPort']);
    if (n !== undefined && !real.includes(n)) {
      m.note([...from, 'ports', i], `rivvend listens on ${brokerPorts.client} (client), ${brokerPorts.cluster} (cluster) and ${brokerPorts.http} (HTTP API: /health, /metrics); port ${n} does not exist. Not carried over.`, cluster);
    }
  });
}

function mapContainer(m: DocumentMapper, podFrom: readonly PathSegment[], plan: ImportPlan): void {
  const containers = m.get([...podFrom, 'containers']);
  if (!Array.isArray(containers) || containers.length === 0) {
    m.note(podFrom, 'the StatefulSet has no containers; nothing about the broker is carried over.', cluster);
    return;
  }
  const index = Math.max(0, containers.findIndex((c) => ['rivvend', 'rivven', 'broker'].includes(asString(asRecord(c)?.['name']) ?? '')));
  containers.forEach((_, i) => {
    if (i !== index) m.note([...podFrom, 'containers', i], 'rivven-gitops renders the broker pod with the rivvend container only; this container is not carried over.', cluster);
  });
  const from = [...podFrom, 'containers', index];
  const container = asRecord(containers[index]) ?? {};
  mapBrokerImage(m, [...from, 'image'], asString(container['image']), plan);
  if (container['imagePullPolicy'] !== undefined) m.set([...cluster, 'imagePullPolicy'], [...from, 'imagePullPolicy']);
  mapResources(m, [...from, 'resources'], [...cluster, 'resources']);
  mapEnv(m, [...from, 'env']);
  mapProbes(m, from, container);
  mapPorts(m, from, container);
  mapVolumes(m, podFrom, from, container);
  for (const key of ['command', 'args'] as const) {
    if (container[key] !== undefined) m.note([...from, key], `rivven-gitops runs the image's own entrypoint and configures rivvend with RIVVEN_* variables; ${key} is not carried over.`, cluster);
  }
  const securityContext = container['securityContext'];
  if (securityContext !== undefined && !jsonEqual(securityContext, restrictedContainerSecurityContext({ readOnlyRootFilesystem: true }))) {
    m.note([...from, 'securityContext'], 'rivven-gitops always renders the restricted container security context (no privilege escalation, all capabilities dropped, read-only root filesystem); not carried over.', cluster);
  }
}

function mapClaim(m: DocumentMapper): void {
  const from = ['spec', 'volumeClaimTemplates'];
  const claims = m.get(from);
  if (!Array.isArray(claims) || claims.length === 0) {
    m.note(['spec'], 'the StatefulSet has no volumeClaimTemplates, so brokers would lose their data on restart; rivven-gitops renders a data volume per broker (cluster.storage).', [...cluster, 'storage']);
    return;
  }
  const index = Math.max(0, claims.findIndex((c) => asRecord(asRecord(c)?.['metadata'])?.['name'] === 'data'));
  const at = [...from, index, 'spec'];
  const spec = asRecord(m.get(at)) ?? {};
  const size = asRecord(asRecord(spec['resources'])?.['requests'])?.['storage'];
  if (size !== undefined) m.set([...cluster, 'storage', 'size'], [...at, 'resources', 'requests', 'storage'], String(size));
  if (spec['storageClassName'] !== undefined) m.set([...cluster, 'storage', 'storageClassName'], [...at, 'storageClassName']);
  const modes = asStringList(spec['accessModes']);
  if (modes !== undefined && !jsonEqual(modes, ['ReadWriteOnce'])) m.set([...cluster, 'storage', 'accessModes'], [...at, 'accessModes']);
  claims.forEach((_, i) => {
    if (i !== index) m.note([...from, i], 'rivven-gitops renders one data volume per broker; this claim template is not carried over.', [...cluster, 'storage']);
  });
}

export function mapBrokerStatefulSet(m: DocumentMapper, plan: ImportPlan): void {
  mapMetadata(m, { target: cluster });
  const name = asString(m.get(['metadata', 'name']));
  m.set([...cluster, 'name'], ['metadata', 'name'], plan.clusterName);
  if (name !== `rivven-${plan.clusterName}`) {
    m.note(['metadata', 'name'], `rivven-gitops names the broker objects rivven-<cluster.name>, as the operator does: this StatefulSet is rendered as rivven-${plan.clusterName}${name === undefined ? '' : `, not ${name}`}.`, [...cluster, 'name']);
  }
  if (m.get(['spec', 'replicas']) !== undefined) m.set([...cluster, 'replicas'], ['spec', 'replicas']);
  const podFrom = ['spec', 'template', 'spec'];
  const pod = asRecord(m.get(podFrom)) ?? {};
  const template = asRecord(asRecord(m.get(['spec', 'template']))?.['metadata']) ?? {};
  const annotations = asStringMap(template['annotations']);
  if (annotations !== undefined && Object.keys(annotations).length > 0) m.set([...cluster, 'podAnnotations'], ['spec', 'template', 'metadata', 'annotations'], annotations);
  const podLabels = Object.fromEntries(Object.entries(asStringMap(template['labels']) ?? {}).filter(([k]) => !k.startsWith('app.kubernetes.io/')));
  if (Object.keys(podLabels).length > 0) m.set([...cluster, 'podLabels'], ['spec', 'template', 'metadata', 'labels'], podLabels);
  if (pod['serviceAccountName'] !== undefined) m.set([...cluster, 'serviceAccountName'], [...podFrom, 'serviceAccountName']);
  const pullSecrets = pod['imagePullSecrets'];
  if (Array.isArray(pullSecrets)) {
    const names = pullSecrets.map((s) => asString(asRecord(s)?.['name']));
    if (names.every((n): n is string => n !== undefined)) m.set([...cluster, 'imagePullSecrets'], [...podFrom, 'imagePullSecrets'], names);
  }
  if (pod['nodeSelector'] !== undefined) m.set([...cluster, 'placement', 'nodeSelector'], [...podFrom, 'nodeSelector'], asStringMap(pod['nodeSelector']));
  mapTolerations(m, [...podFrom, 'tolerations'], [...cluster, 'placement', 'tolerations']);
  const placement = placementForAffinity('manifests', plan.clusterName, 'StatefulSet', pod['affinity'], pod['topologySpreadConstraints']);
  if (placement === undefined) {
    m.note(
      [...podFrom, pod['affinity'] !== undefined ? 'affinity' : 'topologySpreadConstraints'],
      "this placement is not one rivven-gitops renders (anti-affinity by hostname and a zone spread constraint, both selecting the broker pods' app.kubernetes.io/name, instance and component labels); not carried over: set cluster.placement.",
      [...cluster, 'placement'],
    );
    m.set([...cluster, 'placement', 'antiAffinity'], podFrom, 'none');
  } else m.set([...cluster, 'placement'], [...podFrom, 'affinity'], placementValue(placement));
  const podSecurity = pod['securityContext'];
  if (podSecurity !== undefined && !jsonEqual(podSecurity, { ...restrictedPodSecurityContext(), fsGroupChangePolicy: 'OnRootMismatch' })) {
    m.note([...podFrom, 'securityContext'], 'the Rivven images run as user and group 65532 (FROM scratch); rivven-gitops renders the restricted pod security context for them. Not carried over.', cluster);
  }
  mapContainer(m, podFrom, plan);
  mapClaim(m);
}
