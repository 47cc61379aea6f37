/** RFC 6901 JSON pointer segments: `~` ↔ `~0`, `/` ↔ `~1` (label keys like `app.kubernetes.io/name` contain slashes). */

export function escapePointerSegment(segment: string): string {
  // Most keys need no escaping; the check is much cheaper than two replaces on every path of a config.
  return segment.includes('~') || segment.includes('/') ? segment.replace(/~/g, '~0').replace(/\//g, '~1') : segment;
}

export function unescapePointerSegment(segment: string): string {
  return segment.includes('~') ? segment.replace(/~1/g, '/').replace(/~0/g, '~') : segment;
}
