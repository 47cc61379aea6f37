/**
 * The gate over a diff report (docs/danger-gate.md): read the `Rivven-Acknowledge:` trailers of the
 * commits in the range — given (`git:BASE..HEAD`) or, when the diff compares with `git:REF`, `REF..HEAD`:
 * the commits of this change and nothing older — and judge the report with `--fail-on`.
 */
import type { DiffReport } from '../diff/types.js';
import type { Finding } from '../errors/diagnostic.js';
import { evaluateGate } from '../gate/evaluate-gate.js';
import { parseAcknowledgements } from '../gate/parse-acknowledgements.js';
import type { Acknowledgement, FailOn, GateResult } from '../gate/types.js';
import type { SourceSpec } from '../live/source.js';

export interface GateOptions {
  readonly root: string;
  readonly failOn: FailOn;
  /** The commits to read acknowledgements from; default: `REF..HEAD` when the source is `git:REF`, else none. */
  readonly acknowledgeFrom?: { readonly base: string; readonly head: string };
  /** The diff's source, to derive the range from. */
  readonly source: SourceSpec;
}

/** The range the acknowledgements are read from, if any. */
export function acknowledgementRange(options: Pick<GateOptions, 'acknowledgeFrom' | 'source'>): { base: string; head: string } | undefined {
  if (options.acknowledgeFrom !== undefined) return options.acknowledgeFrom;
  return options.source.type === 'git' ? { base: options.source.ref, head: 'HEAD' } : undefined;
}

/** Throws UserError RG724 when the range cannot be read. */
export async function gateDiff(report: DiffReport, options: GateOptions): Promise<GateResult> {
  const range = acknowledgementRange(options);
  let acknowledgements: Acknowledgement[] = [];
  let problems: Finding[] = [];
  if (range !== undefined) {
    const { readCommits } = await import('../live/git-commits.js');
    ({ acknowledgements, problems } = parseAcknowledgements(await readCommits(options.root, range.base, range.head)));
  }
  return evaluateGate({
    report,
    failOn: options.failOn,
    acknowledgements,
    problems,
    ...(range === undefined ? {} : { acknowledgeFrom: `git:${range.base}..${range.head}` }),
  });
}
