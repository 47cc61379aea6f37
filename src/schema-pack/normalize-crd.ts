/**
 * Turns parsed CustomResourceDefinition documents into packed CRDs: the structural schema only, keys in
 * a fixed order, so the same CRDs always give the same pack byte for byte. Pure; shared by
 * `scripts/import-crds.mjs` (which writes the committed packs) and by the build when a project supplies
 * its own CRDs. A document that is not a CRD is skipped; a CRD of a shape the validator cannot read is
 * reported, never half-read.
 */
import type { PackedCrd, StructuralSchema } from './types.js';
import { isRecord } from '../core/json.js';
import { compareText } from '../core/order.js';

/** Thrown for a CRD document the pack cannot describe; `where` names the schema location. */
export class CrdShapeError extends Error {
  constructor(readonly where: string, message: string) {
    super(`${where}: ${message}`);
    this.name = 'CrdShapeError';
  }
}

const numberKeys = ['minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems'] as const;

/** The structural part of one schema node, keys in a fixed order. */
export function normalizeSchema(raw: unknown, where: string): StructuralSchema {
  if (!isRecord(raw)) throw new CrdShapeError(where, 'schema is not an object');
  const out: Record<string, unknown> = {};
  if (typeof raw['type'] === 'string') out['type'] = raw['type'];
  if (typeof raw['format'] === 'string') out['format'] = raw['format'];
  if (raw['nullable'] === true) out['nullable'] = true;
  if (raw['x-kubernetes-int-or-string'] === true) out['intOrString'] = true;
  if (raw['x-kubernetes-preserve-unknown-fields'] === true) out['preserveUnknownFields'] = true;
  if (Array.isArray(raw['enum'])) out['enum'] = raw['enum'];
  for (const key of numberKeys) if (typeof raw[key] === 'number') out[key] = raw[key];
  if (raw['exclusiveMinimum'] === true) out['exclusiveMinimum'] = true;
  if (raw['exclusiveMaximum'] === true) out['exclusiveMaximum'] = true;
  if (typeof raw['pattern'] === 'string') {
    try {
      new RegExp(raw['pattern'], 'u');
    } catch {
      throw new CrdShapeError(where, `pattern ${JSON.stringify(raw['pattern'])} is not a regular expression`);
    }
    out['pattern'] = raw['pattern'];
  }
  if ('default' in raw) out['default'] = raw['default'];
  if (Array.isArray(raw['required'])) out['required'] = raw['required'].filter((r): r is string => typeof r === 'string');
  if (isRecord(raw['properties'])) {
    const properties: Record<string, StructuralSchema> = {};
    for (const name of Object.keys(raw['properties']).sort()) properties[name] = normalizeSchema(raw['properties'][name], `${where}.${name}`);
    out['properties'] = properties;
  }
  if (raw['items'] !== undefined) out['items'] = normalizeSchema(raw['items'], `${where}[]`);
  const additional = raw['additionalProperties'];
  if (typeof additional === 'boolean') out['additionalProperties'] = additional;
  else if (isRecord(additional)) out['additionalProperties'] = normalizeSchema(additional, `${where}.*`);
  for (const unsupported of ['oneOf', 'anyOf', 'allOf', 'not', 'x-kubernetes-validations']) {
    if (unsupported in raw) throw new CrdShapeError(where, `uses ${unsupported}, which rivven-gitops cannot check yet`);
  }
  return out;
}

/** A packed CRD from one parsed YAML document, or undefined when the document is no CRD. */
export function normalizeCrd(raw: unknown, file: string): PackedCrd | undefined {
  if (!isRecord(raw) || raw['kind'] !== 'CustomResourceDefinition') return undefined;
  const spec = raw['spec'];
  const names = isRecord(spec) ? spec['names'] : undefined;
  if (!isRecord(spec) || typeof spec['group'] !== 'string' || !isRecord(names) || typeof names['kind'] !== 'string' || !Array.isArray(spec['versions'])) {
    throw new CrdShapeError(file, 'not a CustomResourceDefinition with spec.group, spec.names.kind and spec.versions');
  }
  const kind = names['kind'];
  const versions: Record<string, StructuralSchema> = {};
  for (const version of spec['versions']) {
    if (!isRecord(version) || typeof version['name'] !== 'string') throw new CrdShapeError(`${file} ${kind}`, 'a version without a name');
    if (version['served'] === false) continue;
    const schema = isRecord(version['schema']) ? version['schema']['openAPIV3Schema'] : undefined;
    if (schema === undefined) throw new CrdShapeError(`${file} ${kind} ${version['name']}`, 'no openAPIV3Schema');
    versions[version['name']] = normalizeSchema(schema, kind);
  }
  return {
    group: spec['group'],
    kind,
    plural: typeof names['plural'] === 'string' ? names['plural'] : `${kind.toLowerCase()}s`,
    scope: spec['scope'] === 'Cluster' ? 'Cluster' : 'Namespaced',
    versions,
  };
}

/** Every CRD of a set of documents, keyed `group/kind`, sorted. Two documents for one kind are an error. */
export function normalizeCrds(documents: readonly { readonly file: string; readonly value: unknown }[]): Record<string, PackedCrd> {
  const found = new Map<string, PackedCrd>();
  for (const { file, value } of documents) {
    const crd = normalizeCrd(value, file);
    if (crd === undefined) continue;
    const key = `${crd.group}/${crd.kind}`;
    if (found.has(key)) throw new CrdShapeError(file, `a second CustomResourceDefinition for ${key}`);
    found.set(key, crd);
  }
  return Object.fromEntries([...found.entries()].sort(([a], [b]) => compareText(a, b)));
}
