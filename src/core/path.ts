/**
 * Config paths. Internally a path is a list of segments; as a map key it is an RFC 6901 JSON pointer
 * (so topic names with dots or slashes stay unambiguous); for people it is dotted, with brackets
 * around segments that are not plain identifiers: `topics["cdc.events"].partitions`.
 */
import { escapePointerSegment, unescapePointerSegment } from './json-pointer.js';

export type PathSegment = string | number;

export function pathKey(segments: readonly PathSegment[]): string {
  let key = '';
  for (const s of segments) key += `/${escapeSegment(s)}`;
  return key;
}

/** One segment as `pathKey` writes it: `pathKey([...path, s]) === pathKey(path) + '/' + escapeSegment(s)`. */
export function escapeSegment(segment: PathSegment): string {
  return escapePointerSegment(String(segment));
}

export function parsePathKey(key: string): string[] {
  if (key === '') return [];
  return key
    .slice(1)
    .split('/')
    .map(unescapePointerSegment);
}

const identifier = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (identifier.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

/**
 * Reads a path as people type it on the command line (`cluster.replicas`, `topics["cdc.events"]`,
 * `topics.orders-events.partitions`, `sources[0]`). Dots split segments except inside brackets.
 */
export function parseDisplayPath(text: string): PathSegment[] {
  const segments: PathSegment[] = [];
  const pattern = /\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|\['([^']*)'\]|([^.[\]]+)/g;
  for (const m of text.matchAll(pattern)) {
    if (m[1] !== undefined) segments.push(Number(m[1]));
    else if (m[2] !== undefined) segments.push(JSON.parse(`"${m[2]}"`) as string);
    else if (m[3] !== undefined) segments.push(m[3]);
    else if (m[4] !== undefined) segments.push(m[4]);
  }
  return segments;
}
