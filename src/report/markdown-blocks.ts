/**
 * The pieces of the Markdown PR comment, each a string the packer (diff-markdown.ts) measures and
 * places: the header, per environment its essentials (title, problems, dangers, summary table — never
 * cut, only condensed), one `<details>` block per resource, and the note naming what was left out.
 */
import type { ChangeAction, Danger, EnvironmentReport, ResourceReport } from '../diff/types.js';
import { describeRef } from '../core/object-ref.js';
import { codeInfo } from '../errors/catalog.js';
import type { Finding, Severity, SourceLocation } from '../errors/diagnostic.js';
import { codeSpan, escapeHtml, escapeMarkdown, escapeProse, fencedBlock, htmlCode } from './markdown-escape.js';
import { maskResource } from './markdown-mask.js';
import { gatedDanger, type GatedDanger, type GateResult } from '../gate/types.js';
import { gateCounts, gateStatusLine } from './markdown-gate.js';

export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** `2,000`: thousands separated the same way on every machine (no locale data involved). */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${formatCount(n)} ${n === 1 ? word : many}`;
}

const severityIcon: Record<Severity, string> = { error: '⛔', warning: '⚠️', info: 'ℹ️' };
const actionIcon: Record<ChangeAction, string> = { create: '➕', update: '✏️', delete: '🗑️', replace: '♻️', unknown: '❔' };

function where(loc: SourceLocation | undefined, fallback: string): string {
  return loc ? `${loc.file}:${loc.line}` : fallback;
}

/**
 * How much of an environment's essentials to show. 0: every danger and problem with its hint;
 * 1: without hints; 2–4: grouped by code, naming at most 1,200 / 300 / 0 bytes of resources per code.
 */
export type EssentialsLevel = 0 | 1 | 2 | 3 | 4;
export const essentialsLevels: readonly EssentialsLevel[] = [0, 1, 2, 3, 4];
const groupNameBudget: Record<2 | 3 | 4, number> = { 2: 1200, 3: 300, 4: 0 };

/** A list of code spans that stops before `budget` bytes and says how many more there are. */
export function cappedList(items: readonly string[], budget: number): string {
  const shown: string[] = [];
  let used = 0;
  for (const item of items) {
    const text = codeSpan(item);
    if (used + byteLength(text) + 2 > budget) break;
    shown.push(text);
    used += byteLength(text) + 2;
  }
  const rest = items.length - shown.length;
  if (rest === 0) return shown.join(', ');
  return [...shown, `and ${plural(rest, 'more', 'more')}`].join(', ');
}

interface Described {
  readonly finding: Finding;
  /** `RivvenTopic orders-events`, when the finding is about one resource. */
  readonly subject?: string;
  /** `orders-events`: the name alone, for lists grouped by code (the code's title names the kind). */
  readonly name?: string;
  /** A dangerous change's gate status. */
  readonly gated?: GatedDanger;
}

function findingLine(d: Described, withHint: boolean, mask: (t: string) => string): string {
  const f = d.finding;
  const subject = d.subject === undefined ? '' : ` ${codeSpan(d.subject)}`;
  const line = `> - ${severityIcon[f.severity]} **${escapeMarkdown(f.code)}**${subject} ${escapeProse(mask(f.message))} — at ${codeSpan(where(f.loc, f.path))}`;
  // The gate status is never condensed away: it is what the reviewer decides on.
  const status = d.gated === undefined ? '' : `\n${gateStatusLine(d.gated, withHint)}`;
  return withHint && f.hint ? `${line}${status}\n>   <br>Hint: ${escapeProse(mask(f.hint))}` : `${line}${status}`;
}

/** Findings grouped by code: one line per code with its count, title and (some of) the resources. */
function groupedLines(items: readonly Described[], budget: number): string[] {
  const groups = new Map<string, Described[]>();
  for (const d of items) groups.set(d.finding.code, [...(groups.get(d.finding.code) ?? []), d]);
  const lines: string[] = [];
  for (const [code, group] of groups) {
    const first = group[0];
    if (first === undefined) continue;
    const worst = group.some((d) => d.finding.severity === 'error') ? 'error' : first.finding.severity;
    const title = codeInfo(code)?.title ?? first.finding.message;
    const subjects = [...new Set(group.map((d) => d.name ?? d.subject ?? where(d.finding.loc, d.finding.path)))];
    const names = budget > 0 ? `: ${cappedList(subjects, budget)}` : '';
    const counts = gateCounts(group.map((d) => d.gated));
    lines.push(`> - ${severityIcon[worst]} **${escapeMarkdown(code)}** × ${formatCount(group.length)} ${escapeProse(title)}${counts === '' ? '' : ` (${counts})`}${names}`);
  }
  return lines;
}

export function resourceLabel(r: ResourceReport): string {
  return `${r.ref.kind} ${r.ref.name}`;
}

function statusLine(env: EnvironmentReport, gate?: GateResult): { icon: string; text: string } {
  const changes = env.resources.length;
  if (env.status === 'error') return { icon: '❌', text: 'could not be compared' };
  if (env.status === 'unchanged') return { icon: '✅', text: 'no changes' };
  const parts = [plural(changes, 'change')];
  const counts = gate === undefined ? '' : gateCounts(env.dangers.map((d) => gatedDanger(gate, env.name, d)));
  const blocking = gate !== undefined && env.dangers.some((d) => gatedDanger(gate, env.name, d)?.status === 'blocking');
  if (env.dangers.length > 0) parts.push(counts === '' ? '⚠ dangerous' : `⚠ dangerous: ${counts}`);
  if (env.status === 'partial') parts.push('partial');
  const icon = blocking ? '⛔' : env.dangers.length > 0 ? '⚠️' : env.status === 'partial' ? '❔' : '📝';
  return { icon, text: parts.join(', ') };
}

export function environmentTitle(env: EnvironmentReport, continued = false, gate?: GateResult): string {
  const { icon, text } = statusLine(env, gate);
  return continued ? `### ${icon} ${escapeMarkdown(env.name)} (continued)` : `### ${icon} ${escapeMarkdown(env.name)} — ${text}`;
}

function countsTable(env: EnvironmentReport): string {
  const unknown: [string, number][] = env.counts.unknown > 0 ? [['Unknown', env.counts.unknown]] : [];
  const columns: [string, number][] = [
    ['Create', env.counts.create],
    ['Update', env.counts.update],
    ['Delete', env.counts.delete],
    ['Replace', env.counts.replace],
    ...unknown,
    ['Unchanged', env.unchanged],
  ];
  return [
    `| ${columns.map(([h]) => h).join(' | ')} |`,
    `| ${columns.map(() => '---:').join(' | ')} |`,
    `| ${columns.map(([, n]) => formatCount(n)).join(' | ')} |`,
  ].join('\n');
}

/** GitHub's alert boxes: red CAUTION when something is an error, yellow WARNING otherwise. */
function alertKind(findings: readonly Finding[]): 'CAUTION' | 'WARNING' {
  return findings.some((f) => f.severity === 'error') ? 'CAUTION' : 'WARNING';
}

/** Per-resource masking of danger messages (a message could quote a value the resource holds). */
export type MaskFor = (resourceId: string | undefined) => (text: string) => string;

/** Title, namespace, problems, dangers and counts of one environment: never cut, condensed by level. */
export function renderEssentials(env: EnvironmentReport, level: EssentialsLevel, maskFor: MaskFor, gate?: GateResult): string {
  const blocks: string[] = [environmentTitle(env, false, gate)];
  const meta = [`Namespace ${codeSpan(env.namespace === '' ? '(none)' : env.namespace)}`];
  if (env.status === 'partial') meta.push('part of the source could not be read, so changes may be missing');
  blocks.push(meta.join(' · '));
  if (env.problems.length > 0) {
    const items = env.problems.map((finding) => ({ finding }));
    blocks.push(renderFindings(alertKind(env.problems), `Source problems (${env.problems.length})`, items, level, () => maskFor(undefined)));
  }
  if (env.dangers.length > 0) {
    const byId = new Map(env.resources.map((r) => [r.id, r]));
    const items = env.dangers.map((d: Danger) => {
      const r = byId.get(d.resource);
      const gated = gatedDanger(gate, env.name, d);
      return { finding: d, subject: r ? resourceLabel(r) : d.resource, ...(r ? { name: r.ref.name } : {}), resource: d.resource, ...(gated === undefined ? {} : { gated }) };
    });
    blocks.push(renderFindings(alertKind(env.dangers), `Dangerous changes (${env.dangers.length})`, items, level, (i) => maskFor(items[i]?.resource)));
  }
  if (env.notApplied !== undefined && env.notApplied.length > 0) {
    const items = env.notApplied.map((finding) => ({ finding }));
    blocks.push(renderFindings('WARNING', `Not applied by Rivven 0.0.22 (${env.notApplied.length})`, items, level, () => maskFor(undefined)));
  }
  if (env.status !== 'error') blocks.push(countsTable(env));
  return blocks.join('\n\n');
}

function renderFindings(
  kind: 'CAUTION' | 'WARNING',
  heading: string,
  items: readonly Described[],
  level: EssentialsLevel,
  maskOf: (index: number) => (t: string) => string,
): string {
  const lines = level >= 2 ? groupedLines(items, groupNameBudget[level === 2 ? 2 : level === 3 ? 3 : 4]) : items.map((d, i) => findingLine(d, level === 0, maskOf(i)));
  return [`> [!${kind}]`, `> **${heading}**`, '>', ...lines].join('\n');
}

/** Top-of-comment problems not tied to an environment. */
export function renderGlobalProblems(problems: readonly Finding[], level: EssentialsLevel): string {
  if (problems.length === 0) return '';
  return renderFindings(alertKind(problems), `Problems (${problems.length})`, problems.map((finding) => ({ finding })), level, () => (t) => t);
}

export interface ResourceBlock {
  readonly label: string;
  readonly dangerous: boolean;
  readonly text: string;
  readonly bytes: number;
  /** Masks long secret values of this resource in other text (danger messages). */
  readonly mask: (text: string) => string;
}

function summaryHtml(r: ResourceReport, summary: string): string {
  const prefix = `${r.ref.name}: `;
  const body = summary.startsWith(prefix) ? `<b>${escapeHtml(r.ref.name)}</b>: ${escapeHtml(summary.slice(prefix.length))}` : escapeHtml(summary);
  const parts = [`${actionIcon[r.action]} ${htmlCode(r.action)} ${escapeHtml(r.ref.kind)} ${body}`];
  if (r.loc) parts.push(htmlCode(where(r.loc, '')));
  if (r.dangerCodes.length > 0) parts.push(`⚠️ ${r.dangerCodes.map((c) => escapeHtml(c)).join(', ')}`);
  return parts.join(' · ');
}

/** One resource: a collapsed `<details>` whose summary line says what and where, then its diff. */
export function renderResource(r: ResourceReport): ResourceBlock {
  const masked = maskResource(r);
  const lines = [`<details><summary>${summaryHtml(r, masked.summary)}</summary>`, ''];
  lines.push(`${codeSpan(describeRef(r.ref))}${r.ref.group === '' ? '' : ` (${escapeMarkdown(r.ref.group)})`}`, '');
  if (r.action === 'replace' && r.immutable.length > 0) {
    lines.push(`Immutable fields changed, so the object is deleted and created again: ${r.immutable.map(codeSpan).join(', ')}`, '');
  }
  if (r.action === 'unknown') lines.push('Not known: the source could not be read for this kind, so this may be a create or nothing.', '');
  if (masked.diff !== '') lines.push(fencedBlock('diff', masked.diff), '');
  lines.push('</details>');
  const text = lines.join('\n');
  return { label: `${resourceLabel(r)}`, dangerous: r.dangerCodes.length > 0, text, bytes: byteLength(text), mask: masked.mask };
}

/** The note that names the resources left out and how to see them. */
export function renderOmitted(env: EnvironmentReport, labels: readonly string[], against: string, budget: number): string {
  const command = `rivven-gitops diff --against ${against} --env ${env.name}`;
  const head = `> [!NOTE]\n> **${plural(labels.length, 'resource')} omitted** to keep this comment under GitHub's size limit (largest diffs first): `;
  const tail = `.\n> Run ${codeSpan(command)} locally for the full diff.`;
  const list = cappedList(labels, Math.max(0, budget - byteLength(head) - byteLength(tail)));
  return `${head}${list}${tail}`;
}
