/**
 * The gate in the pull-request comment (docs/danger-gate.md): each dangerous change marked blocking or
 * acknowledged (by whom, in which commit, why), the verdict in the comment's title, and the trailers
 * that acknowledged nothing. The author shown is the commit's: whoever wrote the commit wrote the
 * trailer, and the pull-request review is what accepts it.
 */
import type { GatedDanger, GateResult } from '../gate/types.js';
import type { Finding } from '../errors/diagnostic.js';
import { codeSpan, escapeProse } from './markdown-escape.js';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Commit text is the author's: a very long one is clipped (the JSON output has it whole). */
function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** The second line of a danger's entry: `✅ acknowledged by … in abc1234: reason` or `⛔ blocking — …`. */
export function gateStatusLine(gated: GatedDanger, withHowTo: boolean): string {
  const a = gated.acknowledgement;
  if (a !== undefined) return `>   <br>✅ **acknowledged** by ${escapeProse(clip(a.author.name, 100))} in ${codeSpan(a.commit.slice(0, 7))}: ${escapeProse(clip(a.reason, 500))}`;
  const howTo = withHowTo ? ` — to accept it, add ${codeSpan(`Rivven-Acknowledge: ${gated.acknowledgeAs} <reason>`)} to a commit message of this pull request` : '';
  return `>   <br>⛔ **blocking**: not acknowledged${howTo}`;
}

/** `1 blocking, 2 acknowledged` for a group of dangers. */
export function gateCounts(gated: readonly (GatedDanger | undefined)[]): string {
  const known = gated.filter((g): g is GatedDanger => g !== undefined);
  if (known.length === 0) return '';
  const blocking = known.filter((g) => g.status === 'blocking').length;
  return [...(blocking > 0 ? [`${blocking} blocking`] : []), ...(known.length - blocking > 0 ? [`${known.length - blocking} acknowledged`] : [])].join(', ');
}

/** What the comment's title adds: the verdict, when there are dangers or the gate failed. */
export function gateTitle(gate: GateResult | undefined): string {
  if (gate === undefined) return '';
  const blocking = gate.dangers.filter((d) => d.status === 'blocking').length;
  const acknowledged = gate.dangers.length - blocking;
  if (gate.verdict === 'blocked') return ` — ⛔ blocked: ${plural(blocking, 'dangerous change')} not acknowledged`;
  if (blocking > 0) return ` — ⚠️ ${plural(blocking, 'dangerous change')} not acknowledged`;
  if (acknowledged > 0) return ` — ✅ ${plural(acknowledged, 'dangerous change')} acknowledged`;
  return '';
}

/** The overview's gate entry: `gate: blocked (--fail-on danger)`. */
export function gateOverview(gate: GateResult | undefined): string[] {
  if (gate === undefined) return [];
  const from = gate.acknowledgeFrom === undefined ? '' : `, acknowledgements from ${codeSpan(gate.acknowledgeFrom.replace(/^git:/, ''))}`;
  return [`gate ${codeSpan(`--fail-on ${gate.failOn}`)}: **${gate.verdict}**${from}`];
}

/**
 * The trailers that acknowledged nothing: a warning box so a typo is seen. `condensed` (a comment near
 * GitHub's size limit) keeps the first few and counts the rest, so a commit full of bad trailers cannot
 * push the dangers out of the comment.
 */
export function renderGateProblems(problems: readonly Finding[], withHints: boolean, condensed = false): string {
  if (problems.length === 0) return '';
  const shown = condensed ? problems.slice(0, condensedProblems) : problems;
  const lines = shown.map((p) => {
    const line = `> - ⚠️ **${p.code}** ${escapeProse(p.message)}`;
    return withHints && p.hint ? `${line}\n>   <br>Hint: ${escapeProse(p.hint)}` : line;
  });
  if (shown.length < problems.length) lines.push(`> - and ${problems.length - shown.length} more (\`diff --format json\` lists every one under \`gate.problems\`)`);
  return ['> [!WARNING]', `> **Acknowledgements that acknowledge nothing (${problems.length})**`, '>', ...lines].join('\n');
}

const condensedProblems = 5;
