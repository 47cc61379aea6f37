/**
 * The API server's own rules for object metadata and label selectors, which no OpenAPI schema spells
 * out: object and namespace names, label keys and values, annotation keys and their total size, and
 * port names. These are what make a sync fail after a green build. Pure.
 */
import type { FieldPath, SchemaViolation } from './violation.js';
import { isRecord } from '../core/json.js';


const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const dns1035Label = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const qualifiedName = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
/** Container port names: IANA_SVC_NAME, at most 15 characters, at least one letter, no "--". */
const ianaServiceName = /^(?=.*[a-z])(?!.*--)[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
/** The API server's limit on all annotations of one object together (keys and values). */
export const annotationsSizeLimit = 256 * 1024;

export function isDnsSubdomain(name: string): boolean {
  return name.length > 0 && name.length <= 253 && name.split('.').every((label) => dnsLabel.test(label));
}

/** Kinds whose names must be DNS-1123 labels (or DNS-1035 for Services): the name becomes a DNS label. */
const labelNamedKinds = new Set(['v1/Namespace']);
const dns1035NamedKinds = new Set(['v1/Service']);

/** Fields of ObjectMeta a manifest may set; the server owns the rest. */
const objectMetaFields = new Set(['name', 'generateName', 'namespace', 'labels', 'annotations', 'finalizers', 'ownerReferences']);

function checkName(apiVersion: string, kind: string, name: unknown, out: SchemaViolation[]): void {
  const path = ['metadata', 'name'];
  if (typeof name !== 'string' || name === '') {
    out.push({ class: 'required', path, message: 'required field missing' });
    return;
  }
  const key = `${apiVersion}/${kind}`;
  const length = `${name.length} characters`;
  if (labelNamedKinds.has(key)) {
    if (name.length > 63 || !dnsLabel.test(name)) out.push({ class: 'name', path, value: name, message: `${JSON.stringify(name)} (${length}) is not a DNS-1123 label: at most 63 lower-case letters, digits and "-", starting and ending alphanumeric` });
  } else if (dns1035NamedKinds.has(key)) {
    if (name.length > 63 || !dns1035Label.test(name)) out.push({ class: 'name', path, value: name, message: `${JSON.stringify(name)} (${length}) is not a DNS-1035 label: at most 63 lower-case letters, digits and "-", starting with a letter` });
  } else if (!isDnsSubdomain(name)) {
    out.push({ class: 'name', path, value: name, message: `${JSON.stringify(name)} (${length}) is not a DNS-1123 subdomain: at most 253 characters of lower-case DNS labels joined by "."` });
  }
}

function keyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && !isDnsSubdomain(prefix)) return `its prefix ${JSON.stringify(prefix)} is not a DNS-1123 subdomain`;
  if (name.length > 63) return `its name part has ${name.length} characters, at most 63 are allowed`;
  if (!qualifiedName.test(name)) return 'its name part must be letters, digits, "-", "_" and ".", starting and ending alphanumeric';
  return undefined;
}

/** A label map (metadata.labels, matchLabels, a Service selector): keys and values. */
function checkLabelMap(map: unknown, path: FieldPath, out: SchemaViolation[]): void {
  if (!isRecord(map)) return;
  for (const [key, value] of Object.entries(map)) {
    const problem = keyProblem(key);
    if (problem !== undefined) out.push({ class: 'label-key', path: [...path, key], value: key, message: `label key ${JSON.stringify(key)} is invalid: ${problem}` });
    if (typeof value !== 'string') continue;
    if (value.length > 63) out.push({ class: 'label-value', path: [...path, key], value, message: `label value ${JSON.stringify(value)} has ${value.length} characters, at most 63 are allowed` });
    else if (value !== '' && !qualifiedName.test(value)) {
      out.push({ class: 'label-value', path: [...path, key], value, message: `label value ${JSON.stringify(value)} is invalid: letters, digits, "-", "_" and ".", starting and ending alphanumeric, or empty` });
    }
  }
}

function checkAnnotations(map: unknown, path: FieldPath, out: SchemaViolation[]): void {
  if (!isRecord(map)) return;
  let size = 0;
  for (const [key, value] of Object.entries(map)) {
    const problem = keyProblem(key);
    if (problem !== undefined) out.push({ class: 'annotation-key', path: [...path, key], value: key, message: `annotation key ${JSON.stringify(key)} is invalid: ${problem}` });
    size += Buffer.byteLength(key) + (typeof value === 'string' ? Buffer.byteLength(value) : 0);
  }
  if (size > annotationsSizeLimit) out.push({ class: 'annotation-size', path, message: `annotations total ${size} bytes, the API server allows at most ${annotationsSizeLimit} (256 KiB)` });
}

/** ObjectMeta wherever it appears: the object's own and every pod template's. */
function checkObjectMeta(meta: unknown, path: FieldPath, out: SchemaViolation[]): void {
  if (!isRecord(meta)) return;
  checkLabelMap(meta['labels'], [...path, 'labels'], out);
  checkAnnotations(meta['annotations'], [...path, 'annotations'], out);
}

/**
 * Label selectors and pod templates below the top level, and port names, wherever they appear. `path`
 * is one mutable stack (copied only for a violation): objects are walked whole, so no per-node arrays.
 */
function walk(value: unknown, path: (string | number)[], out: SchemaViolation[]): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item === null || typeof item !== 'object') continue;
      path.push(i);
      walk(item, path, out);
      path.pop();
    }
    return;
  }
  if (!isRecord(value)) return;
  for (const key in value) {
    const child = value[key];
    if (child === null || typeof child !== 'object') continue;
    path.push(key);
    if (key === 'metadata' && path.length > 1 && path[path.length - 2] === 'template') checkObjectMeta(child, [...path], out);
    else if (key === 'matchLabels') checkLabelMap(child, [...path], out);
    if ((key === 'containers' || key === 'initContainers') && Array.isArray(child)) checkContainerPorts(child, [...path], out);
    walk(child, path, out);
    path.pop();
  }
}

function checkContainerPorts(containers: readonly unknown[], path: FieldPath, out: SchemaViolation[]): void {
  containers.forEach((c, i) => {
    const ports = isRecord(c) ? c['ports'] : undefined;
    if (!Array.isArray(ports)) return;
    ports.forEach((p, j) => {
      const name = isRecord(p) ? p['name'] : undefined;
      if (typeof name === 'string' && (name.length > 15 || !ianaServiceName.test(name))) {
        out.push({ class: 'port-name', path: [...path, i, 'ports', j, 'name'], value: name, message: `${JSON.stringify(name)} is not a valid port name (IANA_SVC_NAME: at most 15 lower-case letters, digits and "-", at least one letter)` });
      }
    });
  });
}

function checkServicePorts(spec: unknown, out: SchemaViolation[]): void {
  if (!isRecord(spec)) return;
  checkLabelMap(spec['selector'], ['spec', 'selector'], out);
  const ports = spec['ports'];
  if (!Array.isArray(ports)) return;
  ports.forEach((p, j) => {
    const name = isRecord(p) ? p['name'] : undefined;
    const path = ['spec', 'ports', j, 'name'];
    if (typeof name === 'string' && (name.length > 63 || !dnsLabel.test(name))) out.push({ class: 'port-name', path, value: name, message: `${JSON.stringify(name)} is not a DNS-1123 label` });
    if (name === undefined && ports.length > 1) out.push({ class: 'required', path, message: 'required when a Service has more than one port' });
  });
}

/**
 * Metadata violations of one object. `pruneUnknownMeta`: custom resources, whose metadata the schema
 * packs do not describe, get their metadata fields checked here.
 */
export function checkMetadata(obj: Readonly<Record<string, unknown>>, apiVersion: string, kind: string, pruneUnknownMeta: boolean): SchemaViolation[] {
  const out: SchemaViolation[] = [];
  const meta = obj['metadata'];
  if (!isRecord(meta)) return [{ class: 'required', path: ['metadata'], message: 'required field missing' }];
  checkName(apiVersion, kind, meta['name'], out);
  const namespace = meta['namespace'];
  if (namespace !== undefined && (typeof namespace !== 'string' || namespace.length > 63 || !dnsLabel.test(namespace))) {
    out.push({ class: 'namespace', path: ['metadata', 'namespace'], value: namespace, message: `${JSON.stringify(namespace)} is not a valid namespace name (a DNS-1123 label: at most 63 lower-case letters, digits and "-")` });
  }
  checkObjectMeta(meta, ['metadata'], out);
  if (pruneUnknownMeta) {
    for (const key of Object.keys(meta)) {
      if (!objectMetaFields.has(key)) out.push({ class: 'pruned', path: ['metadata', key], value: meta[key], message: 'unknown field, the API server would prune it' });
    }
  }
  const isService = apiVersion === 'v1' && kind === 'Service';
  if (isService) checkServicePorts(obj['spec'], out);
  for (const key in obj) if (key !== 'metadata') walk(obj[key], [key], out);
  return out;
}
