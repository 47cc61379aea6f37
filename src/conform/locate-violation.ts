/**
 * Which config line produced a value the conform stage refuses. Rendered objects do not remember their
 * sources, so the value is looked up in the environment's resolved config: a config value (or map key)
 * equal to it, preferring one whose key matches the object's field (`labels.team` for a label `team`);
 * failing that, the longest config value the refused string is built from (an object name made of the
 * project and a topic name points at the topic). Only values a file wrote count: a default has no line
 * to point at, and then the finding names the object and field instead. Pure; runs only on violations.
 */
import type { SourceLocation } from '../errors/diagnostic.js';
import type { ResolvedEnvironment } from '../model/types.js';
import { pathKey, type PathSegment } from '../core/path.js';
import type { FieldPath } from './violation.js';
import { isRecord } from '../core/json.js';


interface Candidate {
  readonly path: readonly PathSegment[];
  /** The config value (or, for `isKey`, the map key) at `path`. */
  readonly text: string;
  readonly isKey: boolean;
}

/** Every scalar and every map key of a config, with its path. Built once per environment, on demand. */
function collect(value: unknown, path: PathSegment[], out: Candidate[], depth = 0): void {
  if (depth > 40) return;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    out.push({ path: [...path], text: String(value), isKey: false });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => collect(item, [...path, i], out, depth + 1));
    return;
  }
  if (!isRecord(value)) return;
  for (const [key, child] of Object.entries(value)) {
    out.push({ path: [...path, key], text: key, isKey: true });
    collect(child, [...path, key], out, depth + 1);
  }
}

const candidatesByEnv = new WeakMap<ResolvedEnvironment, Candidate[]>();

function candidatesOf(env: ResolvedEnvironment): Candidate[] {
  let found = candidatesByEnv.get(env);
  if (found === undefined) {
    found = [];
    collect(env.config, [], found);
    candidatesByEnv.set(env, found);
  }
  return found;
}

export interface ConfigOrigin {
  readonly path: readonly PathSegment[];
  readonly loc: SourceLocation;
}

function writtenAt(env: ResolvedEnvironment, path: readonly PathSegment[]): SourceLocation | undefined {
  const origin = env.provenance.get(pathKey(path))?.origin;
  return origin !== undefined && origin.layer !== 'default' ? origin.loc : undefined;
}

/** The config path and line that wrote `value` (found at `field` in a rendered object), if a file did. */
export function locateViolation(env: ResolvedEnvironment, value: unknown, field: FieldPath): ConfigOrigin | undefined {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return undefined;
  const text = String(value);
  const lastField = [...field].reverse().find((k): k is string => typeof k === 'string');
  const all = candidatesOf(env);
  const exact = all.filter((c) => c.text === text);
  // A label value `team: x` is best matched by a config key `team`; a label key by the key itself.
  const ranked = [...exact].sort((a, b) => score(b, lastField) - score(a, lastField));
  for (const c of ranked) {
    const loc = writtenAt(env, c.path);
    if (loc !== undefined) return { path: c.path, loc };
  }
  if (typeof value !== 'string' || text.length < 3) return undefined;
  const parts = all
    .filter((c) => c.text.length >= 3 && c.text !== text && text.includes(c.text) && Number.isNaN(Number(c.text)))
    .sort((a, b) => b.text.length - a.text.length);
  for (const c of parts) {
    const loc = writtenAt(env, c.path);
    if (loc !== undefined) return { path: c.path, loc };
  }
  return undefined;
}

function score(c: Candidate, lastField: string | undefined): number {
  const last = c.path[c.path.length - (c.isKey ? 2 : 1)];
  return (lastField !== undefined && c.path.includes(lastField) ? 2 : 0) + (last === lastField ? 1 : 0) + (c.isKey ? 0 : 0.5);
}
