/** What an object added by a customization must be: a Kubernetes object of plain JSON data. */
import { isPlainObject, isRecord } from '../core/json.js';
import type { K8sObject } from '../render/k8s-object.js';

/** Kinds without a namespace: an extra object of these is written as it is. */
const clusterScoped: ReadonlySet<string> = new Set([
  'Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'PriorityClass', 'StorageClass',
  'PersistentVolume', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'ClusterIssuer', 'IngressClass', 'RuntimeClass',
]);

/** Undefined when `value` is plain JSON data shaped as an object; otherwise what is wrong, in words. */
export function checkObjectShape(value: unknown): string | undefined {
  if (!isRecord(value)) return 'expected a map with apiVersion, kind and metadata';
  const data = firstNonData(value, '', 0);
  if (data !== undefined) return data;
  if (typeof value['apiVersion'] !== 'string' || value['apiVersion'] === '') return 'apiVersion is missing';
  if (typeof value['kind'] !== 'string' || value['kind'] === '') return 'kind is missing';
  const metadata = value['metadata'];
  if (!isRecord(metadata) || typeof metadata['name'] !== 'string' || metadata['name'] === '') return 'metadata.name is missing';
  if (metadata['namespace'] !== undefined && typeof metadata['namespace'] !== 'string') return 'metadata.namespace is not a string';
  return undefined;
}

function firstNonData(value: unknown, path: string, depth: number): string | undefined {
  if (depth > 64) return `${path} nests too deeply`;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${path || 'the value'} is ${value}, not a JSON number`;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const wrong = firstNonData(item, `${path}[${i}]`, depth + 1);
      if (wrong !== undefined) return wrong;
    }
    return undefined;
  }
  if (isPlainObject(value)) {
    for (const key of Object.keys(value)) {
      const wrong = firstNonData(value[key], path === '' ? key : `${path}.${key}`, depth + 1);
      if (wrong !== undefined) return wrong;
    }
    return undefined;
  }
  return `${path || 'the value'} is ${value === undefined ? 'undefined' : typeof value === 'function' ? 'a function' : 'not plain data (a class instance?)'}`;
}

/** The object in the environment's namespace when it names none and its kind has one. */
export function withNamespace(obj: K8sObject, namespace: string): K8sObject {
  if (obj.metadata.namespace !== undefined || clusterScoped.has(obj.kind)) return obj;
  return { ...obj, metadata: { ...obj.metadata, namespace } };
}
