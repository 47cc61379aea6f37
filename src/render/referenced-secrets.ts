/**
 * Every Secret the rendered objects reference, and every Secret they deliver themselves. A reference is
 * by name only (the walk never looks at a value). Until the secrets-delivery work exports its own
 * `secretInventory`, doctor, the runbook and the bring-up test read this one walk.
 */
import { isRecord, type JsonObject } from '../core/json.js';
import { apiGroup, idOf } from '../core/object-ref.js';
import { compareText } from '../core/order.js';
import type { K8sObject } from './k8s-object.js';

export interface SecretReference {
  readonly namespace: string;
  readonly name: string;
  /** `kind/namespace/name` of the object that reads it, and where (`env secretKeyRef`, `volume tls`, …). */
  readonly consumer: string;
  readonly via: string;
}

export interface DeliveredSecret {
  readonly namespace: string;
  readonly name: string;
  /** The object that makes the Secret exist: a Secret itself, a cert-manager Certificate, an ExternalSecret, a SealedSecret. */
  readonly by: string;
}

const podTemplateKinds = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job']);

function records(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The pod spec of a workload (CronJob: its job template's), else undefined. */
export function podSpecOf(obj: K8sObject): JsonObject | undefined {
  const spec = obj['spec'];
  if (!isRecord(spec)) return undefined;
  if (obj.kind === 'Pod') return spec;
  if (obj.kind === 'CronJob') {
    const job = spec['jobTemplate'];
    const jobSpec = isRecord(job) ? job['spec'] : undefined;
    const template = isRecord(jobSpec) ? jobSpec['template'] : undefined;
    return isRecord(template) && isRecord(template['spec']) ? template['spec'] : undefined;
  }
  if (!podTemplateKinds.has(obj.kind)) return undefined;
  const template = spec['template'];
  return isRecord(template) && isRecord(template['spec']) ? template['spec'] : undefined;
}

function podSpecSecrets(pod: JsonObject): { name: string; via: string }[] {
  const found: { name: string; via: string }[] = [];
  const containers = [...records(pod['initContainers']), ...records(pod['containers'])];
  for (const c of containers) {
    for (const env of records(c['env'])) {
      const from = env['valueFrom'];
      const ref = isRecord(from) ? from['secretKeyRef'] : undefined;
      const name = isRecord(ref) ? text(ref['name']) : undefined;
      if (name && !(isRecord(ref) && ref['optional'] === true)) found.push({ name, via: `env ${String(env['name'])} secretKeyRef` });
    }
    for (const source of records(c['envFrom'])) {
      const ref = source['secretRef'];
      const name = isRecord(ref) ? text(ref['name']) : undefined;
      if (name && !(isRecord(ref) && ref['optional'] === true)) found.push({ name, via: 'envFrom secretRef' });
    }
  }
  for (const volume of records(pod['volumes'])) {
    const secret = volume['secret'];
    const name = isRecord(secret) ? text(secret['secretName']) : undefined;
    if (name && !(isRecord(secret) && secret['optional'] === true)) found.push({ name, via: `volume ${String(volume['name'])}` });
    const projected = volume['projected'];
    for (const source of isRecord(projected) ? records(projected['sources']) : []) {
      const ref = source['secret'];
      const projectedName = isRecord(ref) ? text(ref['name']) : undefined;
      if (projectedName && !(isRecord(ref) && ref['optional'] === true)) found.push({ name: projectedName, via: `projected volume ${String(volume['name'])}` });
    }
  }
  for (const pull of records(pod['imagePullSecrets'])) {
    const name = text(pull['name']);
    if (name) found.push({ name, via: 'imagePullSecrets' });
  }
  return found;
}

/** Every Secret reference, sorted by namespace, name and consumer; one entry per (Secret, consumer, place). */
export function referencedSecrets(objects: readonly K8sObject[]): SecretReference[] {
  const refs: SecretReference[] = [];
  for (const obj of objects) {
    const namespace = obj.metadata.namespace ?? '';
    const consumer = idOf(obj);
    const pod = podSpecOf(obj);
    if (pod) for (const r of podSpecSecrets(pod)) refs.push({ namespace, name: r.name, consumer, via: r.via });
    if (obj.kind === 'Ingress' && apiGroup(obj.apiVersion) === 'networking.k8s.io') {
      const spec = obj['spec'];
      for (const tls of isRecord(spec) ? records(spec['tls']) : []) {
        const name = text(tls['secretName']);
        if (name) refs.push({ namespace, name, consumer, via: 'ingress tls' });
      }
    }
  }
  return refs.sort((a, b) => compareText(a.namespace, b.namespace) || compareText(a.name, b.name) || compareText(a.consumer, b.consumer) || compareText(a.via, b.via));
}

/** The Secret a Certificate, ExternalSecret or SealedSecret produces, or a Secret object itself. */
export function deliveredSecret(obj: K8sObject): DeliveredSecret | undefined {
  const namespace = obj.metadata.namespace ?? '';
  const group = apiGroup(obj.apiVersion);
  const spec = isRecord(obj['spec']) ? obj['spec'] : {};
  if (group === '' && obj.kind === 'Secret') return { namespace, name: obj.metadata.name, by: idOf(obj) };
  if (group === 'cert-manager.io' && obj.kind === 'Certificate') {
    const name = text(spec['secretName']);
    return name ? { namespace, name, by: idOf(obj) } : undefined;
  }
  if (group === 'external-secrets.io' && obj.kind === 'ExternalSecret') {
    const target = spec['target'];
    // ESO names the Secret after the ExternalSecret unless target.name says otherwise.
    return { namespace, name: (isRecord(target) ? text(target['name']) : undefined) ?? obj.metadata.name, by: idOf(obj) };
  }
  if (group === 'bitnami.com' && obj.kind === 'SealedSecret') {
    const template = spec['template'];
    const meta = isRecord(template) ? template['metadata'] : undefined;
    return { namespace, name: (isRecord(meta) ? text(meta['name']) : undefined) ?? obj.metadata.name, by: idOf(obj) };
  }
  return undefined;
}

export function deliveredSecrets(objects: readonly K8sObject[]): DeliveredSecret[] {
  return objects.flatMap((o) => deliveredSecret(o) ?? []).sort((a, b) => compareText(a.namespace, b.namespace) || compareText(a.name, b.name));
}
