/**
 * What the stages read off a kind's table: the rendered spec of one entry, the row behind a field path,
 * summary labels and the defaults the model adopts (read from the schema pack at each row's CRD path).
 */
import { crdSchemaOf, schemaAt } from './crd-schema.js';
import { isRecord } from '../core/json.js';
import type { FieldRow, KindTable } from './row.js';

/** The value at a path of plain objects, or undefined. */
export function valueAt(root: unknown, path: readonly string[]): unknown {
  let at = root;
  for (const key of path) {
    if (!isRecord(at)) return undefined;
    at = at[key];
  }
  return at;
}

function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copy);
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copy(v)]));
  return value;
}

/** config → CRD for one row: the model holds what the CRD holds; an empty list is left out. */
function toCrd(row: FieldRow, value: unknown): unknown {
  if (row.unit === 'list' && Array.isArray(value) && value.length === 0) return undefined;
  return copy(value);
}

/**
 * The part of the object under `root` (`spec`) that the rows write for one model entry. Rows elsewhere
 * (metadata) are left to the renderer, which merges them with what it owns.
 */
export function renderRows(table: KindTable, entry: unknown, root = 'spec'): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const row of table.rows) {
    const [first, ...rest] = row.crd.split('.');
    if (first !== root || rest.length === 0) continue;
    let at = out;
    for (const key of rest.slice(0, -1)) {
      const next = at[key];
      at = isRecord(next) ? next : (at[key] = {});
    }
    at[rest[rest.length - 1] ?? ''] = toCrd(row, valueAt(entry, row.config));
  }
  return out;
}

/** A value the renderer computes for a `computed` row, by the row's CRD path below `spec`. */
export type ComputedFields = Readonly<Record<string, unknown>>;

/**
 * The whole `spec` of one entry from its kind's table: `copy` rows copied from `entry`, `computed` rows
 * from `computed` (keyed by CRD path below spec). A computed value without a row, or a computed row
 * without a value, is a programming error: every field render writes has a row.
 */
export function renderSpec(table: KindTable, entry: unknown, computed: ComputedFields): Record<string, unknown> {
  const rows = table.rows.filter((r) => r.role !== 'diff' && r.crd.startsWith('spec.'));
  const copied = rows.filter((r) => r.write !== 'computed');
  const out = renderRows({ ...table, rows: copied }, entry);
  const keys = new Set(rows.filter((r) => r.write === 'computed').map((r) => r.crd.slice('spec.'.length)));
  for (const key of Object.keys(computed)) if (!keys.has(key)) throw new Error(`internal: ${table.kind} spec.${key} is computed but has no computed row`);
  for (const key of keys) {
    if (!(key in computed)) throw new Error(`internal: ${table.kind} spec.${key} has a computed row but no value`);
    const path = key.split('.');
    let at = out;
    for (const part of path.slice(0, -1)) {
      const next = at[part];
      at = isRecord(next) ? next : (at[part] = {});
    }
    at[path[path.length - 1] ?? ''] = computed[key];
  }
  return out;
}

/** The default the row's field takes: the CRD's, or the model's own; undefined for none. */
export function rowDefault(table: KindTable, row: FieldRow): unknown {
  switch (row.default.from) {
    case 'crd': {
      const schema = schemaAt(crdSchemaOf(table.kind), row.crd);
      if (schema === undefined || !('default' in schema)) throw new Error(`internal: ${table.kind} ${row.crd} has no CRD default`);
      return schema.default;
    }
    case 'model':
      return row.default.value;
    default:
      return undefined;
  }
}

/** The CRD default at a path that no row maps on its own (list items: `spec.acls[].host`), checked like defaultOf. */
export function crdDefaultAt<T>(kind: string, crd: string, is: (v: unknown) => v is T): T {
  const value = schemaAt(crdSchemaOf(kind), crd)?.default;
  if (!is(value)) throw new Error(`internal: ${kind} default of ${crd} is ${JSON.stringify(value)}, not of the model's type`);
  return value;
}

/**
 * The default of the row at config path `config`, checked to be of the model's type: a CRD whose default
 * changed type would otherwise slip through into a resolved value.
 */
export function defaultOf<T>(table: KindTable, config: string, is: (v: unknown) => v is T): T {
  const row = table.rows.find((r) => r.config.join('.') === config);
  const value = row === undefined ? undefined : rowDefault(table, row);
  if (!is(value)) throw new Error(`internal: ${table.kind} default of ${config} is ${JSON.stringify(value)}, not of the model's type`);
  return value;
}

export const isInteger = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
export const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
export const isString = (v: unknown): v is string => typeof v === 'string';
export function isOneOf<const T extends string>(values: readonly T[]): (v: unknown) => v is T {
  return (v: unknown): v is T => typeof v === 'string' && (values as readonly string[]).includes(v);
}
