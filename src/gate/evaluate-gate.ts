/**
 * The gate: which dangerous changes of a diff are acknowledged, and the verdict `--fail-on` turns into
 * an exit code. An acknowledgement names a code, an environment and an object (by name, or Kind/name
 * when several kinds share the name); it acknowledges exactly the dangers with that code on that object
 * in that environment, and nothing else. Pure: the commits are read elsewhere.
 */
import type { Danger, DiffReport, EnvironmentReport } from '../diff/types.js';
import { finding } from '../errors/catalog.js';
import type { Finding } from '../errors/diagnostic.js';
import type { Acknowledgement, FailOn, GatedDanger, GateResult, GateVerdict } from './types.js';
import { gateExitCodes } from './types.js';

interface DangerTarget {
  readonly environment: string;
  readonly danger: Danger;
  readonly kind: string;
  readonly name: string;
}

function targetsOf(env: EnvironmentReport): DangerTarget[] {
  const refs = new Map(env.resources.map((r) => [r.id, r.ref]));
  return env.dangers.map((danger) => {
    const ref = refs.get(danger.resource);
    // A danger always names a resource of its environment; the id's last two segments are a fallback.
    const segments = danger.resource.split('/');
    return { environment: env.name, danger, kind: ref?.kind ?? segments[1] ?? '', name: ref?.name ?? segments[segments.length - 1] ?? '' };
  });
}

function sameKind(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** The shortest trailer target that names this danger alone among the environment's dangers of its code. */
function acknowledgeAs(target: DangerTarget, all: readonly DangerTarget[]): string {
  const clash = all.some((t) => t.environment === target.environment && t.danger.code === target.danger.code && t.name === target.name && !sameKind(t.kind, target.kind));
  return `${target.danger.code} ${target.environment}/${clash ? `${target.kind}/` : ''}${target.name}`;
}

function describe(ack: Acknowledgement): string {
  return `"${ack.trailer}" (commit ${ack.commit.slice(0, 7)}, ${ack.author.name})`;
}

/** The dangers one acknowledgement names, or the finding saying why it names none. */
function matchAcknowledgement(ack: Acknowledgement, targets: readonly DangerTarget[]): DangerTarget[] | Finding {
  const candidates = targets.filter((t) => t.environment === ack.environment && t.danger.code === ack.code && t.name === ack.name);
  const matched = ack.kind === undefined ? candidates : candidates.filter((t) => sameKind(t.kind, ack.kind ?? ''));
  const kinds = [...new Set(matched.map((t) => t.kind))].sort();
  if (ack.kind === undefined && kinds.length > 1) {
    return finding('RG723', {
      severity: 'warning',
      path: `${ack.environment}/${ack.name}`,
      message: `${describe(ack)} acknowledges nothing: ${ack.code} in ${ack.environment} is about ${kinds.map((k) => `${k} ${ack.name}`).join(' and ')}. Name one as ${kinds.map((k) => `${ack.environment}/${k}/${ack.name}`).join(' or ')}.`,
    });
  }
  if (matched.length === 0) {
    const object = `${ack.environment}/${ack.kind === undefined ? '' : `${ack.kind}/`}${ack.name}`;
    return finding('RG722', {
      severity: 'warning',
      path: object,
      message: `${describe(ack)} matches no dangerous change: the diff has no ${ack.code} on ${object}.`,
    });
  }
  return matched;
}

export interface GateInput {
  readonly report: DiffReport;
  readonly failOn: FailOn;
  /** Acknowledgements in commit order (oldest first): a danger shows the first that names it. */
  readonly acknowledgements: readonly Acknowledgement[];
  /** Problems found while reading the trailers (malformed, not in the trailer block). */
  readonly problems?: readonly Finding[];
  readonly acknowledgeFrom?: string;
}

function verdictOf(report: DiffReport, failOn: FailOn, blocking: number): GateVerdict {
  if (report.problems.some((p) => p.severity === 'error') || report.environments.some((e) => e.status === 'error')) return 'error';
  if (failOn === 'never') return 'pass';
  if (blocking > 0) return 'blocked';
  if (failOn === 'change' && report.environments.some((e) => e.status !== 'unchanged')) return 'changes';
  return 'pass';
}

export function evaluateGate(input: GateInput): GateResult {
  const targets = input.report.environments.flatMap(targetsOf);
  const acknowledgedBy = new Map<DangerTarget, Acknowledgement>();
  const problems: Finding[] = [...(input.problems ?? [])];
  const acknowledgements = input.acknowledgements.map((acknowledgement) => {
    const matched = matchAcknowledgement(acknowledgement, targets);
    if (!Array.isArray(matched)) {
      problems.push(matched);
      return { acknowledgement, matched: 0 };
    }
    for (const t of matched) if (!acknowledgedBy.has(t)) acknowledgedBy.set(t, acknowledgement);
    return { acknowledgement, matched: matched.length };
  });
  const dangers: GatedDanger[] = targets.map((t) => {
    const ack = acknowledgedBy.get(t);
    return {
      environment: t.environment,
      danger: t.danger,
      status: ack === undefined ? 'blocking' : 'acknowledged',
      ...(ack === undefined ? {} : { acknowledgement: ack }),
      acknowledgeAs: acknowledgeAs(t, targets),
    };
  });
  const verdict = verdictOf(input.report, input.failOn, dangers.filter((d) => d.status === 'blocking').length);
  return {
    failOn: input.failOn,
    verdict,
    exitCode: gateExitCodes[verdict],
    ...(input.acknowledgeFrom === undefined ? {} : { acknowledgeFrom: input.acknowledgeFrom }),
    dangers,
    acknowledgements,
    problems,
  };
}

/** RG720 per blocking danger: what CI prints when the gate fails. */
export function blockingFindings(gate: GateResult): Finding[] {
  return gate.dangers
    .filter((d) => d.status === 'blocking')
    .map((d) =>
      finding('RG720', {
        path: d.danger.path,
        message: `${d.danger.code} in ${d.environment} is not acknowledged: ${d.danger.message} To acknowledge it, add "Rivven-Acknowledge: ${d.acknowledgeAs} <reason>" to a commit message of this change.`,
        ...(d.danger.loc === undefined ? {} : { loc: d.danger.loc }),
      }),
    );
}
