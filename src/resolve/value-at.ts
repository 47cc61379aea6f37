import type { PathSegment } from '../core/path.js';

/** The value at `path` inside plain data (own properties only), or undefined when the path leaves it. */
export function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let node: unknown = root;
  for (const segment of path) {
    if (Array.isArray(node)) {
      const elements: readonly unknown[] = node;
      node = typeof segment === 'number' ? elements[segment] : undefined;
    } else if (node !== null && typeof node === 'object') {
      const key = String(segment);
      node = Object.prototype.hasOwnProperty.call(node, key) ? Object.getOwnPropertyDescriptor(node, key)?.value : undefined;
    } else {
      return undefined;
    }
  }
  return node;
}
