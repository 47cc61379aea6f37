/** The text `import` prints: what was imported, from how many files, and every note the output file carries. */
import { describeImported } from '../import/import-manifests.js';
import type { ImportResult } from '../import/types.js';
import type { Style } from '../report/style.js';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function formatImportSummary(result: ImportResult, out: string, files: number, style: Style): string {
  const lines = [
    `${style.green('✔')} imported ${plural(result.imported.length, 'object')} from ${plural(files, 'file')} into ${out}: ${plural(result.mappedFields, 'field')} mapped, ${plural(result.notes.length, 'note')}`,
    ...result.imported.map((o) => `  ${describeImported(o)}`),
  ];
  if (result.notes.length > 0) {
    lines.push('', `Notes (also comments in ${out}):`);
    for (const note of result.notes) {
      const where = note.loc === undefined ? note.path : `${note.loc.file}:${note.loc.line}:${note.loc.column} ${note.path.slice(note.path.indexOf(' ') + 1)}`;
      lines.push(`  ${style.yellow('•')} ${where}: ${note.reason}`);
    }
  }
  lines.push('', `Next: ${style.bold('npx rivven-gitops validate')}, then ${style.bold('npx rivven-gitops build')}.`);
  return lines.join('\n') + '\n';
}
