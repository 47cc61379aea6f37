/**
 * Text and JSON reporters for findings. The code frame shows the offending line of the user's file with a
 * caret under the column, like the TypeScript compiler and ESLint do.
 */
import type { Finding, SourceLocation } from '../errors/diagnostic.js';
import { sortFindings } from '../errors/diagnostic.js';
import { credentialCode, redactCredentials, redactUrlPasswords } from '../errors/credential-text.js';
import type { Style } from './style.js';
import { visibleText } from '../errors/visible-text.js';

const visibleLines = (text: string): string => text.split('\n').map(visibleText).join('\n');

/** Reads a project file's text for code frames; returns undefined when it cannot. */
export type SourceReader = (file: string) => string | undefined;

/**
 * Findings printed per file, at most: past it a file's findings (a fleet of hundreds of topics) would
 * bury every other file's, and a CI log would scroll for pages. Errors come first (sortFindings), so
 * they are the last to be left out; JSON output is never capped.
 */
export const maxFindingsPerFile = 20;

export function formatFindingsText(findings: readonly Finding[], style: Style, readSource: SourceReader, options: { readonly maxPerFile?: number } = {}): string {
  const maxPerFile = options.maxPerFile ?? maxFindingsPerFile;
  const shownPerFile = new Map<string, number>();
  const leftOut = new Map<string, Finding[]>();
  const blocks: string[] = [];
  const credentialLines = linesOfCredentials(findings);
  // One concealed copy per file: a fleet with hundreds of findings in one file masked the whole file
  // again for every frame (seen: 0.9 s of a 1.3 s build printing 424 warnings).
  const concealed = new Map<string, string | undefined>();
  const concealedSource = (file: string): string | undefined => {
    if (!concealed.has(file)) {
      const source = readSource(file);
      concealed.set(file, source === undefined ? undefined : concealCredentials(source, credentialLines.get(file)));
    }
    return concealed.get(file);
  };
  for (const f of sortFindings(findings)) {
    if (f.loc !== undefined) {
      const shown = shownPerFile.get(f.loc.file) ?? 0;
      if (shown >= maxPerFile) {
        leftOut.set(f.loc.file, [...(leftOut.get(f.loc.file) ?? []), f]);
        continue;
      }
      shownPerFile.set(f.loc.file, shown + 1);
    }
    const colour = f.severity === 'error' ? style.red : f.severity === 'warning' ? style.yellow : style.cyan;
    // Paths and names may hold invisible characters (a pasted zero-width space): print them escaped.
    const where = f.loc ? `${visibleText(f.loc.file)}:${f.loc.line}:${f.loc.column}` : '';
    const lines = [`${where ? style.bold(where) + ' ' : ''}${colour(`${f.severity} ${f.code}`)} ${visibleLines(redactUrlPasswords(f.message))}`];
    if (f.path && !f.path.includes('/') && f.loc) lines.push(style.dim(`  at ${f.path}`));
    const frameAt = (loc: SourceLocation): void => {
      // Findings land in CI logs: a source line never shows a credential, least of all the one reported.
      const shown = concealedSource(loc.file);
      const frame = codeFrame(shown, loc.line, loc.column, style);
      if (frame) lines.push(frame);
    };
    if (f.loc) frameAt(f.loc);
    // The other end of a cross-field finding, with its own frame: often the line to change instead.
    for (const related of f.related ?? []) {
      if (related.loc === undefined) {
        lines.push(`  ${redactUrlPasswords(related.message)}`);
        continue;
      }
      lines.push(`  ${redactUrlPasswords(related.message)} set at ${style.bold(`${related.loc.file}:${related.loc.line}:${related.loc.column}`)}`);
      frameAt(related.loc);
    }
    if (f.hint) lines.push(`  ${style.cyan('hint:')} ${visibleLines(f.hint)}`);
    blocks.push(lines.join('\n'));
  }
  for (const [file, rest] of leftOut) {
    blocks.push(style.dim(`… and ${rest.length} more finding${rest.length === 1 ? '' : 's'} in ${visibleText(file)} (${summarizeFindings(rest)}): \`validate --format json\` and \`check --format json\` list every one.`));
  }
  return blocks.join('\n\n');
}

/** Lines (1-based) of each file where a credential was reported (RG327), for every frame to hide. */
function linesOfCredentials(findings: readonly Finding[]): Map<string, Set<number>> {
  const lines = new Map<string, Set<number>>();
  for (const f of findings) {
    if (f.code !== credentialCode || f.loc === undefined) continue;
    lines.set(f.loc.file, (lines.get(f.loc.file) ?? new Set()).add(f.loc.line));
  }
  return lines;
}

/**
 * The source with credentials masked line by line (see redactCredentials); on a line where a credential
 * was reported (RG327) every string literal is masked too, because the value may sit under a key that
 * does not name it (`{ name: 'DB_PASSWORD', value: '…' }`) and a neighbouring finding's frame shows it.
 */
function concealCredentials(source: string, reported: ReadonlySet<number> | undefined): string {
  return source
    .split('\n')
    .map((line, index) => {
      const redacted = redactCredentials(line);
      if (reported === undefined || !reported.has(index + 1)) return redacted;
      return redacted.replace(/(["'`])(?:\\.|(?!\1).)*\1/g, (literal) => `${literal[0]}***${literal[0]}`);
    })
    .join('\n');
}

export function summarizeFindings(findings: readonly Finding[]): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}

export function codeFrame(source: string | undefined, line: number, column: number, style: Style): string | undefined {
  if (source === undefined) return undefined;
  const lines = source.split(/\r?\n/);
  if (line < 1 || line > lines.length) return undefined;
  const first = Math.max(1, line - 1);
  const last = Math.min(lines.length, line + 1);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const raw = (lines[n - 1] ?? '').replace(/\t/g, '  ');
    const text = visibleText(raw);
    const gutter = `${n === line ? '>' : ' '} ${String(n).padStart(width)} | `;
    out.push(n === line ? gutter + text : style.dim(gutter + text));
    // The caret stays under its character when escapes before it widen the line.
    const caret = visibleText(raw.slice(0, Math.max(0, column - 1))).length;
    if (n === line) out.push(`  ${' '.repeat(width)} | ${' '.repeat(caret)}${style.red('^')}`);
  }
  return out.join('\n');
}

/** Stable JSON for machines: version it so consumers can rely on the shape. */
export function formatFindingsJson(findings: readonly Finding[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ version: 1, ...extra, findings: sortFindings(findings) }, null, 2) + '\n';
}
