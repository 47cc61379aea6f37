/**
 * Where a finding points: the line that set the value at fault. Rules ask by config path; the answer
 * comes from the merge's provenance, falling back to the closest enclosing value written in a file
 * (a default inside a topic points at the topic).
 */
import type { Finding, RelatedLocation, Severity, SourceLocation } from '../errors/diagnostic.js';
import { finding, type Code } from '../errors/catalog.js';
import type { ResolvedEnvironment } from '../model/types.js';
import { formatPath, pathKey, type PathSegment } from '../core/path.js';
import { locateIn } from '../resolve/provenance.js';

export function locate(env: ResolvedEnvironment, segments: readonly PathSegment[]): SourceLocation | undefined {
  return locateIn(env.provenance, segments);
}

export interface RuleFindingInput {
  /** @default 'error' */
  readonly severity?: Severity;
  readonly message: string;
  /** When absent, the catalog's hint for the code. */
  readonly hint?: string;
  /** The other values the finding compares with (relatedAt). */
  readonly related?: readonly RelatedLocation[];
}

/**
 * The other end of a cross-field finding: `cluster.replicas = 1` and the line that set it, or, when no
 * file set it, that it is the default.
 */
export function relatedAt(
  env: ResolvedEnvironment,
  segments: readonly PathSegment[],
  value: unknown,
  options: {
    /** The value as people write it (`2w` for a duration), instead of its JSON. */
    readonly shown?: string;
    /** Name the environment: the other end is in another environment (production against staging). */
    readonly inEnvironment?: boolean;
  } = {},
): RelatedLocation {
  const where = options.inEnvironment === true ? ` in ${env.name}` : '';
  const message = `${formatPath(segments)} = ${options.shown ?? JSON.stringify(value) ?? String(value)}${where}`;
  const origin = env.provenance.get(pathKey(segments))?.origin;
  const loc = origin === undefined || origin.layer === 'default' ? undefined : locate(env, segments);
  return loc === undefined ? { message: `${message} (${origin?.layer === 'default' ? 'the default' : 'not written in a config file'})` } : { message, loc };
}

/** A finding for the value at `segments`, with its path spelled as users write it and its position. */
export function findingAt(env: ResolvedEnvironment, code: Code, segments: readonly PathSegment[], input: RuleFindingInput): Finding {
  const loc = locate(env, segments);
  return finding(code, {
    severity: input.severity ?? 'error',
    path: formatPath(segments),
    message: input.message,
    ...(input.hint === undefined ? {} : { hint: input.hint }),
    ...(loc === undefined ? {} : { loc }),
    ...(input.related === undefined ? {} : { related: input.related }),
  });
}
