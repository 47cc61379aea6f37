/**
 * Pieces several mappers share: object metadata, resources, env vars, tolerations, probe timings and
 * images. Each carries what the model can hold exactly and notes the rest.
 */
import type { PathSegment } from '../core/path.js';
import type { DocumentMapper } from './import-context.js';
import { imagePatterns, isRelease, releaseOf, type ImportPlan } from './plan.js';
import { asInteger, asRecord, asString, asStringList, asStringMap, isPlainObject } from './values.js';

/** Label prefixes rivven-gitops writes itself on every object (and selects by). */
const ownLabelPrefix = 'app.kubernetes.io/';
/** Annotations written by tools, not by people: Argo CD's (rivven-gitops renders its own) and kubectl's. */
const toolAnnotationPrefixes = ['argocd.argoproj.io/', 'kubectl.kubernetes.io/', 'deployment.kubernetes.io/'];

export interface MetadataOptions {
  /** Where custom labels go (a RivvenTopic's objectLabels); notes are written when absent. */
  readonly labelsTarget?: readonly PathSegment[];
  /** Where notes about this object go in the config. */
  readonly target: readonly PathSegment[];
  /** Set the config namespace from metadata.namespace. @default true */
  readonly namespace?: boolean;
  /** Note annotations (false when the mapper carries them itself). @default true */
  readonly annotations?: boolean;
}

export function mapMetadata(m: DocumentMapper, options: MetadataOptions): void {
  const meta = asRecord(m.get(['metadata'])) ?? {};
  if (options.namespace !== false && typeof meta['namespace'] === 'string') m.set(['namespace'], ['metadata', 'namespace']);
  const labels = asStringMap(meta['labels']);
  const custom = Object.fromEntries(Object.entries(labels ?? {}).filter(([k]) => !k.startsWith(ownLabelPrefix)));
  if (Object.keys(custom).length > 0) {
    if (options.labelsTarget !== undefined) m.set(options.labelsTarget, ['metadata', 'labels'], custom);
    else {
      m.note(
        ['metadata', 'labels'],
        `labels ${Object.keys(custom).sort().join(', ')} are not carried over: this object has no labels field of its own, and config.labels would label every object of the environment.`,
        options.target,
      );
    }
  }
  if (options.annotations === false) return;
  const annotations = asStringMap(meta['annotations']) ?? {};
  const own = Object.keys(annotations).filter((k) => !toolAnnotationPrefixes.some((p) => k.startsWith(p)));
  if (own.length > 0) {
    m.note(['metadata', 'annotations'], `annotations ${own.sort().join(', ')} are not carried over: rivven-gitops renders no object annotations of its own choosing here.`, options.target);
  }
}

const resourceKeys = ['cpu', 'memory', 'ephemeral-storage'] as const;

/** Kubernetes resource requirements → the model's (cpu, memory, ephemeral-storage), quantities as strings. */
export function mapResources(m: DocumentMapper, from: readonly PathSegment[], target: readonly PathSegment[]): void {
  const value = m.get(from);
  if (value === undefined) return;
  const resources = asRecord(value);
  if (resources === undefined) {
    m.note(from, 'resources must be a mapping of requests and limits; not carried over.', target.slice(0, -1));
    return;
  }
  const out: Record<string, Record<string, string>> = {};
  for (const [section, list] of Object.entries(resources)) {
    if (section !== 'requests' && section !== 'limits') {
      m.note([...from, section], `resources.${section} has no counterpart in rivven-gitops (only requests and limits); not carried over.`, target);
      continue;
    }
    const entries = asRecord(list) ?? {};
    for (const [name, quantity] of Object.entries(entries)) {
      if (!(resourceKeys as readonly string[]).includes(name)) {
        m.note([...from, section, name], `rivven-gitops sets only cpu, memory and ephemeral-storage; ${name} is not carried over.`, target);
        continue;
      }
      if (typeof quantity !== 'string' && typeof quantity !== 'number') {
        m.note([...from, section, name], `${JSON.stringify(quantity)} is not a quantity; not carried over.`, target);
        continue;
      }
      (out[section] ??= {})[name] = String(quantity);
    }
  }
  if (Object.keys(out).length > 0) m.set(target, from, out);
}

type ModelEnvVar = { name: string; value?: string; secretKeyRef?: { name: string; key: string }; configMapKeyRef?: { name: string; key: string } };

/** One container env var in the model's shape (a literal, or a Secret/ConfigMap key), or why it cannot be. */
export function toModelEnvVar(item: unknown): ModelEnvVar | string {
  const v = asRecord(item);
  const name = asString(v?.['name']);
  if (v === undefined || name === undefined) return 'an env entry needs a name';
  if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(name)) return `${JSON.stringify(name)} is not a valid variable name`;
  const from = asRecord(v['valueFrom']);
  if (from === undefined) {
    const value = v['value'];
    if (value !== undefined && typeof value !== 'string') return `${name}: the value must be a string`;
    return value === undefined ? { name } : { name, value };
  }
  for (const kind of ['secretKeyRef', 'configMapKeyRef'] as const) {
    const ref = asRecord(from[kind]);
    if (ref === undefined) continue;
    const refName = asString(ref['name']);
    const key = asString(ref['key']);
    if (refName === undefined || key === undefined || Object.keys(ref).some((k) => k !== 'name' && k !== 'key')) return `${name}: only ${kind} with name and key can be carried over`;
    return { name, [kind]: { name: refName, key } };
  }
  return `${name}: rivven-gitops takes variables from a literal, a Secret key or a ConfigMap key, not from ${Object.keys(from).join(', ')}`;
}

/** The env list, carried item by item; items the model cannot hold are noted. */
export function mapEnvList(m: DocumentMapper, from: readonly PathSegment[], items: readonly unknown[], target: readonly PathSegment[], indices?: readonly number[]): void {
  const out: ModelEnvVar[] = [];
  items.forEach((item, i) => {
    const index = indices?.[i] ?? i;
    const mapped = toModelEnvVar(item);
    if (typeof mapped === 'string') m.note([...from, index], `${mapped}; not carried over.`, target);
    else out.push(mapped);
  });
  if (out.length > 0) m.set(target, from, out);
}

const tolerationKeys = new Set(['key', 'operator', 'value', 'effect', 'tolerationSeconds']);

export function mapTolerations(m: DocumentMapper, from: readonly PathSegment[], target: readonly PathSegment[]): void {
  const list = m.get(from);
  if (list === undefined) return;
  if (!Array.isArray(list) || !list.every((t) => isPlainObject(t) && Object.keys(t).every((k) => tolerationKeys.has(k)))) {
    m.note(from, 'tolerations must be a list of key/operator/value/effect/tolerationSeconds entries; not carried over.', target.slice(0, -1));
    return;
  }
  m.set(target, from, list);
}

const probeKeys = ['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'failureThreshold', 'successThreshold'] as const;

/** A probe's timing fields (what the Rivven CRDs' probes hold). */
export function mapProbeTiming(m: DocumentMapper, from: readonly PathSegment[], target: readonly PathSegment[], keys: readonly string[] = probeKeys): void {
  const probe = asRecord(m.get(from));
  if (probe === undefined) return;
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(probe)) {
    const n = asInteger(value);
    if (keys.includes(key) && n !== undefined) out[key] = n;
    else m.note([...from, key], `${key} is not a probe setting rivven-gitops carries; not carried over.`, target);
  }
  if (Object.keys(out).length > 0) m.set(target, from, out);
}

/**
 * The broker image: the real `ghcr.io/hupe1980/rivvend:<release>` becomes `rivvenVersion` (which pins
 * every image); the guide's `ghcr.io/hupe1980/rivven` does not exist and is replaced; any other image is
 * kept as `cluster.image`.
 */
export function mapBrokerImage(m: DocumentMapper, from: readonly PathSegment[], image: string | undefined, plan: ImportPlan): void {
  if (image === undefined) return;
  const release = releaseOf(image, imagePatterns.broker);
  if (release !== undefined && release === plan.rivvenVersion) {
    m.set(['rivvenVersion'], from, release);
    return;
  }
  const guide = /^ghcr\.io\/hupe1980\/rivven(?::(.+))?$/.exec(image);
  if (guide !== null) {
    const tag = guide[1];
    const pinned = isRelease(tag) && tag === plan.rivvenVersion;
    if (pinned) m.set(['rivvenVersion'], from, tag);
    m.note(
      from,
      `${image} does not exist (Rivven publishes the broker as ghcr.io/hupe1980/rivvend); rivven-gitops renders ghcr.io/hupe1980/rivvend:${plan.effectiveVersion}${isRelease(tag) ? '' : `, a pinned release instead of the floating tag ${tag ?? '(none)'}`}.`,
      pinned ? ['rivvenVersion'] : ['cluster'],
    );
    return;
  }
  m.set(['cluster', 'image'], from, image);
}

/**
 * The pod-level fields RivvenConnect and RivvenSchemaRegistry share (pull secrets, pod metadata, node
 * selector, resources, env, tolerations), mapped the same way for both. Returns false for any other key,
 * which the caller maps itself.
 */
export function mapPodField(m: DocumentMapper, key: string, value: unknown, at: readonly PathSegment[], target: readonly PathSegment[]): boolean {
  switch (key) {
    case 'imagePullSecrets':
      m.set([...target, key], at, asStringList(value));
      return true;
    case 'podAnnotations':
    case 'podLabels':
    case 'nodeSelector':
      m.set([...target, key], at, asStringMap(value));
      return true;
    case 'resources':
      mapResources(m, at, [...target, 'resources']);
      return true;
    case 'env':
      if (Array.isArray(value)) mapEnvList(m, at, value, [...target, 'env']);
      else m.note(at, 'env must be a list; not carried over.', target);
      return true;
    case 'tolerations':
      mapTolerations(m, at, [...target, 'tolerations']);
      return true;
    default:
      return false;
  }
}
