import { isRecord } from '../core/json.js';
/**
 * Field paths inside a Kubernetes object, as people read them and as the diff keys its sets:
 * `spec.template.spec.containers[name=broker].image`, `metadata.annotations["a.io/b"]`, `spec.ports[0]`.
 * Lists whose items all carry a distinct `name` are addressed by name (the API server's merge key for
 * containers, env, volumes, ports…), so an inserted item does not shift every later path; other lists by
 * index. The same function builds the paths of defaults, of managedFields ownership and of the
 * comparison, which is what lets them meet.
 */

const identifier = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

export function childPath(parent: string, key: string): string {
  if (identifier.test(key)) return parent === '' ? key : `${parent}.${key}`;
  return `${parent}[${JSON.stringify(key)}]`;
}

/** The name a list item is known by: its `name`, or `metadata.name` (StatefulSet claim templates). */
export function itemName(item: unknown): string | undefined {
  if (!isRecord(item)) return undefined;
  if (typeof item['name'] === 'string') return item['name'];
  const metadata = item['metadata'];
  return isRecord(metadata) && typeof metadata['name'] === 'string' ? metadata['name'] : undefined;
}

/** True when every item has a name (see itemName) and no name repeats. */
export function isNamedList(list: readonly unknown[]): boolean {
  const seen = new Set<string>();
  for (const item of list) {
    const name = itemName(item);
    if (name === undefined || seen.has(name)) return false;
    seen.add(name);
  }
  return list.length > 0;
}

export function namedItemPath(parent: string, name: string): string {
  return `${parent}[name=${name}]`;
}

export function indexItemPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}

/** Path of `list[index]`, by name when the list is a named list. */
export function itemPath(parent: string, list: readonly unknown[], index: number, named = isNamedList(list)): string {
  const name = named ? itemName(list[index]) : undefined;
  return name === undefined ? indexItemPath(parent, index) : namedItemPath(parent, name);
}

/** Every proper ancestor of a path (`a.b[name=x].c` → `a`, `a.b`, `a.b[name=x]`). */
export function ancestorPaths(path: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inString = false;
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '[') {
      if (depth === 0 && i > 0) out.push(path.slice(0, i));
      depth++;
    } else if (c === ']') depth--;
    else if (c === '.' && depth === 0) out.push(path.slice(0, i));
  }
  return out;
}

/** True when `path` is `prefix` or lies under it. */
export function isAtOrUnder(path: string, prefix: string): boolean {
  if (prefix === '') return true;
  if (!path.startsWith(prefix)) return false;
  const next = path[prefix.length];
  return next === undefined || next === '.' || next === '[';
}
