/**
 * Reading rendered objects without casts. Objects are plain JSON-like data typed `unknown` below
 * `metadata`; these readers narrow at each step and answer `undefined` for anything absent or of
 * another type, which is exactly what a rule asking "is this set?" wants.
 */
import { isRecord } from '../core/json.js';

export function field(value: unknown, ...path: readonly (string | number)[]): unknown {
  let here = value;
  for (const key of path) {
    if (typeof key === 'number') {
      if (!Array.isArray(here)) return undefined;
      const element: unknown = here[key];
      here = element;
    } else {
      if (!isRecord(here)) return undefined;
      here = here[key];
    }
  }
  return here;
}

export function arrayAt(value: unknown, ...path: readonly (string | number)[]): readonly unknown[] {
  const found = field(value, ...path);
  return Array.isArray(found) ? found : [];
}

export function stringAt(value: unknown, ...path: readonly (string | number)[]): string | undefined {
  const found = field(value, ...path);
  return typeof found === 'string' ? found : undefined;
}

export function numberAt(value: unknown, ...path: readonly (string | number)[]): number | undefined {
  const found = field(value, ...path);
  return typeof found === 'number' ? found : undefined;
}

/** An int-or-percent field (PodDisruptionBudget, rolling updates). */
export function intOrPercentAt(value: unknown, ...path: readonly (string | number)[]): number | string | undefined {
  const found = field(value, ...path);
  return typeof found === 'number' || typeof found === 'string' ? found : undefined;
}
