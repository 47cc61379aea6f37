/**
 * RFC 6902, applied as kustomize applies it (evanphx/json-patch): every step of a path must exist except
 * the last step of an `add`; `-` appends to a list; `move`, `copy` and `test` are supported. One
 * implementation for the three places that apply patches: the user's `customize.patches`, the layout
 * checking that the patches it writes reproduce each object, and the git source building a committed
 * out/ back into objects. It lives with customize, the lowest of the three layers.
 *
 * The input is left alone and only the containers on an operation's path are copied: the rest of the
 * result is the input's own subtrees, shared, so do not change the result in place. (A deep copy of the
 * whole object per patch was a quarter of planning the overlays.)
 */
import { InternalError } from '../errors/diagnostic.js';
import { cloneJson, isRecord } from '../core/json.js';
import { jsonEqual } from '../core/json-equal.js';

export type Rfc6902Operation =
  | { readonly op: 'add'; readonly path: string; readonly value: unknown }
  | { readonly op: 'replace'; readonly path: string; readonly value: unknown }
  | { readonly op: 'remove'; readonly path: string }
  | { readonly op: 'move'; readonly from: string; readonly path: string }
  | { readonly op: 'copy'; readonly from: string; readonly path: string }
  | { readonly op: 'test'; readonly path: string; readonly value: unknown };

/** Called with what is wrong with a patch; it must throw. */
export type PatchErrorHandler = (message: string) => never;

const internalError: PatchErrorHandler = (message) => {
  throw new InternalError(`JSON patch: ${message}`);
};

/** Parsed YAML or JSON → operations; `onError` for anything that is not an RFC 6902 operation. */
export function parseJsonPatch(operations: readonly unknown[], onError: PatchErrorHandler = internalError): Rfc6902Operation[] {
  return operations.map((op): Rfc6902Operation => {
    if (!isRecord(op) || typeof op['op'] !== 'string' || typeof op['path'] !== 'string') return onError('every operation needs op and path');
    const path = op['path'];
    const from = typeof op['from'] === 'string' ? op['from'] : undefined;
    switch (op['op']) {
      case 'add':
      case 'replace':
        if (!Object.hasOwn(op, 'value')) onError(`${op['op']} ${path} has no value`);
        return { op: op['op'], path, value: op['value'] };
      case 'remove':
        return { op: 'remove', path };
      case 'move':
      case 'copy':
        if (from === undefined) return onError(`${op['op']} ${path} has no from`);
        return { op: op['op'], from, path };
      case 'test':
        return { op: 'test', path, value: op['value'] };
      default:
        return onError(`unknown operation "${op['op']}"`);
    }
  });
}

function parsePointer(pointer: string, onError: PatchErrorHandler): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) onError(`"${pointer}" is not a JSON pointer`);
  const segments = pointer.slice(1).split('/');
  return pointer.includes('~') ? segments.map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')) : segments;
}

function listIndex(list: readonly unknown[], token: string, forAdd: boolean, onError: PatchErrorHandler): number {
  if (forAdd && token === '-') return list.length;
  if (!/^(0|[1-9][0-9]*)$/.test(token)) onError(`"${token}" is not a list index`);
  const index = Number(token);
  if (index > list.length || (!forAdd && index === list.length)) onError(`index ${index} is out of range`);
  return index;
}

/** A shallow copy of a container (anything else as it is): a `__proto__` key stays data, as in JSON. */
function shallowCopy<V>(value: V): V {
  if (Array.isArray(value)) return Object.assign([], value);
  if (isRecord(value)) return { ...value };
  return value;
}

/** Applies RFC 6902 operations to a copy of `doc` (see the module comment). */
export function applyJsonPatch<T>(doc: T, ops: readonly Rfc6902Operation[], onError: PatchErrorHandler = internalError): T {
  // Containers this call made: changing them never touches `doc`.
  const copies = new Set<unknown>();
  const own = <V>(value: V): V => {
    if (copies.has(value)) return value;
    const copy = shallowCopy(value);
    if (copy !== null && typeof copy === 'object') copies.add(copy);
    return copy;
  };
  /** The container holding the last step of `tokens`, copied (with every container above it) when `write`. */
  const parentOf = (root: unknown, tokens: readonly string[], write: boolean): unknown => {
    let node = root;
    for (const token of tokens.slice(0, -1)) {
      if (Array.isArray(node)) {
        const index = listIndex(node, token, false, onError);
        node = write ? (node[index] = own(node[index])) : node[index];
      } else if (isRecord(node) && Object.hasOwn(node, token)) {
        // An own data property, so assigning sets it (even one named `__proto__`).
        node = write ? (node[token] = own(node[token])) : node[token];
      } else onError(`path segment "${token}" does not exist`);
    }
    return node;
  };
  const getAt = (root: unknown, pointer: string): unknown => {
    const tokens = parsePointer(pointer, onError);
    const last = tokens[tokens.length - 1];
    if (last === undefined) return root;
    const parent = parentOf(root, tokens, false);
    if (Array.isArray(parent)) return parent[listIndex(parent, last, false, onError)];
    if (isRecord(parent) && Object.hasOwn(parent, last)) return parent[last];
    return onError(`${pointer} does not exist`);
  };
  const removeAt = (root: unknown, pointer: string): void => {
    const tokens = parsePointer(pointer, onError);
    const last = tokens[tokens.length - 1];
    if (last === undefined) onError('cannot remove the whole object');
    const parent = parentOf(root, tokens, true);
    if (Array.isArray(parent)) parent.splice(listIndex(parent, last, false, onError), 1);
    else if (isRecord(parent) && Object.hasOwn(parent, last)) delete parent[last];
    else onError(`remove of missing ${pointer}: it does not exist`);
  };
  /** Returns the new root: a pointer to the root replaces the whole document. */
  const setAt = (root: unknown, pointer: string, value: unknown, mode: 'add' | 'replace'): unknown => {
    const tokens = parsePointer(pointer, onError);
    const last = tokens[tokens.length - 1];
    if (last === undefined) return value;
    const parent = parentOf(root, tokens, true);
    if (Array.isArray(parent)) {
      const index = listIndex(parent, last, mode === 'add', onError);
      if (mode === 'add') parent.splice(index, 0, value);
      else parent[index] = value;
    } else if (isRecord(parent)) {
      if (mode === 'replace' && !Object.hasOwn(parent, last)) onError(`replace of missing ${pointer}: it does not exist`);
      Object.defineProperty(parent, last, { value, enumerable: true, writable: true, configurable: true });
    } else onError(`the parent of ${pointer} is not a map or list`);
    return root;
  };

  let root: unknown = own(doc);
  for (const op of ops) {
    switch (op.op) {
      case 'add':
      case 'replace':
        root = setAt(root, op.path, cloneJson(op.value), op.op);
        break;
      case 'remove':
        removeAt(root, op.path);
        break;
      case 'move':
      case 'copy': {
        const value = cloneJson(getAt(root, op.from));
        if (op.op === 'move') removeAt(root, op.from);
        root = setAt(root, op.path, value, 'add');
        break;
      }
      case 'test':
        if (!jsonEqual(getAt(root, op.path), op.value)) onError(`test of ${op.path} failed`);
        break;
    }
  }
  // The operations keep the document's shape: a pointer to the root is the only way to replace it.
  return root as T;
}
