/**
 * The diff as text for a terminal: per environment a status line, the dangerous changes first (never
 * hidden), then each changed resource with its one-line summary, the config line behind it and a
 * coloured unified diff of its YAML. Returns a string; the CLI prints it.
 */
import { maskResource } from './markdown-mask.js';
import type { Style } from './style.js';
import { describeRef } from '../core/object-ref.js';
import type { ChangeAction, DiffReport, EnvironmentReport, ResourceReport } from '../diff/types.js';
import type { Finding } from '../errors/diagnostic.js';
import { gatedDanger, type GateResult } from '../gate/types.js';

const symbols: Record<ChangeAction, string> = { create: '+', update: '~', delete: '-', replace: '±', unknown: '?' };

function actionColour(style: Style, action: ChangeAction): (s: string) => string {
  if (action === 'create') return style.green;
  if (action === 'delete' || action === 'replace') return style.red;
  if (action === 'unknown') return style.dim;
  return style.yellow;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function where(f: { readonly loc?: { file: string; line: number; column: number } }): string {
  return f.loc ? `${f.loc.file}:${f.loc.line}:${f.loc.column}` : '';
}

function formatFinding(f: Finding, style: Style, indent: string): string[] {
  const colour = f.severity === 'error' ? style.red : f.severity === 'warning' ? style.yellow : style.cyan;
  const at = where(f);
  const lines = [`${indent}${colour(`${f.severity} ${f.code}`)} ${f.message}`];
  lines.push(`${indent}  ${style.dim(`at ${f.path}`)}${at ? ` ${style.bold(at)}` : ''}`);
  if (f.hint) lines.push(`${indent}  ${style.cyan('hint:')} ${f.hint}`);
  return lines;
}

function colourDiff(diff: string, style: Style, indent: string): string[] {
  const lines = diff.endsWith('\n') ? diff.slice(0, -1).split('\n') : diff.split('\n');
  return lines.map((line) => {
    if (line.startsWith('+++') || line.startsWith('---')) return indent + style.bold(line);
    if (line.startsWith('@@')) return indent + style.cyan(line);
    if (line.startsWith('+')) return indent + style.green(line);
    if (line.startsWith('-')) return indent + style.red(line);
    if (line.startsWith('\\')) return indent + style.dim(line);
    return indent + line;
  });
}

function formatResource(r: ResourceReport, style: Style): string[] {
  // Secret-looking values (connector config, env, ConfigMap data) never reach a terminal or CI log.
  const masked = maskResource(r);
  const colour = actionColour(style, r.action);
  const codes = r.dangerCodes.length > 0 ? ` ${style.red(`[${r.dangerCodes.join(', ')}]`)}` : '';
  const lines = [`  ${colour(`${symbols[r.action]} ${r.action.padEnd(7)}`)} ${style.bold(describeRef(r.ref))}${codes}`, `      ${masked.summary}`];
  const at = where(r);
  if (at) lines.push(`      ${style.dim('from')} ${at}`);
  if (r.immutable.length > 0) lines.push(`      ${style.dim('immutable:')} ${r.immutable.join(', ')}`);
  if (masked.diff !== '') lines.push(...colourDiff(masked.diff, style, '      '));
  return lines;
}

function countsText(env: EnvironmentReport): string {
  const { counts } = env;
  const parts = (['create', 'update', 'replace', 'delete', 'unknown'] as const)
    .filter((a) => counts[a] > 0)
    .map((a) => (a === 'unknown' ? `${counts[a]} unknown` : `${counts[a]} to ${a}`));
  return parts.join(', ');
}

function dangerCounts(env: EnvironmentReport): string {
  const errors = env.dangers.filter((d) => d.severity === 'error').length;
  const warnings = env.dangers.length - errors;
  const parts = [...(errors > 0 ? [plural(errors, 'dangerous change')] : []), ...(warnings > 0 ? [plural(warnings, 'warning')] : [])];
  return parts.length > 0 ? `; ${parts.join(', ')}` : '';
}

function formatEnvironment(env: EnvironmentReport, against: string, style: Style, gate: GateResult | undefined): string {
  const title = `${style.bold(env.name)} ${style.dim(`(namespace ${env.namespace}) against ${against}`)}`;
  const lines: string[] = [];
  if (env.status === 'error') lines.push(`${style.red('✘')} ${title}: could not be compared`);
  else if (env.status === 'unchanged') lines.push(`${style.green('✔')} ${title}: no changes (${plural(env.unchanged, 'object')} up to date)`);
  else {
    const mark = env.status === 'partial' ? style.yellow('◐') : style.yellow('●');
    lines.push(`${mark} ${title}: ${countsText(env)}${dangerCounts(env)}${env.status === 'partial' ? style.yellow(' (partial: part of the source could not be read)') : ''}`);
  }
  if (env.dangers.length > 0) {
    lines.push('', `  ${style.bold('Dangerous changes')}`);
    for (const d of env.dangers) {
      lines.push(...formatFinding(d, style, '    '));
      const gated = gatedDanger(gate, env.name, d);
      if (gated?.acknowledgement !== undefined) {
        const a = gated.acknowledgement;
        lines.push(`      ${style.green('acknowledged')} by ${a.author.name} <${a.author.email}> in ${a.commit.slice(0, 7)}: ${a.reason}`);
      } else if (gated !== undefined) {
        lines.push(`      ${style.red('blocking')}: not acknowledged (trailer: Rivven-Acknowledge: ${gated.acknowledgeAs} <reason>)`);
      }
    }
  }
  if (env.problems.length > 0) {
    lines.push('', `  ${style.bold('Source problems')}`);
    for (const p of env.problems) lines.push(...formatFinding(p, style, '    '));
  }
  if (env.notApplied !== undefined && env.notApplied.length > 0) {
    lines.push('', `  ${style.bold('Not applied by Rivven 0.0.22')}`);
    for (const n of env.notApplied) lines.push(...formatFinding(n, style, '    '));
  }
  for (const r of env.resources) lines.push('', ...formatResource(r, style));
  if (env.ignored.length > 0) {
    lines.push('', `  ${style.dim(`${plural(env.ignored.length, 'object')} in the source ${env.ignored.length === 1 ? 'is' : 'are'} not rivven-gitops's and ${env.ignored.length === 1 ? 'was' : 'were'} left out (server-created or managed by others)`)}`);
  }
  return lines.join('\n');
}

/** The gate's one line: its verdict, the dangers by status and where the acknowledgements came from. */
function gateLine(gate: GateResult, style: Style): string {
  const blocking = gate.dangers.filter((d) => d.status === 'blocking').length;
  const acknowledged = gate.dangers.length - blocking;
  const verdict = gate.verdict === 'blocked' ? style.red('blocked') : gate.verdict === 'error' ? style.red('error') : gate.verdict === 'changes' ? style.yellow('changes') : style.green('pass');
  const counts = gate.dangers.length === 0 ? 'no dangerous changes' : `${blocking} blocking, ${acknowledged} acknowledged`;
  const from = gate.acknowledgeFrom === undefined ? 'no commits read for acknowledgements' : `acknowledgements from ${gate.acknowledgeFrom}`;
  return `gate (--fail-on ${gate.failOn}): ${verdict} (exit ${gate.exitCode}): ${counts}; ${from}`;
}

/** The whole report as text, ending with a one-line summary (and the gate's line when there is one). */
export function renderDiffText(report: DiffReport, style: Style, gate?: GateResult): string {
  const blocks: string[] = [];
  if (report.problems.length > 0) blocks.push(report.problems.flatMap((p) => formatFinding(p, style, '')).join('\n'));
  if (gate !== undefined && gate.problems.length > 0) {
    blocks.push([style.bold('Acknowledgements that acknowledge nothing'), ...gate.problems.flatMap((p) => formatFinding(p, style, '  '))].join('\n'));
  }
  for (const env of report.environments) blocks.push(formatEnvironment(env, report.against, style, gate));
  const changed = report.environments.filter((e) => e.status === 'changed' || e.status === 'partial').length;
  const failed = report.environments.filter((e) => e.status === 'error').length;
  const dangers = report.environments.reduce((n, e) => n + e.dangers.filter((d) => d.severity === 'error').length, 0);
  const summary = [
    `${plural(report.environments.length, 'environment')}: ${changed} with changes`,
    ...(failed > 0 ? [`${failed} not compared`] : []),
    ...(dangers > 0 ? [style.red(plural(dangers, 'dangerous change'))] : []),
  ].join(', ');
  blocks.push(gate === undefined ? summary : `${summary}\n${gateLine(gate, style)}`);
  return `${blocks.join('\n\n')}\n`;
}
