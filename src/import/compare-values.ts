/**
 * Which values of an input object the rendered object does not reproduce. Only the input's values are
 * looked at (what rivven-gitops adds beyond them is not a loss). Lists of named items (containers, env,
 * ports) pair by name, so order does not matter; quantities compare by value (`1000m` is `1`); empty
 * maps, lists and nulls count as unset, as they do for the API server.
 */
import { isEmptyValue } from '../diff/json-value.js';
import { isQuantityField, quantitiesEqual } from '../diff/quantity.js';
import type { PathSegment } from '../core/path.js';
import { isRecord } from '../core/json.js';
import { jsonEqual } from '../core/json-equal.js';

export interface Difference {
  /** Path in the input document (list items by their index in the input). */
  readonly path: readonly PathSegment[];
  readonly input: unknown;
  readonly rendered: unknown;
}

function named(list: readonly unknown[]): boolean {
  return list.length > 0 && list.every((item) => isRecord(item) && typeof item['name'] === 'string');
}

function pairItems(input: readonly unknown[], rendered: readonly unknown[]): (number | undefined)[] {
  if (named(input) && named(rendered)) {
    const byName = new Map(rendered.map((item, i) => [isRecord(item) ? item['name'] : undefined, i]));
    return input.map((item, i) => {
      const match = byName.get(isRecord(item) ? item['name'] : undefined);
      // One item each (the broker container under another name): still the same item.
      return match ?? (input.length === 1 && rendered.length === 1 ? i : undefined);
    });
  }
  return input.length === rendered.length ? input.map((_, i) => i) : [];
}

export function findDifferences(input: unknown, rendered: unknown, path: readonly PathSegment[] = []): Difference[] {
  if (isEmptyValue(input) || jsonEqual(input, rendered)) return [];
  const keys = path.filter((s): s is string => typeof s === 'string');
  if (isQuantityField(keys) && quantitiesEqual(input, rendered)) return [];
  if (isRecord(input) && isRecord(rendered)) {
    return Object.keys(input).flatMap((key) => findDifferences(input[key], rendered[key], [...path, key]));
  }
  if (Array.isArray(input) && Array.isArray(rendered)) {
    const pairs = pairItems(input, rendered);
    if (pairs.length === 0) return [{ path, input, rendered }];
    return input.flatMap((item, i) => {
      const j = pairs[i];
      return j === undefined ? [{ path: [...path, i], input: item, rendered: undefined }] : findDifferences(item, rendered[j], [...path, i]);
    });
  }
  return [{ path, input, rendered }];
}
