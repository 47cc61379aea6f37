/**
 * Strategic-merge style, simply: maps merge deeply, `null` removes a key, and lists and scalars replace
 * (no merge keys: a list of containers, env or volumes is written whole, so what it holds is what you
 * read in the patch). Returns a new object and the JSON pointers the patch set.
 */
import { isRecord } from '../core/json.js';
import { cloneJson } from '../core/json.js';
import type { PathSegment } from '../core/path.js';

export function mergePartial(target: unknown, patch: Record<string, unknown>): { value: Record<string, unknown>; written: PathSegment[][] } {
  const written: PathSegment[][] = [];
  const merge = (current: unknown, overlay: Record<string, unknown>, path: PathSegment[]): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    const base = isRecord(current) ? current : {};
    for (const key of Object.keys(base)) Object.defineProperty(out, key, { value: base[key], enumerable: true, writable: true, configurable: true });
    for (const key of Object.keys(overlay)) {
      const value = overlay[key];
      const here = [...path, key];
      if (value === null) {
        delete out[key];
        continue;
      }
      const next = isRecord(value) ? merge(base[key], value, here) : cloneJson(value);
      if (!isRecord(value)) written.push(here);
      Object.defineProperty(out, key, { value: next, enumerable: true, writable: true, configurable: true });
    }
    if (Object.keys(overlay).length === 0) written.push(path);
    return out;
  };
  return { value: merge(target, patch, []), written };
}
