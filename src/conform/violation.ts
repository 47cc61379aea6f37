/**
 * What the conform stage finds wrong with one rendered object, before it becomes a finding: the class of
 * violation (each has its own code), the field's path inside the object and what is wrong with it.
 */
import { escapePointerSegment } from '../core/json-pointer.js';
export type ViolationClass =
  | 'pruned'
  | 'type'
  | 'enum'
  | 'range'
  | 'pattern'
  | 'required'
  | 'schema'
  | 'unknown-kind'
  | 'unchecked-kind'
  | 'name'
  | 'namespace'
  | 'label-key'
  | 'label-value'
  | 'annotation-key'
  | 'annotation-size'
  | 'port-name';

export type FieldPath = readonly (string | number)[];

export interface SchemaViolation {
  readonly class: ViolationClass;
  /** Where in the object, e.g. `['spec', 'acls', 0, 'host']`. */
  readonly path: FieldPath;
  /** What is wrong, without the path (`101 is above the maximum 100`). */
  readonly message: string;
  /** The offending value, when there is one: used to find the config line that wrote it. */
  readonly value?: unknown;
}

/** `spec.acls[0].host`: a field path as kubectl prints it. */
export function formatFieldPath(path: FieldPath): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}

/** `/spec/acls/0/host`: a JSON pointer (RFC 6901). */
export function formatPointer(path: FieldPath): string {
  return path.map((k) => `/${escapePointerSegment(String(k))}`).join('');
}
