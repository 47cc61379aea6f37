/**
 * The CRD schemas the field tables are checked against and take their defaults from: the schema pack of
 * the Rivven release the model pins by default (model/defaults.ts `rivvenVersion`; a test holds the two
 * equal, since the model may not be imported from here without a cycle).
 */
import { schemaPackFor } from '../schema-pack/packs.js';
import type { StructuralSchema } from '../schema-pack/types.js';

/** The Rivven release whose CRD defaults the model adopts. */
export const defaultsRivvenVersion = '0.0.22';

/** The structural schema of `kind` (its single served version) in the defaults' pack. */
export function crdSchemaOf(kind: string): StructuralSchema {
  // The pack holds only Rivven kinds, so the kind alone names the CRD.
  const crd = Object.values(schemaPackFor(defaultsRivvenVersion)?.crds ?? {}).find((c) => c.kind === kind);
  const versions = crd === undefined ? [] : Object.values(crd.versions);
  const schema = versions[0];
  if (versions.length !== 1 || schema === undefined) throw new Error(`internal: no single-version schema for ${kind} in the ${defaultsRivvenVersion} pack`);
  return schema;
}

/** The part of ObjectMeta a table may map (CRD schemas leave metadata to the API server). */
const objectMeta: StructuralSchema = { type: 'object', properties: { labels: { type: 'object', additionalProperties: { type: 'string' } } } };

/**
 * The schema at a dotted CRD path (`spec.config.retentionMs`; `[]` steps into list items), or undefined
 * when the CRD has no such field.
 */
export function schemaAt(schema: StructuralSchema, path: string): StructuralSchema | undefined {
  let at: StructuralSchema | undefined = schema;
  for (const part of path.split('.')) {
    const name = part.endsWith('[]') ? part.slice(0, -2) : part;
    at = name === 'metadata' && at === schema ? objectMeta : at?.properties?.[name];
    if (part.endsWith('[]')) at = at?.items;
    if (at === undefined) return undefined;
  }
  return at;
}

/** Every `default:` of a schema by path, in the schema's order (parents before children); `[]` = every list item. */
export function crdDefaultsOf(schema: StructuralSchema, at = '', out: Map<string, unknown> = new Map()): Map<string, unknown> {
  if ('default' in schema && at !== '') out.set(at, schema.default);
  for (const [key, child] of Object.entries(schema.properties ?? {})) crdDefaultsOf(child, at === '' ? key : `${at}.${key}`, out);
  if (schema.items !== undefined) crdDefaultsOf(schema.items, `${at}[]`, out);
  if (typeof schema.additionalProperties === 'object') crdDefaultsOf(schema.additionalProperties, `${at}.*`, out);
  return out;
}
