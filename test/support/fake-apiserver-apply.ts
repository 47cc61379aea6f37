/**
 * Turns an object as rendered (what `kubectl apply` or Argo CD sends) into the object a Kubernetes 1.32
 * API server would return afterwards: built-in defaults, CRD schema defaults, the last-applied annotation,
 * managedFields, server metadata and a plausible status. Tests seed the fake API server with these to
 * check that a diff of an unchanged environment is empty for the right reasons.
 *
 * Written independently of src/diff on purpose (from the defaulting functions of kubernetes/kubernetes
 * v1.32: pkg/apis/core/v1/defaults.go, pkg/apis/apps/v1/defaults.go, pkg/apis/batch/v1/defaults.go,
 * pkg/apis/autoscaling/v2/defaults.go, pkg/apis/networking/v1/defaults.go, and the v1 PodSpec conversion
 * that mirrors serviceAccountName into the deprecated serviceAccount), so the two can catch each other.
 */
import type { K8sObject } from '../../src/render/k8s-object.js';
import { crdSchemaFor } from './crd-schema.js';
import { creationTimestamp } from './fake-apiserver-objects.js';

type Json = Record<string, unknown>;

export interface ApplyOptions {
  /** Field manager of the applier. @default 'argocd-controller' */
  readonly manager?: string;
  /** An Argo CD application name: adds its `argocd.argoproj.io/tracking-id` annotation, as Argo CD 3 does. */
  readonly argocdApp?: string;
  /** An HPA scaled the workload to this many replicas (it then owns spec.replicas in managedFields). */
  readonly hpaReplicas?: number;
  /** Replaces the made-up status. */
  readonly status?: Json;
}

function isJson(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

function child(parent: Json, key: string): Json {
  const value = parent[key];
  if (isJson(value)) return value;
  const created: Json = {};
  parent[key] = created;
  return created;
}

function each(parent: Json, key: string, visit: (item: Json) => void): void {
  const list = parent[key];
  if (Array.isArray(list)) for (const item of list) if (isJson(item)) visit(item);
}

function setDefault(target: Json, key: string, value: unknown): void {
  if (target[key] === undefined) target[key] = clone(value);
}

function pullPolicy(image: unknown): string {
  if (typeof image !== 'string' || image.includes('@')) return 'IfNotPresent';
  const tag = image.slice(image.lastIndexOf('/') + 1).split(':')[1];
  return tag === undefined || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultProbe(probe: unknown): void {
  if (!isJson(probe)) return;
  for (const [k, v] of Object.entries({ timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 })) setDefault(probe, k, v);
  if (isJson(probe['httpGet'])) {
    setDefault(probe['httpGet'], 'path', '/');
    setDefault(probe['httpGet'], 'scheme', 'HTTP');
  }
}

function defaultPodSpec(spec: Json): void {
  for (const [k, v] of Object.entries({ dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', schedulerName: 'default-scheduler', securityContext: {}, terminationGracePeriodSeconds: 30 })) setDefault(spec, k, v);
  if (typeof spec['serviceAccountName'] === 'string') spec['serviceAccount'] = spec['serviceAccountName'];
  for (const list of ['containers', 'initContainers']) {
    each(spec, list, (c) => {
      setDefault(c, 'terminationMessagePath', '/dev/termination-log');
      setDefault(c, 'terminationMessagePolicy', 'File');
      setDefault(c, 'imagePullPolicy', pullPolicy(c['image']));
      each(c, 'ports', (p) => setDefault(p, 'protocol', 'TCP'));
      each(c, 'env', (e) => {
        const fieldRef = isJson(e['valueFrom']) ? e['valueFrom']['fieldRef'] : undefined;
        if (isJson(fieldRef)) setDefault(fieldRef, 'apiVersion', 'v1');
      });
      for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) defaultProbe(c[probe]);
    });
  }
  each(spec, 'volumes', (v) => {
    for (const source of ['configMap', 'secret', 'projected', 'downwardAPI']) {
      const s = v[source];
      if (isJson(s)) setDefault(s, 'defaultMode', 420);
    }
  });
}

function defaultTemplate(spec: Json): void {
  const template = child(spec, 'template');
  // The API server has written `creationTimestamp: null` into pod templates for years.
  setDefault(child(template, 'metadata'), 'creationTimestamp', null);
  defaultPodSpec(child(template, 'spec'));
}

let nextIp = 10;
function clusterIp(): string {
  nextIp += 1;
  return `10.96.${Math.floor(nextIp / 250)}.${nextIp % 250}`;
}

const builtInDefaults: Readonly<Record<string, (obj: Json, spec: Json) => void>> = {
  'v1/Service': (_obj, spec) => {
    setDefault(spec, 'type', 'ClusterIP');
    setDefault(spec, 'sessionAffinity', 'None');
    setDefault(spec, 'clusterIP', clusterIp());
    setDefault(spec, 'clusterIPs', [spec['clusterIP']]);
    setDefault(spec, 'ipFamilies', ['IPv4']);
    setDefault(spec, 'ipFamilyPolicy', 'SingleStack');
    setDefault(spec, 'internalTrafficPolicy', 'Cluster');
    if (spec['type'] === 'NodePort' || spec['type'] === 'LoadBalancer') setDefault(spec, 'externalTrafficPolicy', 'Cluster');
    if (spec['type'] === 'LoadBalancer') setDefault(spec, 'allocateLoadBalancerNodePorts', true);
    each(spec, 'ports', (p) => {
      setDefault(p, 'protocol', 'TCP');
      setDefault(p, 'targetPort', p['port']);
      if (spec['type'] === 'NodePort' || spec['type'] === 'LoadBalancer') setDefault(p, 'nodePort', 30000 + (Number(p['port']) % 2768));
    });
  },
  'v1/Namespace': (obj, spec) => {
    setDefault(spec, 'finalizers', ['kubernetes']);
    const metadata = child(obj, 'metadata');
    child(metadata, 'labels')['kubernetes.io/metadata.name'] = metadata['name'];
  },
  'apps/Deployment': (_obj, spec) => {
    setDefault(spec, 'replicas', 1);
    setDefault(spec, 'revisionHistoryLimit', 10);
    setDefault(spec, 'progressDeadlineSeconds', 600);
    const strategy = child(spec, 'strategy');
    setDefault(strategy, 'type', 'RollingUpdate');
    if (strategy['type'] === 'RollingUpdate') {
      setDefault(child(strategy, 'rollingUpdate'), 'maxSurge', '25%');
      setDefault(child(strategy, 'rollingUpdate'), 'maxUnavailable', '25%');
    }
    defaultTemplate(spec);
  },
  'apps/StatefulSet': (_obj, spec) => {
    setDefault(spec, 'replicas', 1);
    setDefault(spec, 'podManagementPolicy', 'OrderedReady');
    setDefault(spec, 'revisionHistoryLimit', 10);
    setDefault(spec, 'persistentVolumeClaimRetentionPolicy', { whenDeleted: 'Retain', whenScaled: 'Retain' });
    const strategy = child(spec, 'updateStrategy');
    setDefault(strategy, 'type', 'RollingUpdate');
    if (strategy['type'] === 'RollingUpdate') setDefault(child(strategy, 'rollingUpdate'), 'partition', 0);
    each(spec, 'volumeClaimTemplates', (t) => {
      setDefault(t, 'apiVersion', 'v1');
      setDefault(t, 'kind', 'PersistentVolumeClaim');
      setDefault(child(t, 'metadata'), 'creationTimestamp', null);
      setDefault(child(t, 'spec'), 'volumeMode', 'Filesystem');
      setDefault(t, 'status', { phase: 'Pending' });
    });
    defaultTemplate(spec);
  },
  'batch/CronJob': (_obj, spec) => {
    for (const [k, v] of Object.entries({ concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 })) setDefault(spec, k, v);
    const jobSpec = child(child(spec, 'jobTemplate'), 'spec');
    setDefault(child(jobSpec, 'template'), 'metadata', { creationTimestamp: null });
    defaultPodSpec(child(child(jobSpec, 'template'), 'spec'));
  },
  'autoscaling/HorizontalPodAutoscaler': (_obj, spec) => {
    setDefault(spec, 'minReplicas', 1);
    setDefault(spec, 'metrics', [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }]);
  },
  'networking.k8s.io/NetworkPolicy': (_obj, spec) => {
    setDefault(spec, 'policyTypes', spec['egress'] === undefined ? ['Ingress'] : ['Ingress', 'Egress']);
    for (const direction of ['ingress', 'egress']) {
      each(spec, direction, (rule) => each(rule, 'ports', (p) => setDefault(p, 'protocol', 'TCP')));
    }
  },
};

/** Structural defaulting from the Rivven CRDs' openAPIV3Schema, as the API server applies it on write. */
function applySchemaDefaults(value: unknown, schema: unknown): void {
  if (!isJson(schema)) return;
  if (isJson(value) && isJson(schema['properties'])) {
    for (const [key, sub] of Object.entries(schema['properties'])) {
      if (isJson(sub) && value[key] === undefined && sub['default'] !== undefined) value[key] = clone(sub['default']);
      applySchemaDefaults(value[key], sub);
    }
  }
  if (isJson(value) && isJson(schema['additionalProperties'])) for (const v of Object.values(value)) applySchemaDefaults(v, schema['additionalProperties']);
  if (Array.isArray(value)) for (const item of value) applySchemaDefaults(item, schema['items']);
}

function crdSchema(apiVersion: string, kind: string): unknown {
  return crdSchemaFor(apiVersion, kind);
}

/** Sorted-key JSON, as kubectl writes the last-applied annotation (Go marshals maps sorted). */
function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (isJson(value)) return `{${Object.keys(value).sort().filter((k) => value[k] !== undefined).map((k) => `${JSON.stringify(k)}:${sortedJson(value[k])}`).join(',')}}`;
  return JSON.stringify(value);
}

/** The FieldsV1 set of what an applier sent (list items keyed as the API's merge keys). */
function fieldsOf(value: Json, top = true): Json {
  const out: Json = top ? {} : { '.': {} };
  for (const [key, v] of Object.entries(value)) {
    if (isJson(v)) out[`f:${key}`] = Object.keys(v).length === 0 ? {} : fieldsOf(v, false);
    else if (Array.isArray(v) && v.every(isJson) && v.length > 0 && v.every((i) => 'name' in i || 'port' in i || 'containerPort' in i || 'mountPath' in i)) {
      const list: Json = { '.': {} };
      for (const item of v.filter(isJson)) {
        const k = 'containerPort' in item ? { containerPort: item['containerPort'], protocol: item['protocol'] ?? 'TCP' }
          : 'port' in item ? { port: item['port'], protocol: item['protocol'] ?? 'TCP' }
          : 'mountPath' in item ? { mountPath: item['mountPath'] } : { name: item['name'] };
        list[`k:${JSON.stringify(k)}`] = fieldsOf(item, false);
      }
      out[`f:${key}`] = list;
    } else out[`f:${key}`] = {};
  }
  return out;
}

function madeUpStatus(kind: string, spec: Json, name: string): Json | undefined {
  const replicas = typeof spec['replicas'] === 'number' ? spec['replicas'] : 1;
  switch (kind) {
    case 'Deployment': return { availableReplicas: replicas, observedGeneration: 1, readyReplicas: replicas, replicas, updatedReplicas: replicas };
    case 'StatefulSet': return { availableReplicas: replicas, collisionCount: 0, currentReplicas: replicas, currentRevision: `${name}-6d9c7b8f54`, observedGeneration: 1, readyReplicas: replicas, replicas, updateRevision: `${name}-6d9c7b8f54`, updatedReplicas: replicas };
    case 'Service': return { loadBalancer: {} };
    case 'Namespace': return { phase: 'Active' };
    case 'PodDisruptionBudget': return { currentHealthy: 3, desiredHealthy: 2, disruptionsAllowed: 1, expectedPods: 3, observedGeneration: 1 };
    case 'HorizontalPodAutoscaler': return { currentReplicas: spec['minReplicas'] ?? 1, desiredReplicas: spec['minReplicas'] ?? 1 };
    case 'RivvenCluster': return { phase: 'Running', replicas, readyReplicas: replicas, observedGeneration: 1 };
    case 'RivvenTopic': return { phase: 'Ready', currentPartitions: spec['partitions'], currentReplicationFactor: spec['replicationFactor'], observedGeneration: 1 };
    case 'RivvenConnect': case 'RivvenSchemaRegistry': return { phase: 'Running', readyReplicas: replicas, observedGeneration: 1 };
    default: return undefined;
  }
}

/** Kinds whose metadata.generation the server tracks: workloads, policies and every custom resource. */
function hasGeneration(apiVersion: string): boolean {
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] ?? '' : '';
  return ['apps', 'batch', 'policy', 'networking.k8s.io', 'autoscaling'].includes(group) || (group.includes('.') && !group.endsWith('k8s.io'));
}

/** What the API server stores and returns after `applied` was applied (see the file comment). */
export function liveFromApplied(applied: K8sObject, options: ApplyOptions = {}): K8sObject {
  const sent: Json = clone(applied);
  const manager = options.manager ?? 'argocd-controller';
  const metadata = child(sent, 'metadata');
  const annotations = child(metadata, 'annotations');
  if (options.argocdApp) {
    const group = applied.apiVersion.includes('/') ? applied.apiVersion.split('/')[0] : '';
    annotations['argocd.argoproj.io/tracking-id'] = `${options.argocdApp}:${group}/${applied.kind}:${applied.metadata.namespace ?? ''}/${applied.metadata.name}`;
  }
  // kubectl stores what it sent, minus this very annotation, as sorted JSON with a trailing newline.
  annotations['kubectl.kubernetes.io/last-applied-configuration'] = `${sortedJson({ ...sent, metadata: { ...metadata, annotations: Object.fromEntries(Object.entries(annotations).filter(([k]) => k !== 'kubectl.kubernetes.io/last-applied-configuration')) } })}\n`;

  const live: Json = clone(sent);
  const group = applied.apiVersion.includes('/') ? applied.apiVersion.split('/')[0] : 'v1';
  const spec = isJson(live['spec']) ? live['spec'] : undefined;
  const defaults = builtInDefaults[`${group}/${applied.kind}`];
  if (defaults) defaults(live, spec ?? child(live, 'spec'));
  const schema = crdSchema(applied.apiVersion, applied.kind);
  if (schema !== undefined) applySchemaDefaults(live, schema);

  const time = creationTimestamp;
  const appliedFields = fieldsOf(sent);
  const managedFields: Json[] = [{ apiVersion: applied.apiVersion, fieldsType: 'FieldsV1', fieldsV1: appliedFields, manager, operation: 'Update', time }];
  const liveSpec = isJson(live['spec']) ? live['spec'] : undefined;
  if (options.hpaReplicas !== undefined && liveSpec) {
    liveSpec['replicas'] = options.hpaReplicas;
    // The HPA's scale update takes spec.replicas over from the applier.
    const appliedSpec = appliedFields['f:spec'];
    if (isJson(appliedSpec)) delete appliedSpec['f:replicas'];
    managedFields.push({ apiVersion: 'autoscaling/v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:replicas': {} } }, manager: 'kube-controller-manager', operation: 'Update', subresource: 'scale', time });
  }
  const status = options.status ?? madeUpStatus(applied.kind, liveSpec ?? {}, applied.metadata.name);
  if (status !== undefined) {
    live['status'] = status;
    managedFields.push({ apiVersion: applied.apiVersion, fieldsType: 'FieldsV1', fieldsV1: fieldsOf({ status }), manager: applied.apiVersion.includes('rivven') ? 'rivven-operator' : 'kube-controller-manager', operation: 'Update', subresource: 'status', time });
  }
  const liveMeta = child(live, 'metadata');
  liveMeta['managedFields'] = managedFields;
  if (hasGeneration(applied.apiVersion)) liveMeta['generation'] = options.hpaReplicas === undefined ? 1 : 2;
  return { ...live, apiVersion: applied.apiVersion, kind: applied.kind, metadata: { ...liveMeta, name: applied.metadata.name, ...(applied.metadata.namespace === undefined ? {} : { namespace: applied.metadata.namespace }) } };
}
