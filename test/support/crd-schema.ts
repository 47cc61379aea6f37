/**
 * Checks rendered custom resources against the real Rivven CRD schemas (read, never copied, from
 * `../shared/reference/rivven/crds` next to the repository). It reports what the API server would do
 * to an object: fields it would silently PRUNE (not declared, no preserve-unknown-fields), and values
 * it would REJECT (type, enum, range, length, pattern, required, item counts, int-or-string).
 * It also compares rendered objects with their golden files (test/fixtures/render/**).
 * Test support only: it reads files, so the pure render stage never imports it.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments, stringify } from 'yaml';
import type { K8sObject } from '../../src/render/k8s-object.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const crdDirectory = path.resolve(repoRoot, '../shared/reference/rivven/crds');

/** The subset of OpenAPI v3 structural schema the Rivven CRDs use. */
export interface CrdSchema {
  readonly type?: string;
  readonly properties?: Readonly<Record<string, CrdSchema>>;
  readonly required?: readonly string[];
  readonly items?: CrdSchema;
  /** `true`, `false` or a schema for every value of a map. */
  readonly additionalProperties?: boolean | CrdSchema;
  readonly enum?: readonly unknown[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly preserveUnknownFields?: boolean;
  readonly intOrString?: boolean;
}

export interface LoadedCrd {
  readonly group: string;
  readonly kind: string;
  readonly versions: ReadonlyMap<string, CrdSchema>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Reads the keys the validator understands, checking each one's type, so no cast is needed. */
function readSchema(raw: unknown, where: string): CrdSchema {
  if (!isRecord(raw)) throw new Error(`CRD schema at ${where} is not an object`);
  const num = (key: string): number | undefined => (typeof raw[key] === 'number' ? raw[key] : undefined);
  const properties: Record<string, CrdSchema> = {};
  if (isRecord(raw['properties'])) {
    for (const [name, sub] of Object.entries(raw['properties'])) properties[name] = readSchema(sub, `${where}.${name}`);
  }
  const additional = raw['additionalProperties'];
  return {
    ...(typeof raw['type'] === 'string' ? { type: raw['type'] } : {}),
    ...(isRecord(raw['properties']) ? { properties } : {}),
    ...(Array.isArray(raw['required']) ? { required: raw['required'].filter((r): r is string => typeof r === 'string') } : {}),
    ...(raw['items'] !== undefined ? { items: readSchema(raw['items'], `${where}[]`) } : {}),
    ...(typeof additional === 'boolean' ? { additionalProperties: additional } : {}),
    ...(isRecord(additional) ? { additionalProperties: readSchema(additional, `${where}.*`) } : {}),
    ...(Array.isArray(raw['enum']) ? { enum: raw['enum'] } : {}),
    ...(num('minimum') !== undefined ? { minimum: num('minimum') } : {}),
    ...(num('maximum') !== undefined ? { maximum: num('maximum') } : {}),
    ...(num('minLength') !== undefined ? { minLength: num('minLength') } : {}),
    ...(num('maxLength') !== undefined ? { maxLength: num('maxLength') } : {}),
    ...(typeof raw['pattern'] === 'string' ? { pattern: raw['pattern'] } : {}),
    ...(num('minItems') !== undefined ? { minItems: num('minItems') } : {}),
    ...(num('maxItems') !== undefined ? { maxItems: num('maxItems') } : {}),
    ...(raw['x-kubernetes-preserve-unknown-fields'] === true ? { preserveUnknownFields: true } : {}),
    ...(raw['x-kubernetes-int-or-string'] === true ? { intOrString: true } : {}),
  };
}

function readCrd(raw: unknown, file: string): LoadedCrd | undefined {
  if (!isRecord(raw) || raw['kind'] !== 'CustomResourceDefinition' || !isRecord(raw['spec'])) return undefined;
  const spec = raw['spec'];
  const names = spec['names'];
  if (typeof spec['group'] !== 'string' || !isRecord(names) || typeof names['kind'] !== 'string' || !Array.isArray(spec['versions'])) {
    throw new Error(`${file}: not a CustomResourceDefinition this validator understands`);
  }
  const versions = new Map<string, CrdSchema>();
  for (const version of spec['versions']) {
    if (!isRecord(version) || typeof version['name'] !== 'string' || !isRecord(version['schema'])) continue;
    versions.set(version['name'], readSchema(version['schema']['openAPIV3Schema'], `${names['kind']}`));
  }
  return { group: spec['group'], kind: names['kind'], versions };
}

let cache: ReadonlyMap<string, LoadedCrd> | undefined;

/** Every CRD in the reference directory, keyed by `group/kind`. Read once per process. */
export function loadCrds(directory = crdDirectory): ReadonlyMap<string, LoadedCrd> {
  if (directory === crdDirectory && cache !== undefined) return cache;
  const crds = new Map<string, LoadedCrd>();
  for (const file of readdirSync(directory).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    const text = readFileSync(path.join(directory, file), 'utf8');
    for (const doc of parseAllDocuments(text)) {
      if ('errors' in doc && doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0]?.message ?? 'YAML error'}`);
      const crd = readCrd(doc.toJS(), file);
      if (crd !== undefined) crds.set(`${crd.group}/${crd.kind}`, crd);
    }
  }
  if (directory === crdDirectory) cache = crds;
  return crds;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  if (type === 'number') return actual === 'number' || actual === 'integer';
  return actual === type;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(JSON.stringify(value));
}

function join(where: string, key: string | number): string {
  if (typeof key === 'number') return `${where}[${key}]`;
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${where}.${key}` : `${where}[${JSON.stringify(key)}]`;
}

function validateValue(value: unknown, schema: CrdSchema, where: string, problems: string[]): void {
  if (schema.intOrString === true) {
    const t = typeOf(value);
    if (t !== 'integer' && t !== 'string') problems.push(`${where}: expected an integer or a string, got ${t} ${describe(value)}`);
  } else if (schema.type !== undefined && !matchesType(value, schema.type)) {
    problems.push(`${where}: expected ${schema.type}, got ${typeOf(value)} ${describe(value)}`);
    return;
  }
  if (schema.enum !== undefined && !schema.enum.some((allowed) => allowed === value)) {
    problems.push(`${where}: ${describe(value)} is not one of ${schema.enum.map(describe).join(', ')}`);
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) problems.push(`${where}: ${value} is below the minimum ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) problems.push(`${where}: ${value} is above the maximum ${schema.maximum}`);
  }
  if (typeof value === 'string') {
    // Kubernetes counts characters (runes), not UTF-16 units.
    const length = [...value].length;
    if (schema.minLength !== undefined && length < schema.minLength) problems.push(`${where}: ${describe(value)} is shorter than ${schema.minLength}`);
    if (schema.maxLength !== undefined && length > schema.maxLength) problems.push(`${where}: ${describe(value)} is longer than ${schema.maxLength}`);
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) {
      problems.push(`${where}: ${describe(value)} does not match ${schema.pattern}`);
    }
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) problems.push(`${where}: ${value.length} items, at least ${schema.minItems} required`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) problems.push(`${where}: ${value.length} items, at most ${schema.maxItems} allowed`);
    if (schema.items !== undefined) value.forEach((item, i) => validateValue(item, schema.items ?? {}, join(where, i), problems));
  }
  if (isRecord(value)) validateObject(value, schema, where, problems);
}

function validateObject(value: Record<string, unknown>, schema: CrdSchema, where: string, problems: string[]): void {
  for (const key of schema.required ?? []) {
    if (value[key] === undefined) problems.push(`${join(where, key)}: required field missing`);
  }
  for (const [key, child] of Object.entries(value)) {
    const declared = schema.properties?.[key];
    if (declared !== undefined) {
      validateValue(child, declared, join(where, key), problems);
    } else if (isRecord(schema.additionalProperties)) {
      validateValue(child, schema.additionalProperties, join(where, key), problems);
    } else if (schema.additionalProperties === true || schema.preserveUnknownFields === true) {
      continue;
    } else {
      problems.push(`${join(where, key)}: unknown field, the API server would prune it`);
    }
  }
}

const dnsSubdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function validateMetadata(metadata: unknown, problems: string[]): void {
  if (!isRecord(metadata)) {
    problems.push('metadata: expected an object');
    return;
  }
  const name = metadata['name'];
  if (typeof name !== 'string' || name.length === 0) problems.push('metadata.name: required');
  else if (name.length > 253 || !dnsSubdomain.test(name)) problems.push(`metadata.name: ${describe(name)} is not a DNS-1123 subdomain`);
  const namespace = metadata['namespace'];
  if (namespace !== undefined && (typeof namespace !== 'string' || namespace.length > 63 || !dnsLabel.test(namespace))) {
    problems.push(`metadata.namespace: ${describe(namespace)} is not a DNS-1123 label`);
  }
  for (const map of ['labels', 'annotations'] as const) {
    const entries = metadata[map];
    if (entries === undefined) continue;
    if (!isRecord(entries)) problems.push(`metadata.${map}: expected a map of strings`);
    else for (const [k, v] of Object.entries(entries)) if (typeof v !== 'string') problems.push(`${join(`metadata.${map}`, k)}: expected string, got ${typeOf(v)}`);
  }
  for (const key of Object.keys(metadata)) {
    if (!['name', 'namespace', 'labels', 'annotations'].includes(key)) problems.push(`metadata.${key}: not a field rivven-gitops renders`);
  }
}

/**
 * What the API server would prune or reject in `obj`, as readable lines (`spec.version: unknown
 * field, the API server would prune it`). Empty means the object is stored exactly as rendered.
 */
export function validateAgainstCrd(obj: K8sObject, crds: ReadonlyMap<string, LoadedCrd> = loadCrds()): string[] {
  const slash = obj.apiVersion.indexOf('/');
  const group = slash < 0 ? '' : obj.apiVersion.slice(0, slash);
  const version = obj.apiVersion.slice(slash + 1);
  const crd = crds.get(`${group}/${obj.kind}`);
  if (crd === undefined) return [`${obj.apiVersion} ${obj.kind}: no CRD for this kind`];
  const schema = crd.versions.get(version);
  if (schema === undefined) return [`${obj.apiVersion} ${obj.kind}: the CRD serves no version ${version}`];

  const problems: string[] = [];
  validateMetadata(obj.metadata, problems);
  const { apiVersion: _apiVersion, kind: _kind, metadata: _metadata, ...body } = obj;
  validateObject(body, schema, '', problems);
  return problems.map((p) => (p.startsWith('.') ? p.slice(1) : p));
}

/** Objects as review-friendly YAML: one document each, keys sorted (the kustomize stage has its own writer). */
export function toGoldenYaml(objects: readonly K8sObject[]): string {
  return objects.map((o) => stringify(o, { sortMapEntries: true })).join('---\n');
}

/**
 * Compares `actual` with `test/fixtures/render/<name>.yaml`; with UPDATE=1 it rewrites the file instead.
 * Returns a problem (with the new text, for review) when they differ.
 */
export function checkGolden(actual: string, name: string): string[] {
  const file = path.join(repoRoot, 'test/fixtures/render', `${name}.yaml`);
  const shown = path.relative(repoRoot, file);
  if (process.env['UPDATE'] === '1') {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return [];
  }
  if (!existsSync(file)) return [`${shown}: golden file missing (run with UPDATE=1 to write it)`];
  if (readFileSync(file, 'utf8') !== actual) return [`${shown}: differs from the rendered output (review, then rewrite with UPDATE=1):\n${actual}`];
  return [];
}

/**
 * Checks that the API server would store every rendered custom resource unchanged, and that they match
 * their golden file; for `assert.equal(checkCrGolden(objects, 'rivven-cluster/rich'), [])`.
 */
export function checkCrGolden(objects: readonly K8sObject[], name: string): string[] {
  const problems = objects.flatMap((o) => validateAgainstCrd(o).map((p) => `${o.kind} ${o.metadata.name}: ${p}`));
  return [...problems, ...checkGolden(toGoldenYaml(objects), name)];
}
