/**
 * A comment's identity is its marker line: `<!-- rivven-gitops:diff v1 … part=2/3 -->`. These helpers
 * find it, read the part number and split a `--split` output (parts one after the other) into bodies.
 */

/** True when the body's first line starts with the marker (followed by a space, `-->` or nothing). */
export function hasMarker(body: string, marker: string): boolean {
  const text = body.trimStart();
  if (!text.startsWith(marker)) return false;
  const next = text.charAt(marker.length);
  return next === '' || /\s/.test(next) || text.startsWith('-->', marker.length);
}

/** The part number from the marker line (`part=2/3` → 2); 1 for a comment that is not split. */
export function partIndex(body: string): number {
  const firstLine = body.trimStart().split('\n', 1)[0] ?? '';
  const m = /\bpart=(\d+)\/\d+\b/.exec(firstLine);
  const n = m ? Number(m[1]) : 1;
  return Number.isSafeInteger(n) && n >= 1 ? n : 1;
}

/**
 * Splits input at every line that starts with the marker: one body per part. Text before the first
 * marker is not part of any comment and is returned apart, so the caller can refuse it.
 */
export function splitParts(input: string, marker: string): { readonly parts: string[]; readonly preamble: string } {
  const lines = input.replace(/\r\n/g, '\n').split('\n');
  const parts: string[][] = [];
  const preamble: string[] = [];
  for (const line of lines) {
    if (hasMarker(line, marker) && line.trimStart() === line) parts.push([line]);
    else if (parts.length === 0) preamble.push(line);
    else parts[parts.length - 1]?.push(line);
  }
  return { parts: parts.map((p) => `${p.join('\n').trimEnd()}\n`), preamble: preamble.join('\n') };
}

/** Bodies compare equal when only line endings or trailing whitespace differ (GitHub may store CRLF). */
export function sameBody(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/\r\n/g, '\n').trimEnd();
  return norm(a) === norm(b);
}
