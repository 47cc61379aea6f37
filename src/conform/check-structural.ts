/**
 * What the API server does to a custom resource under a structural schema: fields it would silently
 * PRUNE (not declared, no preserve-unknown-fields) and values it would REJECT (type, enum, range, length,
 * pattern, required, item counts, int-or-string). Pure.
 */
import type { StructuralSchema } from '../schema-pack/types.js';
import type { FieldPath, SchemaViolation } from './violation.js';
import { isRecord } from '../core/json.js';


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
  return String(JSON.stringify(value));
}

const patterns = new Map<string, RegExp>();
function compiled(pattern: string): RegExp {
  let re = patterns.get(pattern);
  if (re === undefined) {
    re = new RegExp(pattern, 'u');
    patterns.set(pattern, re);
  }
  return re;
}

function checkValue(value: unknown, schema: StructuralSchema, path: FieldPath, out: SchemaViolation[]): void {
  const at = (cls: SchemaViolation['class'], message: string): void => void out.push({ class: cls, path, message, value });
  if (value === null && schema.nullable === true) return;
  if (schema.intOrString === true) {
    const t = typeOf(value);
    if (t !== 'integer' && t !== 'string') return at('type', `expected an integer or a string, got ${t} ${describe(value)}`);
  } else if (schema.type !== undefined && !matchesType(value, schema.type)) {
    return at('type', `expected ${schema.type}, got ${typeOf(value)} ${describe(value)}`);
  }
  if (schema.enum !== undefined && !schema.enum.some((allowed) => allowed === value)) {
    at('enum', `${describe(value)} is not one of ${schema.enum.map(describe).join(', ')}`);
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && (value < schema.minimum || (schema.exclusiveMinimum === true && value === schema.minimum))) {
      at('range', `${value} is below the minimum ${schema.minimum}`);
    }
    if (schema.maximum !== undefined && (value > schema.maximum || (schema.exclusiveMaximum === true && value === schema.maximum))) {
      at('range', `${value} is above the maximum ${schema.maximum}`);
    }
  }
  if (typeof value === 'string') {
    // Kubernetes counts characters (runes), not UTF-16 units.
    const length = schema.minLength !== undefined || schema.maxLength !== undefined ? [...value].length : 0;
    if (schema.minLength !== undefined && length < schema.minLength) at('range', `${describe(value)} is shorter than ${schema.minLength}`);
    if (schema.maxLength !== undefined && length > schema.maxLength) at('range', `${describe(value)} is longer than ${schema.maxLength}`);
    if (schema.pattern !== undefined && !compiled(schema.pattern).test(value)) at('pattern', `${describe(value)} does not match ${schema.pattern}`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) at('range', `${value.length} items, at least ${schema.minItems} required`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) at('range', `${value.length} items, at most ${schema.maxItems} allowed`);
    const items = schema.items;
    if (items !== undefined) value.forEach((item, i) => checkValue(item, items, [...path, i], out));
  }
  if (isRecord(value)) checkObject(value, schema, path, out);
}

function checkObject(value: Record<string, unknown>, schema: StructuralSchema, path: FieldPath, out: SchemaViolation[]): void {
  for (const key of schema.required ?? []) {
    if (value[key] === undefined) out.push({ class: 'required', path: [...path, key], message: 'required field missing' });
  }
  for (const [key, child] of Object.entries(value)) {
    const declared = schema.properties?.[key];
    if (declared !== undefined) checkValue(child, declared, [...path, key], out);
    else if (typeof schema.additionalProperties === 'object') checkValue(child, schema.additionalProperties, [...path, key], out);
    else if (schema.additionalProperties === true || schema.preserveUnknownFields === true) continue;
    else out.push({ class: 'pruned', path: [...path, key], message: 'unknown field, the API server would prune it', value: child });
  }
}

/**
 * Every violation of `body` (an object without apiVersion, kind and metadata) against a structural
 * schema. Empty means the API server stores it exactly as written.
 */
export function checkStructural(body: Readonly<Record<string, unknown>>, schema: StructuralSchema): SchemaViolation[] {
  const out: SchemaViolation[] = [];
  checkObject({ ...body }, schema, [], out);
  return out;
}
