/**
 * The hidden first line of every PR comment rivven-gitops writes:
 * `<!-- rivven-gitops:diff v1 environments=dev,prod commit=abc123 part=1/2 -->`.
 * `rivven-gitops comment` finds its earlier comment by the prefix (everything up to the version), so a
 * new commit or another set of environments updates the same comment instead of adding one; `part=N/M`
 * numbers the comments of a `--split` diff.
 */

/** What identifies a rivven-gitops diff comment; the rest of the marker line describes it. */
export const diffMarkerPrefix = '<!-- rivven-gitops:diff';

export interface MarkerInput {
  readonly environments: readonly string[];
  readonly commit?: string;
  readonly part?: { readonly index: number; readonly total: number };
}

/** Marker values are single tokens: nothing that could end the HTML comment (`-->`) or add a field. */
function token(text: string): string {
  return text.replace(/[^A-Za-z0-9._/:+-]/g, '_');
}

export function formatMarker(input: MarkerInput): string {
  const fields = [`v1`, `environments=${input.environments.map(token).join(',')}`];
  if (input.commit !== undefined && input.commit !== '') fields.push(`commit=${token(input.commit)}`);
  if (input.part) fields.push(`part=${input.part.index}/${input.part.total}`);
  return `${diffMarkerPrefix} ${fields.join(' ')} -->`;
}
