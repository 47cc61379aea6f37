/**
 * Kubernetes quantities compare by value: the API server rewrites `1000m` as `1` and `1024Mi` as `1Gi`
 * (canonical form), so a rendered `1000m` and a live `1` are the same request.
 */
import { parseQuantity } from '../core/units.js';

/**
 * True for fields that hold a resource.Quantity, given the map keys leading to them (`[]` for list
 * items): `resources.limits.*`, `resources.requests.*` (containers, PVCs, claim templates, the Rivven
 * CRDs' free-form resources), `emptyDir.sizeLimit`, ResourceQuota `hard.*`, PV `capacity.*`, and the
 * RivvenCluster's `spec.storage.size`.
 */
export function isQuantityField(keys: readonly string[]): boolean {
  const n = keys.length;
  const last = keys[n - 1];
  const parent = keys[n - 2];
  if (last === 'sizeLimit') return true;
  if (parent === 'storage' && last === 'size') return true;
  if ((parent === 'limits' || parent === 'requests') && keys[n - 3] === 'resources') return true;
  return parent === 'hard' || parent === 'capacity';
}

/** Equal as quantities (both parse and have the same value); false when either is not a quantity. */
export function quantitiesEqual(a: unknown, b: unknown): boolean {
  if ((typeof a !== 'string' && typeof a !== 'number') || (typeof b !== 'string' && typeof b !== 'number')) return false;
  const x = parseQuantity(a);
  const y = parseQuantity(b);
  if (x === undefined || y === undefined) return false;
  if (x === y) return true;
  // Float noise from decimal suffixes (0.1 vs 100m): relative tolerance far below any real difference.
  return Math.abs(x - y) <= Math.max(Math.abs(x), Math.abs(y)) * 1e-12;
}

/** Compares two quantities by value: negative, zero or positive; undefined when either does not parse. */
export function compareQuantities(a: unknown, b: unknown): number | undefined {
  if ((typeof a !== 'string' && typeof a !== 'number') || (typeof b !== 'string' && typeof b !== 'number')) return undefined;
  const x = parseQuantity(a);
  const y = parseQuantity(b);
  if (x === undefined || y === undefined) return undefined;
  return quantitiesEqual(a, b) ? 0 : x - y;
}
