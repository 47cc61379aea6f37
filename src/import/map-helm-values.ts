/**
 * The deployment guide's Helm-style values (`cluster.replicas`, `image.*`, `storage.*`, `persistence.*`,
 * `resources`, `service.*`, `affinity`, `topologySpreadConstraints`, `tls.*`, `mtls.*`, `auth.*`) →
 * config. The chart they were written for does not exist, so there is no rendered object to compare
 * with: every key is either mapped to the setting it was meant for or noted.
 */
import type { PathSegment } from '../core/path.js';
import type { DocumentMapper } from './import-context.js';
import { mapBrokerImage, mapResources } from './map-common.js';
import type { ImportPlan } from './plan.js';
import { asBoolean, asRecord, asString, isPlainObject } from './values.js';

const cluster = ['cluster'] as const;
type Json = Record<string, unknown>;

/** Notes every key of `block` not in `known`. */
function noteUnknown(m: DocumentMapper, from: readonly PathSegment[], block: Json, known: readonly string[], target: readonly PathSegment[]): void {
  for (const key of Object.keys(block)) {
    if (!known.includes(key)) m.note([...from, key], `${[...from, key].join('.')} is not a value rivven-gitops knows; not carried over.`, target);
  }
}

function block(m: DocumentMapper, key: string, target: readonly PathSegment[]): Json | undefined {
  const value = m.get([key]);
  if (value === undefined) return undefined;
  if (!isPlainObject(value)) {
    m.note([key], `${key} must be a mapping; not carried over.`, target);
    return undefined;
  }
  return value;
}

function mapImage(m: DocumentMapper, plan: ImportPlan): void {
  const image = block(m, 'image', cluster);
  if (image === undefined) return;
  noteUnknown(m, ['image'], image, ['repository', 'tag', 'pullPolicy'], cluster);
  const repository = asString(image['repository']);
  const tag = image['tag'];
  const tagText = typeof tag === 'number' ? String(tag) : asString(tag);
  if (repository !== undefined) mapBrokerImage(m, ['image', 'repository'], `${repository}:${tagText ?? 'latest'}`, plan);
  else if (tag !== undefined) m.note(['image', 'tag'], 'an image tag without image.repository says nothing rivven-gitops can render; set rivvenVersion. Not carried over.', cluster);
  if (image['pullPolicy'] !== undefined) m.set([...cluster, 'imagePullPolicy'], ['image', 'pullPolicy']);
}

function mapStorage(m: DocumentMapper, key: 'storage' | 'persistence'): void {
  const storage = block(m, key, [...cluster, 'storage']);
  if (storage === undefined) return;
  noteUnknown(m, [key], storage, ['size', 'storageClass', 'enabled'], [...cluster, 'storage']);
  if (storage['size'] !== undefined) m.set([...cluster, 'storage', 'size'], [key, 'size'], String(storage['size']));
  // An empty storageClass means the cluster's default class, which is what leaving it out renders.
  if (typeof storage['storageClass'] === 'string' && storage['storageClass'] !== '') m.set([...cluster, 'storage', 'storageClassName'], [key, 'storageClass']);
  if (storage['enabled'] === false) m.note([key, 'enabled'], 'brokers always keep their data on a persistent volume in rivven-gitops; not carried over.', [...cluster, 'storage']);
}

function mapService(m: DocumentMapper): void {
  const service = block(m, 'service', cluster);
  if (service === undefined) return;
  noteUnknown(m, ['service'], service, ['type', 'port'], cluster);
  const type = service['type'];
  if (type === 'LoadBalancer' || type === 'NodePort') m.set([...cluster, 'external'], ['service', 'type'], { type });
  else if (type !== undefined && type !== 'ClusterIP') m.note(['service', 'type'], `service type ${String(type)} is not one rivven-gitops renders (ClusterIP, LoadBalancer or NodePort); not carried over.`, cluster);
  if (service['port'] !== undefined && service['port'] !== 9092) {
    m.note(['service', 'port'], `rivvend serves clients on 9092 whatever a Service says; port ${String(service['port'])} does not exist (the guide's 9292 is wrong). Not carried over.`, cluster);
  }
}

/** Only the selector of the broker pods (name, and optionally instance): what rivven-gitops selects anyway. */
function selectsBrokers(term: Json, clusterName: string): boolean {
  const selector = asRecord(term['labelSelector']);
  const labels = asRecord(selector?.['matchLabels']);
  if (selector === undefined || labels === undefined || Object.keys(selector).some((k) => k !== 'matchLabels')) return false;
  return Object.entries(labels).every(([k, v]) => (k === 'app.kubernetes.io/name' && v === 'rivven') || (k === 'app.kubernetes.io/instance' && v === clusterName)) && labels['app.kubernetes.io/name'] === 'rivven';
}

function mapAffinity(m: DocumentMapper, plan: ImportPlan): void {
  const affinity = block(m, 'affinity', [...cluster, 'placement']);
  if (affinity === undefined) return;
  const target = [...cluster, 'placement'];
  const anti = asRecord(affinity['podAntiAffinity']);
  noteUnknown(m, ['affinity'], affinity, ['podAntiAffinity'], target);
  if (anti === undefined) return;
  const required = anti['requiredDuringSchedulingIgnoredDuringExecution'];
  const preferred = anti['preferredDuringSchedulingIgnoredDuringExecution'];
  const hostTerm = (term: unknown) => isPlainObject(term) && term['topologyKey'] === 'kubernetes.io/hostname' && selectsBrokers(term, plan.clusterName) && Object.keys(term).length === 2;
  if (Array.isArray(required) && required.length === 1 && hostTerm(required[0]) && preferred === undefined) {
    m.set([...target, 'antiAffinity'], ['affinity', 'podAntiAffinity'], 'required');
  } else if (Array.isArray(preferred) && preferred.length === 1 && required === undefined && hostTerm(asRecord(preferred[0])?.['podAffinityTerm'])) {
    m.set([...target, 'antiAffinity'], ['affinity', 'podAntiAffinity'], 'preferred');
  } else {
    m.note(['affinity', 'podAntiAffinity'], 'rivven-gitops renders one broker anti-affinity by hostname (required or preferred); this one is not carried over: set cluster.placement.antiAffinity.', target);
  }
}

function mapTopologySpread(m: DocumentMapper, plan: ImportPlan): void {
  const spread = m.get(['topologySpreadConstraints']);
  if (spread === undefined) return;
  const target = [...cluster, 'placement'];
  const only = Array.isArray(spread) && spread.length === 1 ? asRecord(spread[0]) : undefined;
  const zone = only !== undefined && only['topologyKey'] === 'topology.kubernetes.io/zone' && only['maxSkew'] === 1 && only['whenUnsatisfiable'] === 'DoNotSchedule' && selectsBrokers(only, plan.clusterName);
  if (!zone) {
    m.note(['topologySpreadConstraints'], 'rivven-gitops renders one zone spread (maxSkew 1 over topology.kubernetes.io/zone); this one is not carried over: set cluster.placement.zoneSpread.', target);
    return;
  }
  m.set([...target, 'zoneSpread'], ['topologySpreadConstraints'], true);
  if (plan.target === 'operator') {
    m.note(['topologySpreadConstraints'], 'the RivvenCluster has no topologySpreadConstraints: with the operator, zone spread is rendered as a preferred anti-affinity per zone (it still schedules when brokers outnumber zones).', [...target, 'zoneSpread']);
  }
}

function mapTls(m: DocumentMapper): void {
  const target = [...cluster, 'tls'];
  const tls = block(m, 'tls', target);
  if (tls !== undefined) {
    noteUnknown(m, ['tls'], tls, ['enabled', 'certManager', 'existingSecret'], target);
    if (tls['enabled'] !== undefined) m.set([...target, 'enabled'], ['tls', 'enabled']);
    const certManager = asRecord(tls['certManager']);
    if (certManager !== undefined) {
      noteUnknown(m, ['tls', 'certManager'], certManager, ['enabled', 'issuerRef'], target);
      const issuer = asRecord(certManager['issuerRef']);
      if (certManager['enabled'] === true && issuer !== undefined) m.set([...target, 'certManager'], ['tls', 'certManager', 'issuerRef'], { issuerRef: issuer });
      else if (certManager['enabled'] === true) m.note(['tls', 'certManager'], 'cert-manager is enabled without an issuerRef; not carried over.', target);
    }
    if (tls['existingSecret'] !== undefined) m.set([...target, 'existingSecret'], ['tls', 'existingSecret']);
  }
  const mtls = block(m, 'mtls', target);
  if (mtls !== undefined) {
    noteUnknown(m, ['mtls'], mtls, ['enabled', 'clientCA'], [...target, 'mtls']);
    const secret = asString(asRecord(mtls['clientCA'])?.['secretName']);
    if (secret !== undefined) m.set([...target, 'mtls'], ['mtls', 'clientCA', 'secretName'], { ...(asBoolean(mtls['enabled']) === undefined ? {} : { enabled: mtls['enabled'] }), clientCASecret: secret });
    else if (mtls['enabled'] === true) m.note(['mtls'], 'mutual TLS needs clientCA.secretName (a Secret with ca.crt); not carried over.', target);
  }
}

function mapAuth(m: DocumentMapper): void {
  const target = [...cluster, 'auth'];
  const auth = block(m, 'auth', target);
  if (auth === undefined) return;
  noteUnknown(m, ['auth'], auth, ['enabled', 'mechanism', 'scram', 'rbac', 'token'], target);
  for (const key of ['enabled', 'mechanism', 'scram', 'rbac', 'token'] as const) {
    if (auth[key] !== undefined) m.set([...target, key], ['auth', key]);
  }
}

export function mapHelmValues(m: DocumentMapper, plan: ImportPlan): void {
  const values = asRecord(m.doc.value) ?? {};
  const known = ['cluster', 'image', 'storage', 'persistence', 'resources', 'service', 'affinity', 'topologySpreadConstraints', 'tls', 'mtls', 'auth'];
  noteUnknown(m, [], values, known, []);
  const clusterBlock = block(m, 'cluster', cluster);
  if (clusterBlock !== undefined) {
    noteUnknown(m, ['cluster'], clusterBlock, ['replicas', 'name'], cluster);
    if (clusterBlock['replicas'] !== undefined) m.set([...cluster, 'replicas'], ['cluster', 'replicas']);
    if (clusterBlock['name'] !== undefined) m.set([...cluster, 'name'], ['cluster', 'name']);
  }
  mapImage(m, plan);
  mapStorage(m, 'storage');
  mapStorage(m, 'persistence');
  mapResources(m, ['resources'], [...cluster, 'resources']);
  mapService(m);
  mapAffinity(m, plan);
  mapTopologySpread(m, plan);
  mapTls(m);
  mapAuth(m);
}
