/**
 * The imported config as the file a user commits: a header saying where it came from, the config, and
 * every note as a comment where it belongs. Pure and deterministic.
 */
import type { ImportKind, ImportNote, ImportResult } from './types.js';
import { writeTypeScript } from './write-typescript.js';

/** `input.yaml spec.broker.adminPort (line 12): why`. */
export function formatNote(note: ImportNote): string {
  return `${note.path}${note.loc === undefined ? '' : ` (line ${note.loc.line})`}: ${note.reason}`;
}

export function importedFileText(result: ImportResult, kind: ImportKind, sources: readonly string[]): string {
  const files = [...new Set(sources)].sort();
  const header = [
    `Imported by \`rivven-gitops import\` from ${files.join(', ')}.`,
    result.notes.length === 0 ? 'Every value was carried over as it was.' : 'Comments mark the values that were not carried over as they were, and why.',
  ];
  return writeTypeScript({ kind, value: result.config, header, comments: result.notes.map((note) => ({ path: note.target, text: formatNote(note) })) });
}
