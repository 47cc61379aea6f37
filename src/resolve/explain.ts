/**
 * `explain`: a resolved value, where it was set and what it overrode, from the merge's provenance.
 * Pure: reads the resolved environment, its provenance and the raw layers it was merged from.
 */
import type { LoadedProject } from '../load/types.js';
import type { ResolvedEnvironment, ValueOrigin } from '../model/types.js';
import { formatPath, parseDisplayPath, pathKey, type PathSegment } from '../core/path.js';
import { valueAt } from './value-at.js';
import { z } from 'zod';
import { configSchema } from '../model/config.js';
import { durationMs } from '../model/primitives.js';
import { formatDuration, parseDuration } from '../core/units.js';
import { schemaAtPath } from './schema-at-path.js';

export interface Explanation {
  readonly path: string;
  readonly value: unknown;
  /** The value as people write it, when that differs from `value`: a duration in ms shows as `3d`. */
  readonly display?: string;
  readonly origin: ValueOrigin;
  readonly removed: boolean;
  readonly overridden: readonly (ValueOrigin & { readonly value?: unknown; readonly display?: string })[];
}

export function explainValue(environment: ResolvedEnvironment, project: LoadedProject | undefined, displayPath: string): Explanation | undefined {
  const segments = matchSegments(environment.config, parseDisplayPath(displayPath));
  if (!segments) return undefined;
  const value = valueAt(environment.config, segments);
  const provenance = environment.provenance.get(pathKey(segments));
  if (value === undefined && !provenance) return undefined;
  const origin: ValueOrigin = provenance?.origin ?? { layer: 'default' };
  const layerValue = (layer: ValueOrigin['layer']): unknown => {
    if (!project) return undefined;
    if (layer === 'base') return valueAt(project.base.value, segments);
    if (layer === 'environment') return valueAt(project.environments.find((e) => e.name === environment.name)?.value, segments);
    return undefined;
  };
  const display = displayFor(segments);
  const shown = display(value);
  return {
    path: formatPath(segments),
    value,
    ...(shown === undefined ? {} : { display: shown }),
    origin,
    removed: value === undefined,
    overridden: (provenance?.overridden ?? []).map((o) => {
      const v = layerValue(o.layer);
      const d = display(v);
      return v === undefined ? o : { ...o, value: v, ...(d === undefined ? {} : { display: d }) };
    }),
  };
}

/**
 * How a value at `segments` reads in the units people write: durations resolve to milliseconds, and
 * `259200000` says less than `3d` (written or not, with the one formatter the units use).
 */
function displayFor(segments: readonly PathSegment[]): (value: unknown) => string | undefined {
  if (schemaAtPath(configSchema, segments) !== durationInput) return () => undefined;
  return (value) => {
    if (typeof value !== 'string' && typeof value !== 'number') return undefined;
    const ms = parseDuration(value);
    return ms === undefined ? undefined : formatDuration(ms);
  };
}

/** The schema a duration's value first meets: what schemaAtPath returns for a duration field, however many pipes wrap it. */
const durationInput: z.core.$ZodType = (() => {
  let schema: z.core.$ZodType = durationMs;
  while (schema instanceof z.ZodPipe) schema = schema.in;
  return schema;
})();

/**
 * Dotted input is ambiguous for names that contain dots (`topics.cdc.events.partitions`): join segments
 * greedily until they name an existing key, preferring the shortest match that leads to a full path.
 */
function matchSegments(root: unknown, input: readonly PathSegment[]): PathSegment[] | undefined {
  if (input.length === 0) return [];
  if (root === null || typeof root !== 'object') return undefined;
  for (let take = 1; take <= input.length; take++) {
    const key = input.slice(0, take).map(String).join('.');
    const index = Array.isArray(root) && /^\d+$/.test(key) ? Number(key) : key;
    if (!Object.prototype.hasOwnProperty.call(root, index)) continue;
    const child = valueAt(root, [index]);
    const rest = matchSegments(child, input.slice(take));
    if (rest) return [index, ...rest];
  }
  return undefined;
}
