/**
 * Every Secret the rendered objects read, and every Secret they create. A consumer reads a Secret
 * through env `valueFrom.secretKeyRef`, `envFrom[].secretRef`, a `secret` volume or projected source,
 * `imagePullSecrets`, a TLS `secretName` (Ingress, the guide's RivvenCluster shape), a ServiceMonitor
 * `tlsConfig` secret, or a Rivven custom resource's `*SecretName` / `*SecretRef` field. A Secret is
 * produced by a cert-manager Certificate (or an Ingress annotated for cert-manager), an
 * ExternalSecret, a SealedSecret, or a rendered Secret. Pure: reads only the objects.
 */
import type { K8sObject } from './k8s-object.js';
import { isRecord } from '../core/json.js';

/** `all`: the consumer mounts or imports the whole Secret, so no single key is named. */
export type SecretKeys = readonly string[] | 'all';

export interface SecretReference {
  readonly namespace: string | undefined;
  readonly name: string;
  readonly keys: SecretKeys;
  /** `Kind/name`, e.g. `StatefulSet/rivven-main`. */
  readonly consumer: string;
  /** Where in the consumer, e.g. `spec.template.spec.volumes[2].secret.secretName`. */
  readonly field: string;
  /** `optional: true` on the reference: pods start without the Secret, so it is not a prerequisite. */
  readonly optional: boolean;
}

export type SecretProducerKind = 'external-secret' | 'sealed' | 'rendered-by-us';

export interface SecretProducer {
  readonly namespace: string | undefined;
  readonly name: string;
  readonly delivery: SecretProducerKind;
  /** The keys it writes; `all` when it writes whatever the source holds. */
  readonly keys: SecretKeys;
  readonly producer: string;
}

/** Keys a `kubernetes.io/tls` Secret holds (cert-manager adds ca.crt). */
const tlsKeys = ['ca.crt', 'tls.crt', 'tls.key'] as const;
const rivvenSecretFields = new Set(['certSecretName', 'caSecretName', 'brokerCertSecretName', 'credentialsSecretRef', 'configSecretRef']);

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function itemKeys(items: unknown): SecretKeys {
  if (!Array.isArray(items) || items.length === 0) return 'all';
  return items.flatMap((i) => (isRecord(i) && str(i['key']) !== undefined ? [String(i['key'])] : []));
}

function pathText(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** The references one object makes, found by the shape of the fields that name a Secret. */
export function findObjectSecretReferences(obj: K8sObject): SecretReference[] {
  const out: SecretReference[] = [];
  const consumer = `${obj.kind}/${obj.metadata.name}`;
  const namespace = obj.metadata.namespace;
  const add = (name: string | undefined, keys: SecretKeys, path: readonly (string | number)[], from?: unknown): void => {
    if (name !== undefined) out.push({ namespace, name, keys, consumer, field: pathText(path), optional: isRecord(from) && from['optional'] === true });
  };
  // A Certificate's secretName, an ExternalSecret's target and a SealedSecret are what produce Secrets.
  if (['Certificate', 'ExternalSecret', 'SealedSecret', 'Secret'].includes(obj.kind)) return out;
  const walk = (value: unknown, path: (string | number)[]): void => {
    if (Array.isArray(value)) return value.forEach((v, i) => walk(v, [...path, i]));
    if (!isRecord(value)) return;
    for (const [key, child] of Object.entries(value)) {
      const at = [...path, key];
      if (key === 'secretKeyRef' && isRecord(child)) add(str(child['name']), str(child['key']) !== undefined ? [String(child['key'])] : 'all', [...at, 'name'], child);
      else if (key === 'secretRef' && isRecord(child) && path.includes('envFrom')) add(str(child['name']), 'all', [...at, 'name'], child);
      else if (key === 'secret' && isRecord(child) && str(child['secretName']) !== undefined) add(str(child['secretName']), itemKeys(child['items']), [...at, 'secretName'], child);
      else if (key === 'secret' && isRecord(child) && str(child['name']) !== undefined) {
        // A projected volume source ({ name, items }) or a monitoring SecretKeySelector ({ name, key }).
        add(str(child['name']), str(child['key']) !== undefined ? [String(child['key'])] : itemKeys(child['items']), [...at, 'name'], child);
      } else if (key === 'imagePullSecrets' && Array.isArray(child)) {
        child.forEach((ref, i) => add(isRecord(ref) ? str(ref['name']) : str(ref), ['.dockerconfigjson'], [...at, i, 'name']));
      } else if (key === 'secretName' && path.includes('tls')) add(str(child), [...tlsKeys], at);
      else if (rivvenSecretFields.has(key) && (typeof child === 'string' || isRecord(child))) {
        add(typeof child === 'string' ? str(child) : str(child['name']), key.startsWith('cert') || key.startsWith('broker') ? [...tlsKeys] : 'all', at);
      } else walk(child, at);
    }
  };
  const { apiVersion: _a, kind: _k, metadata: _m, ...body } = obj;
  walk(body, []);
  return out;
}

/** Every reference of every object, in object order. */
export function findSecretReferences(objects: readonly K8sObject[]): SecretReference[] {
  return objects.flatMap(findObjectSecretReferences);
}

/** The Secrets the objects themselves create (through their controllers). */
export function findSecretProducers(objects: readonly K8sObject[]): SecretProducer[] {
  const out: SecretProducer[] = [];
  for (const obj of objects) {
    const spec = isRecord(obj['spec']) ? obj['spec'] : {};
    const producer = `${obj.kind}/${obj.metadata.name}`;
    const namespace = obj.metadata.namespace;
    if (obj.kind === 'Certificate' && str(spec['secretName']) !== undefined) {
      out.push({ namespace, name: String(spec['secretName']), delivery: 'rendered-by-us', keys: [...tlsKeys], producer });
    } else if (obj.kind === 'Secret' && obj.apiVersion === 'v1') {
      out.push({ namespace, name: obj.metadata.name, delivery: 'rendered-by-us', keys: Object.keys({ ...(isRecord(obj['data']) ? obj['data'] : {}), ...(isRecord(obj['stringData']) ? obj['stringData'] : {}) }).sort(), producer });
    } else if (obj.kind === 'ExternalSecret' && obj.apiVersion.startsWith('external-secrets.io/')) {
      const target = isRecord(spec['target']) ? spec['target'] : {};
      const data = Array.isArray(spec['data']) ? spec['data'] : [];
      const keys: SecretKeys = Array.isArray(spec['dataFrom']) && spec['dataFrom'].length > 0 ? 'all' : data.flatMap((d) => (isRecord(d) && str(d['secretKey']) !== undefined ? [String(d['secretKey'])] : [])).sort();
      out.push({ namespace, name: str(target['name']) ?? obj.metadata.name, delivery: 'external-secret', keys, producer });
    } else if (obj.kind === 'SealedSecret' && obj.apiVersion.startsWith('bitnami.com/')) {
      // The Secret holds the decrypted keys and the keys its template computes from them.
      const template = isRecord(spec['template']) ? spec['template'] : {};
      const keys = [...Object.keys(isRecord(spec['encryptedData']) ? spec['encryptedData'] : {}), ...Object.keys(isRecord(template['data']) ? template['data'] : {})];
      out.push({ namespace, name: obj.metadata.name, delivery: 'sealed', keys: [...new Set(keys)].sort(), producer });
    } else if (obj.kind === 'Ingress') {
      // cert-manager's ingress-shim writes the TLS Secret of an Ingress annotated with an issuer.
      const annotations = obj.metadata.annotations ?? {};
      if (annotations['cert-manager.io/cluster-issuer'] === undefined && annotations['cert-manager.io/issuer'] === undefined) continue;
      for (const tls of Array.isArray(spec['tls']) ? spec['tls'] : []) {
        if (isRecord(tls) && str(tls['secretName']) !== undefined) out.push({ namespace, name: String(tls['secretName']), delivery: 'rendered-by-us', keys: [...tlsKeys], producer });
      }
    }
  }
  return out;
}
