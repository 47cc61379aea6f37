/**
 * Strict validation of a built-in or third-party object against its OpenAPI schema, as
 * `kubectl apply --validate=strict` does. The packages' validators check types, enums, formats,
 * int-or-string and required fields but do not reject unknown fields (OpenAPI objects are open), while
 * the API server prunes or rejects them. So the object is validated through a Proxy that records which
 * properties the validator reads on each object: a compiled validator reads every property its schema
 * declares (and every key of a map it iterates), so an own key it never read is a field the schema does
 * not know. An object the validator never looked into is free-form (preserve-unknown) and is left alone.
 */
import type { ModelClass } from './builtin-models.js';
import type { FieldPath, SchemaViolation, ViolationClass } from './violation.js';
import { isRecord } from '../core/json.js';
import { unescapePointerSegment } from '../core/json-pointer.js';

interface AjvError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly message?: string;
  readonly params?: Readonly<Record<string, unknown>>;
}


function isAjvErrorList(value: unknown): value is AjvError[] {
  return Array.isArray(value) && value.every((e) => isRecord(e) && typeof e['instancePath'] === 'string' && typeof e['keyword'] === 'string');
}

type Reads = WeakMap<object, Set<string>>;

/** Wraps a value so every property a validator reads is recorded per object (one proxy per object). */
function tracked(value: unknown, reads: Reads, proxies: WeakMap<object, object>): unknown {
  if (value === null || typeof value !== 'object') return value;
  const existing = proxies.get(value);
  if (existing !== undefined) return existing;
  const seen = (target: object): Set<string> => {
    let set = reads.get(target);
    if (set === undefined) {
      set = new Set();
      reads.set(target, set);
    }
    return set;
  };
  const proxy = new Proxy(value, {
    get(target, key, receiver) {
      if (typeof key === 'string') seen(target).add(key);
      return tracked(Reflect.get(target, key, receiver), reads, proxies);
    },
    has(target, key) {
      if (typeof key === 'string') seen(target).add(key);
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      seen(target);
      return Reflect.ownKeys(target);
    },
  });
  proxies.set(value, proxy);
  return proxy;
}

const keywordClass: Readonly<Record<string, ViolationClass>> = {
  type: 'type',
  enum: 'enum',
  const: 'enum',
  minimum: 'range',
  maximum: 'range',
  exclusiveMinimum: 'range',
  exclusiveMaximum: 'range',
  minLength: 'range',
  maxLength: 'range',
  minItems: 'range',
  maxItems: 'range',
  minProperties: 'range',
  maxProperties: 'range',
  pattern: 'pattern',
  format: 'pattern',
  required: 'required',
};

/** The path segments of a JSON pointer, numbers where the object has an array. */
function segmentsOf(pointer: string, root: unknown): { path: FieldPath; value: unknown } {
  const path: (string | number)[] = [];
  let here: unknown = root;
  for (const raw of pointer.split('/').slice(1)) {
    const key = unescapePointerSegment(raw);
    if (Array.isArray(here) && /^\d+$/.test(key)) {
      path.push(Number(key));
      here = here[Number(key)];
    } else {
      path.push(key);
      here = isRecord(here) ? here[key] : undefined;
    }
  }
  return { path, value: here };
}

/** ajv reports every branch of a failed oneOf (int-or-string, quantity): say it once, with the forms allowed. */
function toViolations(errors: readonly AjvError[], obj: unknown): SchemaViolation[] {
  const oneOfPaths = new Set(errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf').map((e) => e.instancePath));
  const out: SchemaViolation[] = [];
  for (const pointer of [...new Set(errors.map((e) => e.instancePath))]) {
    const here = errors.filter((e) => e.instancePath === pointer);
    const { path, value } = segmentsOf(pointer, obj);
    if (oneOfPaths.has(pointer)) {
      const forms = here.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf').map((e) => e.message ?? e.keyword);
      out.push({ class: 'schema', path, value, message: `must match one allowed form (${[...new Set(forms)].join('; ')})` });
      continue;
    }
    for (const e of here) {
      const missing = e.keyword === 'required' ? e.params?.['missingProperty'] : undefined;
      if (typeof missing === 'string') {
        out.push({ class: 'required', path: [...path, missing], message: 'required field missing' });
        continue;
      }
      const allowed = e.keyword === 'enum' ? e.params?.['allowedValues'] : undefined;
      const message = Array.isArray(allowed)
        ? `${JSON.stringify(value)} is not one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`
        : `${JSON.stringify(value)}: ${e.message ?? e.keyword}`;
      out.push({ class: keywordClass[e.keyword] ?? 'schema', path, value, message });
    }
  }
  return out;
}

function findUnknownFields(value: unknown, path: FieldPath, reads: Reads, out: SchemaViolation[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => findUnknownFields(item, [...path, i], reads, out));
    return;
  }
  if (!isRecord(value)) return;
  const known = reads.get(value);
  for (const [key, child] of Object.entries(value)) {
    if (known !== undefined && !known.has(key)) {
      out.push({ class: 'pruned', path: [...path, key], value: child, message: 'unknown field: not in the schema, so the API server would prune or reject it' });
      continue;
    }
    findUnknownFields(child, [...path, key], reads, out);
  }
}

/** Every violation of `obj` against its model's schema, unknown fields included. */
export function checkBuiltin(obj: object, model: ModelClass): SchemaViolation[] {
  const out: SchemaViolation[] = [];
  const reads: Reads = new WeakMap();
  try {
    model.prototype.validate.call(tracked(obj, reads, new WeakMap()));
  } catch (error) {
    const errors: unknown = isRecord(error) || error instanceof Error ? Reflect.get(error, 'errors') : undefined;
    if (!isAjvErrorList(errors)) throw error;
    out.push(...toViolations(errors, obj));
  }
  findUnknownFields(obj, [], reads, out);
  return out;
}
