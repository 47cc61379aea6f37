/**
 * Fills the `default:` values of the real Rivven CRDs into an object, as the API server does on
 * admission: a property's default is set where the property is missing and its parent map exists, and
 * list items get their item defaults. Read from the committed schema pack (which keeps every `default:`) — independent of the compiler's own
 * hand-written default table, so a round-trip test cannot agree with itself by accident.
 */
import { crdSchemaFor } from '../../support/crd-schema.js';

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function fill(value: unknown, schema: Json): void {
  if (Array.isArray(value)) {
    if (isRecord(schema['items'])) for (const item of value) fill(item, schema['items']);
    return;
  }
  if (!isRecord(value) || !isRecord(schema['properties'])) return;
  for (const [key, sub] of Object.entries(schema['properties'])) {
    if (!isRecord(sub)) continue;
    if (value[key] === undefined && sub['default'] !== undefined) value[key] = structuredClone(sub['default']);
    if (value[key] !== undefined) fill(value[key], sub);
  }
}

/** A copy of `obj` with the CRD defaults of its kind applied (objects of other kinds are copied as they are). */
export function withCrdDefaults<T extends { apiVersion?: unknown; kind?: unknown }>(obj: T): T {
  const copy = structuredClone(obj);
  const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
  const schema = crdSchemaFor(apiVersion, String(obj.kind));
  if (isRecord(schema)) fill(copy, schema);
  // rivven-gitops writes clusterRef.namespace explicitly (the operator's bootstrap would fall back to
  // "default"); an input without one meant its own namespace.
  const record = copy as Record<string, unknown>;
  const spec = record['spec'] as Record<string, unknown> | undefined;
  const clusterRef = spec?.['clusterRef'] as Record<string, unknown> | undefined;
  const namespace = (record['metadata'] as Record<string, unknown> | undefined)?.['namespace'];
  if (clusterRef !== undefined && clusterRef['namespace'] === undefined && typeof namespace === 'string') clusterRef['namespace'] = namespace;
  // A RivvenSchemaRegistry always gets an external block (the operator's derived default fails).
  if (record['kind'] === 'RivvenSchemaRegistry' && spec !== undefined && spec['external'] === undefined) spec['external'] = { enabled: false, syncIntervalSeconds: 300 };
  return copy;
}
