/**
 * Where a customized value was written. Rendered objects do not remember their sources (conform finds
 * config lines by value, locate-violation.ts); what the escape hatches write is recorded exactly instead:
 * per object, the JSON pointers each patch, partial object, extra object or transform set, with the
 * config path (or YAML file positions) that wrote them. The deepest recorded pointer above a field
 * answers for it, and the config's own provenance sharpens that to the property that set the value.
 */
import type { SourceLocation } from '../errors/diagnostic.js';
import type { ResolvedEnvironment } from '../model/types.js';
import { formatPath, pathKey, type PathSegment } from '../core/path.js';
import { locateIn } from '../resolve/provenance.js';

export interface FieldOrigin {
  /** The config path that wrote the value (`customize.patches.priority.ops[0].value`), when a config file did. */
  readonly configPath?: readonly PathSegment[];
  /** Positions below the value, keyed by JSON pointer relative to it (an object from a YAML file). */
  readonly positions?: ReadonlyMap<string, SourceLocation>;
  /** The fallback position (the transform's line, the patch's line). */
  readonly loc?: SourceLocation;
  /** What wrote it, for people: `customize.patches.priority`, `extra/pc.yaml`. */
  readonly label: string;
}

/** Object id (core/object-ref idOf) → JSON pointer in the object → origin. */
export type ObjectOrigins = ReadonlyMap<string, ReadonlyMap<string, FieldOrigin>>;

export interface LocatedOrigin {
  /** Dotted config path, or the file and object path for a YAML object. */
  readonly path: string;
  readonly loc?: SourceLocation;
  readonly label: string;
}

/** The origin of the field at `field` of the object `id`, if a customization wrote it (or an ancestor). */
export function originAt(env: ResolvedEnvironment, origins: ObjectOrigins | undefined, id: string, field: readonly PathSegment[]): LocatedOrigin | undefined {
  const fields = origins?.get(id);
  if (fields === undefined) return undefined;
  for (let length = field.length; length >= 0; length--) {
    const origin = fields.get(pathKey(field.slice(0, length)));
    if (origin === undefined) continue;
    const rest = field.slice(length);
    if (origin.configPath !== undefined) {
      const full = [...origin.configPath, ...rest];
      const loc = locateIn(env.provenance, full) ?? origin.loc;
      return { path: formatPath(full), label: origin.label, ...(loc === undefined ? {} : { loc }) };
    }
    if (origin.positions !== undefined) {
      for (let r = rest.length; r >= 0; r--) {
        const loc = origin.positions.get(pathKey(rest.slice(0, r)));
        if (loc !== undefined) return { path: `${origin.label}${rest.length > 0 ? `:${formatPath(rest)}` : ''}`, label: origin.label, loc };
      }
    }
    return { path: origin.label, label: origin.label, ...(origin.loc === undefined ? {} : { loc: origin.loc }) };
  }
  return undefined;
}
