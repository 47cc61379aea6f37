/**
 * What an environment's rendered objects need from the cluster before Argo CD can sync them: the APIs
 * (CRDs) they use, the operators that act on those CRDs, the Secrets they reference but do not deliver,
 * the StorageClasses their volume claims name (or a default StorageClass, for claims that name none),
 * the cert-manager issuers their Certificates name and the SecretStores their ExternalSecrets read. One pure function, read by both `doctor` (against a live
 * cluster) and the runbook, so the two cannot drift.
 */
import { isRecord } from '../core/json.js';
import { apiGroup, apiVersionOnly, idOf } from '../core/object-ref.js';
import { compareText } from '../core/order.js';
import { rivvenGroup } from '../core/rivven.js';
import type { SourceLocation } from '../errors/diagnostic.js';
import type { K8sObject } from './k8s-object.js';
import { findObjectSecretReferences, findSecretProducers } from './secret-references.js';
import { findObjectVolumeClaims } from './volume-claims.js';

/** API groups every Kubernetes 1.32 API server serves without a CRD. */
const builtInGroups = new Set([
  '', 'apps', 'batch', 'autoscaling', 'policy', 'networking.k8s.io', 'rbac.authorization.k8s.io', 'storage.k8s.io',
  'apiextensions.k8s.io', 'admissionregistration.k8s.io', 'scheduling.k8s.io', 'coordination.k8s.io', 'node.k8s.io',
  'discovery.k8s.io', 'certificates.k8s.io', 'events.k8s.io', 'flowcontrol.apiserver.k8s.io', 'apiregistration.k8s.io',
]);

/**
 * The config line that creates a prerequisite (set by locatePrerequisites, for one environment): the
 * dotted config path and where it was written. Absent when listed from the objects alone (the runbook).
 */
export interface ConfigSource {
  readonly path: string;
  readonly loc?: SourceLocation;
}

export interface RequiredApi {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** The rendered objects that use it, by id. */
  readonly usedBy: readonly string[];
  readonly source?: ConfigSource;
}

/** An operator known by the API group it serves and the labels its Deployment carries in the usual installs. */
export interface OperatorSpec {
  readonly name: string;
  readonly group: string;
  /** Label selectors, any of which finds its controller Deployment (Helm chart and upstream manifests). */
  readonly selectors: readonly string[];
  readonly install: string;
}

export interface RequiredOperator extends OperatorSpec {
  readonly source?: ConfigSource;
}

export const knownOperators: readonly OperatorSpec[] = [
  { name: 'Rivven operator', group: rivvenGroup, selectors: ['app.kubernetes.io/name=rivven-operator'], install: 'target operator with operator.install, or the Rivven operator chart' },
  { name: 'cert-manager', group: 'cert-manager.io', selectors: ['app.kubernetes.io/name=cert-manager', 'app=cert-manager'], install: 'https://cert-manager.io/docs/installation/' },
  { name: 'prometheus-operator', group: 'monitoring.coreos.com', selectors: ['app.kubernetes.io/name=prometheus-operator', 'app.kubernetes.io/component=prometheus-operator', 'app=kube-prometheus-stack-operator'], install: 'kube-prometheus-stack or prometheus-operator' },
  { name: 'External Secrets Operator', group: 'external-secrets.io', selectors: ['app.kubernetes.io/name=external-secrets'], install: 'https://external-secrets.io/latest/introduction/getting-started/' },
  { name: 'Velero', group: 'velero.io', selectors: ['app.kubernetes.io/name=velero', 'component=velero'], install: 'https://velero.io/docs/main/basic-install/' },
  { name: 'Sealed Secrets controller', group: 'bitnami.com', selectors: ['app.kubernetes.io/name=sealed-secrets'], install: 'https://github.com/bitnami-labs/sealed-secrets#installation' },
];

export interface RequiredIssuer {
  readonly kind: 'Issuer' | 'ClusterIssuer';
  /** '' for a ClusterIssuer. */
  readonly namespace: string;
  readonly name: string;
  readonly usedBy: readonly string[];
  readonly source?: ConfigSource;
}

export interface RequiredSecretStore {
  readonly kind: 'SecretStore' | 'ClusterSecretStore';
  readonly namespace: string;
  readonly name: string;
  readonly usedBy: readonly string[];
  readonly source?: ConfigSource;
}

/** One place that reads a required Secret: the reading object's id and the field that names the Secret. */
export interface SecretConsumer {
  readonly consumer: string;
  readonly via: string;
}

export interface RequiredSecret {
  readonly namespace: string;
  readonly name: string;
  readonly consumers: readonly SecretConsumer[];
  readonly source?: ConfigSource;
}

export interface RequiredStorageClass {
  readonly name: string;
  readonly usedBy: readonly string[];
  readonly source?: ConfigSource;
}

/**
 * A StorageClass annotated `storageclass.kubernetes.io/is-default-class: "true"`: volume claims that
 * name no class get it, and stay Pending while the cluster has none.
 */
export interface RequiredDefaultStorageClass {
  /** The objects whose claims name no class, by id. */
  readonly usedBy: readonly string[];
  readonly source?: ConfigSource;
}

export interface Prerequisites {
  readonly apis: readonly RequiredApi[];
  readonly operators: readonly RequiredOperator[];
  /** Referenced Secrets that nothing in the environment creates: they must exist before the sync. */
  readonly secrets: readonly RequiredSecret[];
  readonly storageClasses: readonly RequiredStorageClass[];
  /** Present when a claim names no StorageClass (an explicit `''` asks for none and needs no default). */
  readonly defaultStorageClass?: RequiredDefaultStorageClass;
  readonly issuers: readonly RequiredIssuer[];
  readonly secretStores: readonly RequiredSecretStore[];
}

function add<K>(map: Map<string, { value: K; usedBy: Set<string> }>, key: string, value: K, user: string): void {
  const entry = map.get(key) ?? { value, usedBy: new Set<string>() };
  entry.usedBy.add(user);
  map.set(key, entry);
}

function entries<K>(map: Map<string, { value: K; usedBy: Set<string> }>): (K & { usedBy: string[] })[] {
  return [...map.entries()].sort(([a], [b]) => compareText(a, b)).map(([, e]) => ({ ...e.value, usedBy: [...e.usedBy].sort(compareText) }));
}

/** What the environment's objects need from the cluster (sorted, deterministic). */
export function listPrerequisites(objects: readonly K8sObject[]): Prerequisites {
  // CRDs the environment installs itself (operator.install) are not prerequisites.
  const ownCrds = new Set(objects.filter((o) => o.kind === 'CustomResourceDefinition').flatMap((o) => {
    const spec = o['spec'];
    const names = isRecord(spec) ? spec['names'] : undefined;
    return isRecord(spec) && isRecord(names) ? [`${String(spec['group'])}/${String(names['kind'])}`] : [];
  }));
  const apis = new Map<string, { value: Omit<RequiredApi, 'usedBy'>; usedBy: Set<string> }>();
  const storage = new Map<string, { value: Omit<RequiredStorageClass, 'usedBy'>; usedBy: Set<string> }>();
  const issuers = new Map<string, { value: Omit<RequiredIssuer, 'usedBy'>; usedBy: Set<string> }>();
  const stores = new Map<string, { value: Omit<RequiredSecretStore, 'usedBy'>; usedBy: Set<string> }>();
  const defaultUsers = new Set<string>();
  const rendered = new Set(objects.map((o) => `${apiGroup(o.apiVersion)}/${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`));
  const installsOperator = new Set(objects.filter((o) => o.kind === 'Deployment' && o.metadata.labels?.['app.kubernetes.io/name'] === 'rivven-operator').map(() => rivvenGroup));
  for (const obj of objects) {
    const group = apiGroup(obj.apiVersion);
    const id = idOf(obj);
    if (!builtInGroups.has(group) && !ownCrds.has(`${group}/${obj.kind}`)) {
      add(apis, `${group}/${apiVersionOnly(obj.apiVersion)}/${obj.kind}`, { group, version: apiVersionOnly(obj.apiVersion), kind: obj.kind }, id);
    }
    for (const claim of findObjectVolumeClaims(obj)) {
      if (claim.storageClassName === undefined) defaultUsers.add(id);
      else if (claim.storageClassName !== '') add(storage, claim.storageClassName, { name: claim.storageClassName }, id);
    }
    const spec = isRecord(obj['spec']) ? obj['spec'] : {};
    if (group === 'cert-manager.io' && obj.kind === 'Certificate' && isRecord(spec['issuerRef'])) {
      const ref = spec['issuerRef'];
      const kind = ref['kind'] === 'ClusterIssuer' ? 'ClusterIssuer' : 'Issuer';
      const namespace = kind === 'ClusterIssuer' ? '' : obj.metadata.namespace ?? '';
      const name = String(ref['name']);
      if (!rendered.has(`cert-manager.io/${kind}/${namespace}/${name}`)) add(issuers, `${kind}/${namespace}/${name}`, { kind, namespace, name }, id);
    }
    if (group === 'external-secrets.io' && obj.kind === 'ExternalSecret' && isRecord(spec['secretStoreRef'])) {
      const ref = spec['secretStoreRef'];
      const kind = ref['kind'] === 'ClusterSecretStore' ? 'ClusterSecretStore' : 'SecretStore';
      const namespace = kind === 'ClusterSecretStore' ? '' : obj.metadata.namespace ?? '';
      const name = String(ref['name']);
      if (!rendered.has(`external-secrets.io/${kind}/${namespace}/${name}`)) add(stores, `${kind}/${namespace}/${name}`, { kind, namespace, name }, id);
    }
  }
  const delivered = new Set(findSecretProducers(objects).map((d) => `${d.namespace ?? ''}/${d.name}`));
  const secrets = new Map<string, { namespace: string; name: string; consumers: SecretConsumer[] }>();
  for (const obj of objects) {
    // An optional reference does not stop a pod from starting, so the Secret is not a prerequisite.
    for (const ref of findObjectSecretReferences(obj).filter((r) => !r.optional)) {
      const namespace = ref.namespace ?? '';
      const key = `${namespace}/${ref.name}`;
      if (delivered.has(key)) continue;
      const entry = secrets.get(key) ?? { namespace, name: ref.name, consumers: [] };
      entry.consumers.push({ consumer: idOf(obj), via: ref.field });
      secrets.set(key, entry);
    }
  }
  for (const entry of secrets.values()) entry.consumers.sort((a, b) => compareText(a.consumer, b.consumer) || compareText(a.via, b.via));
  const requiredApis = entries(apis);
  const groups = new Set(requiredApis.map((a) => a.group));
  return {
    apis: requiredApis,
    operators: knownOperators.filter((o) => groups.has(o.group) && !installsOperator.has(o.group)),
    secrets: [...secrets.entries()].sort(([a], [b]) => compareText(a, b)).map(([, s]) => s),
    storageClasses: entries(storage),
    ...(defaultUsers.size === 0 ? {} : { defaultStorageClass: { usedBy: [...defaultUsers].sort(compareText) } }),
    issuers: entries(issuers),
    secretStores: entries(stores),
  };
}
