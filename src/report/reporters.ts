/**
 * The one registry of reporters: a command picks one by `--format` and writes what it returns. Findings
 * (validate, check) and diffs each have their own small table; reporters are pure and return strings.
 * Diff renderers are imported when used, so a command that prints findings never loads them.
 */
import type { DiffReport } from '../diff/types.js';
import type { Finding } from '../errors/diagnostic.js';
import type { GateResult } from '../gate/types.js';
import { formatFindingsJson, formatFindingsText, type SourceReader } from './format-findings.js';
import type { Style } from './style.js';

/** What a command prints: text for stdout and text for stderr (either may be empty). */
export interface ReportOutput {
  readonly stdout: string;
  readonly stderr: string;
}

/** The findings of a command that judges the fleet (validate, check). */
export interface FindingsReport {
  readonly findings: readonly Finding[];
  readonly ok: boolean;
  readonly environments: readonly string[];
  /** Which environments were checked when the fleet did not validate (check only). */
  readonly coverage?: { readonly checked: readonly string[]; readonly unchecked: readonly string[] };
  /** The closing line of the text form, without its mark: `valid (dev, prod): 0 errors, 1 warning`. */
  readonly headline: string;
}

export interface FindingsReporterContext {
  readonly style: Style;
  /** Reads a project file for code frames. */
  readonly readSource: SourceReader;
}

export type FindingsReporter = (report: FindingsReport, context: FindingsReporterContext) => ReportOutput;

export const findingsReporters = {
  /** Findings with code frames, then a ✔/✘ headline; on stdout when ok, on stderr otherwise. */
  text: (report, { style, readSource }) => {
    const body = formatFindingsText(report.findings, style, readSource);
    const mark = report.ok ? style.green('✔') : style.red('✘');
    const text = `${body ? `${body}\n\n` : ''}${mark} ${report.headline}\n`;
    return report.ok ? { stdout: text, stderr: '' } : { stdout: '', stderr: text };
  },
  /** `{ version: 1, ok, environments, [checked, unchecked,] findings }` on stdout. */
  json: (report) => {
    const coverage = report.coverage === undefined ? {} : { checked: report.coverage.checked, unchecked: report.coverage.unchecked };
    return { stdout: formatFindingsJson(report.findings, { ok: report.ok, environments: report.environments, ...coverage }), stderr: '' };
  },
} as const satisfies Record<string, FindingsReporter>;

export type FindingsFormat = keyof typeof findingsReporters;

export interface DiffReporterOptions {
  readonly style: Style;
  /** markdown: the commit the comment describes. */
  readonly commit?: string;
  /** markdown: numbered comment parts instead of one cut to fit. */
  readonly split?: boolean;
  /** The gate's verdict and each danger's status (blocking or acknowledged), shown by every format. */
  readonly gate?: GateResult;
}

export type DiffReporter = (report: DiffReport, options: DiffReporterOptions) => Promise<string>;

export const diffReporters = {
  text: async (report, { style, gate }) => (await import('./diff-text.js')).renderDiffText(report, style, gate),
  /** A versioned schema, see diff-json.ts. */
  json: async (report, { gate }) => (await import('./diff-json.js')).renderDiffJson(report, gate),
  /** A pull-request comment (docs/pr-comments.md). */
  markdown: async (report, options) => {
    const { renderDiffMarkdown, renderDiffMarkdownParts } = await import('./diff-markdown.js');
    const markdownOptions = { ...(options.commit === undefined ? {} : { commit: options.commit }), ...(options.gate === undefined ? {} : { gate: options.gate }) };
    // Split parts are written one after another; each starts with its own marker, which is how the
    // comment command tells them apart.
    const body = options.split ? renderDiffMarkdownParts(report, markdownOptions).join('\n') : renderDiffMarkdown(report, markdownOptions);
    return body.endsWith('\n') ? body : `${body}\n`;
  },
} as const satisfies Record<string, DiffReporter>;

export type DiffFormat = keyof typeof diffReporters;

/** True when `format` names a reporter of `registry`. */
export function isFormatOf<R extends object>(registry: R, format: string): format is Extract<keyof R, string> {
  return Object.hasOwn(registry, format);
}

/** The formats of a registry as a usage message lists them: `text or json`, `text, json or markdown`. */
export function formatNames(registry: object): string {
  const names = Object.keys(registry);
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1] ?? ''}`;
}
