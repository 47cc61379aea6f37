/**
 * `rivven-gitops diff --format markdown`: the pull-request comment. A hidden marker first (so the
 * comment is found and updated in place), then per environment its title with status, the dangerous
 * changes (never collapsed), a summary table, and one collapsed `<details>` per resource with its
 * one-line summary, the config line behind it and a fenced unified diff.
 *
 * Size. GitHub refuses comments over 65,536 characters; the body stays under `maxBytes` UTF-8 bytes
 * (65,000 by default, which is also under the character limit). The essentials of every environment
 * (title, problems, dangers, summary table) are always kept; when they alone are too large they are
 * condensed (hints dropped, then dangers grouped by code with counts). Resources are then kept by
 * priority: resources with dangerous changes first, then the smallest diffs first, so the LARGEST
 * diffs are cut first and as many resources as possible stay readable; each environment names what
 * was cut and the command that shows it. Cuts are between whole blocks, so never inside a UTF-8
 * character or a fenced block. `renderDiffMarkdownParts` (`--split`) packs the same blocks into
 * numbered comments instead of cutting, up to `maxParts`.
 *
 * Secret-looking values in connector configs and env entries are masked (markdown-mask.ts). Pure.
 */
import type { DiffReport, EnvironmentReport } from '../diff/types.js';
import { InternalError } from '../errors/diagnostic.js';
import {
  byteLength,
  environmentTitle,
  essentialsLevels,
  renderEssentials,
  renderGlobalProblems,
  renderOmitted,
  renderResource,
  type EssentialsLevel,
  type ResourceBlock,
} from './markdown-blocks.js';
import { codeSpan } from './markdown-escape.js';
import { formatMarker } from './markdown-marker.js';
import { truncateMarkdown } from './markdown-truncate.js';
import { gateOverview, gateTitle, renderGateProblems } from './markdown-gate.js';
import type { GateResult } from '../gate/types.js';

export interface DiffMarkdownOptions {
  /** The commit the comment describes (the PR's head); shown and put in the marker. */
  readonly commit?: string;
  /** Upper bound of each comment body in UTF-8 bytes. @default 65_000 */
  readonly maxBytes?: number;
  /** `renderDiffMarkdownParts` only: at most this many comments; beyond, resources are cut. @default 10 */
  readonly maxParts?: number;
  /** The gate (docs/danger-gate.md): dangers shown blocking or acknowledged, the verdict in the title. */
  readonly gate?: GateResult;
}

export const defaultMaxBytes = 65_000;
const defaultMaxParts = 10;
/** Bytes set aside per environment for the note naming omitted resources. */
const noticeBudget = 1_000;
const separator = '\n\n';

interface Section {
  readonly env: EnvironmentReport;
  readonly index: number;
  readonly resources: readonly ResourceBlock[];
  readonly maskFor: (id: string | undefined) => (text: string) => string;
  readonly gate: GateResult | undefined;
}

interface Candidate {
  readonly section: number;
  readonly order: number;
  readonly block: ResourceBlock;
}

function buildSections(report: DiffReport, gate: GateResult | undefined): Section[] {
  return report.environments.map((env, index) => {
    const resources = env.resources.map(renderResource);
    const masks = new Map(env.resources.map((r, i) => [r.id, resources[i]?.mask ?? ((t: string) => t)]));
    return { env, index, resources, gate, maskFor: (id) => (id === undefined ? (t) => t : (masks.get(id) ?? ((t) => t))) };
  });
}

function shortCommit(commit: string): string {
  return /^[0-9a-f]{12,}$/i.test(commit) ? commit.slice(0, 7) : commit;
}

function renderHeader(report: DiffReport, options: DiffMarkdownOptions, part?: { index: number; total: number }): string {
  const environments = report.environments.map((e) => e.name);
  const marker = formatMarker({ environments, ...(options.commit ? { commit: options.commit } : {}), ...(part ? { part } : {}) });
  const title = `${part && part.total > 1 ? `## rivven-gitops diff (part ${part.index} of ${part.total})` : '## rivven-gitops diff'}${gateTitle(options.gate)}`;
  const changed = report.environments.filter((e) => e.status === 'changed' || e.status === 'partial').length;
  const dangerous = report.environments.filter((e) => e.dangers.length > 0).length;
  const failed = report.environments.filter((e) => e.status === 'error').length;
  const overview = [
    `${report.environments.length} environment${report.environments.length === 1 ? '' : 's'}`,
    `${changed} with changes`,
    ...(dangerous > 0 ? [`⚠ ${dangerous} with dangerous changes`] : []),
    ...(failed > 0 ? [`${failed} not compared`] : []),
    ...gateOverview(options.gate),
  ];
  const against = `Compared with ${codeSpan(report.against)}${options.commit ? ` at ${codeSpan(shortCommit(options.commit))}` : ''}`;
  return `${marker}\n${title}\n\n${against} · ${overview.join(' · ')}`;
}

function join(blocks: readonly string[]): string {
  return `${blocks.filter((b) => b !== '').join(separator)}\n`;
}

function validate(options: DiffMarkdownOptions): { maxBytes: number; maxParts: number } {
  const maxBytes = options.maxBytes ?? defaultMaxBytes;
  const maxParts = options.maxParts ?? defaultMaxParts;
  if (!Number.isInteger(maxBytes) || maxBytes < 2_000) throw new InternalError(`maxBytes must be an integer of at least 2000, not ${maxBytes}`);
  if (!Number.isInteger(maxParts) || maxParts < 1 || maxParts > 99) throw new InternalError(`maxParts must be an integer from 1 to 99, not ${maxParts}`);
  return { maxBytes, maxParts };
}

/** Dangerous resources first, then smallest first: the largest diffs are the first to be cut. */
function byPriority(a: Candidate, b: Candidate): number {
  return Number(b.block.dangerous) - Number(a.block.dangerous) || a.block.bytes - b.block.bytes || a.section - b.section || a.order - b.order;
}

function candidatesOf(sections: readonly Section[]): Candidate[] {
  return sections.flatMap((s) => s.resources.map((block, order) => ({ section: s.index, order, block }))).sort(byPriority);
}

/**
 * Picks the resources to show within `budget` bytes, given that every section with an omitted resource
 * costs `noticeBudget`. Returns the chosen keys (`section:order`).
 */
function selectResources(sections: readonly Section[], budget: number, maxBlock = Infinity): Set<string> {
  const chosen = new Set<string>();
  const withResources = sections.filter((s) => s.resources.length > 0);
  let remaining = budget - withResources.length * noticeBudget;
  const candidates = candidatesOf(sections);
  const pass = () => {
    for (const c of candidates) {
      const key = `${c.section}:${c.order}`;
      const cost = c.block.bytes + separator.length;
      if (chosen.has(key) || c.block.bytes > maxBlock || cost > remaining) continue;
      chosen.add(key);
      remaining -= cost;
    }
  };
  pass();
  // Environments that lost nothing need no note: their reserve goes to the others.
  const complete = withResources.filter((s) => s.resources.every((_, order) => chosen.has(`${s.index}:${order}`))).length;
  if (complete > 0 && complete < withResources.length) {
    remaining += complete * noticeBudget;
    pass();
  }
  return chosen;
}

interface EnvironmentOutput {
  readonly essentials: string;
  readonly resources: readonly string[];
  readonly omitted: string;
}

function environmentOutput(section: Section, level: EssentialsLevel, chosen: ReadonlySet<string> | undefined, against: string): EnvironmentOutput {
  const essentials = renderEssentials(section.env, level, section.maskFor, section.gate);
  const shown = section.resources.filter((_, order) => chosen === undefined || chosen.has(`${section.index}:${order}`));
  const omitted = section.resources.filter((_, order) => chosen !== undefined && !chosen.has(`${section.index}:${order}`)).map((b) => b.label);
  return {
    essentials,
    resources: shown.map((b) => b.text),
    omitted: omitted.length > 0 ? renderOmitted(section.env, omitted, against, noticeBudget) : '',
  };
}

function essentialsBytes(report: DiffReport, sections: readonly Section[], level: EssentialsLevel, header: string): number {
  const blocks = [header, globalBlocks(report, level, sections[0]?.gate), ...sections.map((s) => renderEssentials(s.env, level, s.maskFor, s.gate))].filter((b) => b !== '');
  return blocks.reduce((n, b) => n + byteLength(b) + separator.length, 0) + 1;
}

const cutNotice = '> [!NOTE]\n> **The rest of this comment was cut** to stay under GitHub\'s size limit. Run `rivven-gitops diff` locally for the full diff.';

/** Problems not tied to an environment: the source's, then the trailers that acknowledged nothing. */
function globalBlocks(report: DiffReport, level: EssentialsLevel, gate: GateResult | undefined): string {
  return [renderGlobalProblems(report.problems, level), renderGateProblems(gate?.problems ?? [], level === 0, level >= 2)].filter((b) => b !== '').join(separator);
}

/** The comment body, at most `maxBytes` UTF-8 bytes. */
export function renderDiffMarkdown(report: DiffReport, options: DiffMarkdownOptions = {}): string {
  const { maxBytes } = validate(options);
  const sections = buildSections(report, options.gate);
  const header = renderHeader(report, options);
  const assemble = (level: EssentialsLevel, chosen?: ReadonlySet<string>) => {
    const blocks = [header, globalBlocks(report, level, options.gate)];
    for (const s of sections) {
      const out = environmentOutput(s, level, chosen, report.against);
      blocks.push(out.essentials, ...out.resources, out.omitted);
    }
    return join(blocks);
  };
  const full = assemble(0);
  if (byteLength(full) <= maxBytes) return full;
  const withResources = sections.filter((s) => s.resources.length > 0).length;
  const level = essentialsLevels.find((l) => essentialsBytes(report, sections, l, header) + withResources * (noticeBudget + separator.length) <= maxBytes);
  if (level === undefined) return truncateMarkdown(assemble(4, new Set()), maxBytes, cutNotice);
  const budget = maxBytes - essentialsBytes(report, sections, level, header) - withResources * separator.length;
  const body = assemble(level, selectResources(sections, budget));
  return truncateMarkdown(body, maxBytes, cutNotice);
}

/**
 * The comment as numbered parts (`--split`), each at most `maxBytes`: blocks in reading order, an
 * environment continued on the next part under a "(continued)" title. A resource larger than a part,
 * or beyond `maxParts` parts, is cut as in `renderDiffMarkdown` and named in its environment's note.
 */
export function renderDiffMarkdownParts(report: DiffReport, options: DiffMarkdownOptions = {}): string[] {
  const { maxBytes, maxParts } = validate(options);
  const sections = buildSections(report, options.gate);
  // Room for the longest header any part can have (two-digit part numbers).
  const headerBytes = byteLength(renderHeader(report, options, { index: 99, total: 99 }));
  const room = maxBytes - headerBytes - separator.length - 1;
  const level = essentialsLevels.find((l) => sections.every((s) => byteLength(renderEssentials(s.env, l, s.maskFor, s.gate)) + noticeBudget + separator.length <= room)) ?? 4;
  const largestContinuation = Math.max(0, ...sections.map((s) => byteLength(environmentTitle(s.env, true)) + separator.length));
  const maxBlock = room - largestContinuation - separator.length;
  const essentials = sections.reduce((n, s) => n + byteLength(renderEssentials(s.env, level, s.maskFor, s.gate)) + separator.length, 0) + byteLength(globalBlocks(report, level, options.gate));
  const all = new Set(sections.flatMap((s) => s.resources.map((_, order) => `${s.index}:${order}`)));
  let chosen = selectResources(sections, Infinity, maxBlock);
  for (let factor = 1; factor > 0; factor -= 0.1) {
    const parts = packParts(report, sections, level, chosen.size === all.size ? undefined : chosen, room);
    if (parts.length <= maxParts) return finishParts(report, options, parts, maxBytes);
    chosen = selectResources(sections, Math.floor(maxParts * room * factor) - essentials, maxBlock);
  }
  return finishParts(report, options, packParts(report, sections, level, new Set(), room).slice(0, maxParts), maxBytes);
}

function packParts(report: DiffReport, sections: readonly Section[], level: EssentialsLevel, chosen: ReadonlySet<string> | undefined, room: number): string[][] {
  const parts: string[][] = [];
  let current: string[] = [];
  let used = 0;
  const place = (block: string, continuation: string | undefined) => {
    const size = byteLength(block) + separator.length;
    if (current.length > 0 && used + size > room) {
      parts.push(current);
      current = [];
      used = 0;
      if (continuation !== undefined) {
        current.push(continuation);
        used += byteLength(continuation) + separator.length;
      }
    }
    current.push(block);
    used += size;
  };
  const global = globalBlocks(report, level, sections[0]?.gate);
  if (global !== '') place(global, undefined);
  for (const s of sections) {
    const out = environmentOutput(s, level, chosen, report.against);
    place(out.essentials, undefined);
    const continuation = environmentTitle(s.env, true);
    for (const r of out.resources) place(r, continuation);
    if (out.omitted !== '') place(out.omitted, continuation);
  }
  if (current.length > 0) parts.push(current);
  return parts;
}

function finishParts(report: DiffReport, options: DiffMarkdownOptions, parts: readonly string[][], maxBytes: number): string[] {
  const total = Math.max(1, parts.length);
  const bodies = parts.length === 0 ? [[]] : parts;
  return bodies.map((blocks, i) => truncateMarkdown(join([renderHeader(report, options, { index: i + 1, total }), ...blocks]), maxBytes, cutNotice));
}
