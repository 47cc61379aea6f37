/** JSON text and equality independent of key order: comparing values as JSON would write them. */
import { compareText } from './order.js';

/**
 * JSON with every object's keys sorted; `undefined` members dropped as JSON.stringify does. Used only to
 * compare values (never written out), and called for every rendered object, so plain data — what the
 * renderers produce — is serialised by hand; anything else (a toJSON, a class instance) goes through
 * JSON.stringify with a sorting replacer, with JSON.stringify's semantics.
 */
export function canonicalJson(value: unknown): string {
  const parts: string[] = [];
  return writeCanonical(value, parts) ? parts.join('') : sortedStringify(value);
}

/** Appends the canonical JSON of `value`; false when it holds something other than plain data. */
function writeCanonical(value: unknown, parts: string[]): boolean {
  if (value === null) parts.push('null');
  else if (typeof value === 'string' || typeof value === 'boolean') parts.push(JSON.stringify(value));
  else if (typeof value === 'number') parts.push(Number.isFinite(value) ? String(value) : 'null');
  else if (Array.isArray(value)) {
    parts.push('[');
    for (let i = 0; i < value.length; i += 1) {
      if (i > 0) parts.push(',');
      const item: unknown = value[i];
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') parts.push('null');
      else if (!writeCanonical(item, parts)) return false;
    }
    parts.push(']');
  } else if (typeof value === 'object' && isPlainData(value)) {
    parts.push('{');
    let first = true;
    for (const key of sortedKeys(value)) {
      const child: unknown = Reflect.get(value, key);
      if (child === undefined || typeof child === 'function' || typeof child === 'symbol') continue;
      parts.push(first ? '' : ',', JSON.stringify(key), ':');
      first = false;
      if (!writeCanonical(child, parts)) return false;
    }
    parts.push('}');
  } else return false;
  return true;
}

/**
 * Keys in code-unit order, except that array-index keys come first in numeric order: the order an
 * object built by inserting the sorted keys enumerates in (what the replacer of sortedStringify writes),
 * so both paths give the same string for the same data.
 */
function sortedKeys(value: object): string[] {
  const keys = Object.keys(value).sort(compareText);
  const indices = keys.filter(isArrayIndex);
  if (indices.length === 0) return keys;
  return [...indices.sort((a, b) => Number(a) - Number(b)), ...keys.filter((k) => !isArrayIndex(k))];
}

function isArrayIndex(key: string): boolean {
  return /^(?:0|[1-9]\d*)$/.test(key) && Number(key) < 4_294_967_295;
}

/** A `{...}` object without toJSON: JSON.stringify would write exactly its own enumerable keys. */
function isPlainData(value: object): value is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && !('toJSON' in value);
}

function sortedStringify(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const entries: [string, unknown][] = Object.entries(v);
    entries.sort((x, y) => compareText(x[0], y[0]));
    const sorted: Record<string, unknown> = {};
    // defineProperty, not assignment: a `__proto__` key must stay data, not become a prototype.
    for (const [k, child] of entries) Object.defineProperty(sorted, k, { value: child, enumerable: true });
    return sorted;
  });
}

/** Equal as JSON, keys in any order: `canonicalJson(a) === canonicalJson(b)`, without building the strings. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (isDropped(a) || isDropped(b)) return isDropped(a) && isDropped(b);
  const equal = equalPlainData(a, b);
  return equal ?? canonicalJson(a) === canonicalJson(b);
}

/** What JSON.stringify writes for a member: nothing (undefined) for undefined, functions and symbols. */
function isDropped(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

/** Non-finite numbers are written as null. */
function jsonScalar(value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? null : value;
}

/** Structural JSON equality of plain data; undefined when either side holds something else. */
function equalPlainData(a: unknown, b: unknown): boolean | undefined {
  if (a === null || typeof a !== 'object' || b === null || typeof b !== 'object') {
    if ((a !== null && typeof a === 'object') || (b !== null && typeof b === 'object')) {
      return isPlainValue(a) && isPlainValue(b) ? false : undefined;
    }
    return jsonScalar(a) === jsonScalar(b);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b)) return isPlainValue(a) && isPlainValue(b) ? false : undefined;
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i += 1) {
      const x: unknown = a[i];
      const y: unknown = b[i];
      const equal = equalPlainData(isDropped(x) ? null : x, isDropped(y) ? null : y);
      if (equal !== true) return equal;
    }
    return true;
  }
  if (!isPlainData(a) || !isPlainData(b)) return undefined;
  // Counted, not filtered into new arrays: this runs for every node the layout compares.
  let membersA = 0;
  for (const key of Object.keys(a)) {
    const x = a[key];
    if (isDropped(x)) continue;
    membersA += 1;
    const y = b[key];
    if (isDropped(y) || !Object.prototype.hasOwnProperty.call(b, key)) return false;
    const equal = equalPlainData(x, y);
    if (equal !== true) return equal;
  }
  let membersB = 0;
  for (const key of Object.keys(b)) if (!isDropped(b[key])) membersB += 1;
  return membersA === membersB;
}

/** Scalars, arrays and `{...}` objects: the values equalPlainData judges by itself. */
function isPlainValue(value: unknown): boolean {
  return value === null || typeof value !== 'object' || Array.isArray(value) || isPlainData(value);
}
