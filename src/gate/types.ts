/**
 * The gate's data model (docs/danger-gate.md): the commits of a pull request, the acknowledgements read
 * from their `Rivven-Acknowledge:` trailers, and the verdict over a diff's dangerous changes.
 */
import type { Danger } from '../diff/types.js';
import type { Finding } from '../errors/diagnostic.js';

export type { CommitRecord } from '../live/git-commits.js';

/** What `--fail-on` fails on: nothing, unacknowledged dangerous changes, or any change. */
export type FailOn = 'never' | 'danger' | 'change';
export const failOnValues: readonly FailOn[] = ['never', 'danger', 'change'];

/** One `Rivven-Acknowledge: RG700 prod/orders-events reason` trailer. */
export interface Acknowledgement {
  readonly code: string;
  readonly environment: string;
  /** Present when the trailer named `<environment>/<Kind>/<name>`. */
  readonly kind?: string;
  readonly name: string;
  readonly reason: string;
  /** The commit whose message holds the trailer, and its author (whoever wrote the commit). */
  readonly commit: string;
  readonly author: { readonly name: string; readonly email: string };
  /** The trailer's value as written. */
  readonly trailer: string;
}

/** `blocking`: not acknowledged (it fails `--fail-on danger|change`); `acknowledged`: a trailer names it. */
export type DangerStatus = 'blocking' | 'acknowledged';

export interface GatedDanger {
  readonly environment: string;
  readonly danger: Danger;
  readonly status: DangerStatus;
  /** The first (oldest) acknowledgement that names it. */
  readonly acknowledgement?: Acknowledgement;
  /** The trailer line that would acknowledge it (`RG700 prod/orders-events`, without a reason). */
  readonly acknowledgeAs: string;
}

/**
 * - `pass`: nothing the chosen `--fail-on` fails on (exit 0);
 * - `changes`: harmless differences, failing on change (exit 2);
 * - `blocked`: unacknowledged dangerous changes, failing on danger or change (exit 3);
 * - `error`: the diff itself failed for an environment or the source (exit 1).
 */
export type GateVerdict = 'pass' | 'changes' | 'blocked' | 'error';

export const gateExitCodes = { pass: 0, error: 1, changes: 2, blocked: 3 } as const satisfies Record<GateVerdict, number>;

export interface GateResult {
  readonly failOn: FailOn;
  readonly verdict: GateVerdict;
  readonly exitCode: (typeof gateExitCodes)[GateVerdict];
  /** The commits read for acknowledgements (`git:origin/main..HEAD`); absent when none were read. */
  readonly acknowledgeFrom?: string;
  /** Every dangerous change of the report, in report order. */
  readonly dangers: readonly GatedDanger[];
  /** Every well-formed acknowledgement and how many dangers it acknowledged. */
  readonly acknowledgements: readonly { readonly acknowledgement: Acknowledgement; readonly matched: number }[];
  /** Trailers that acknowledged nothing (malformed, unmatched, ambiguous, outside the trailer block): warnings. */
  readonly problems: readonly Finding[];
}

/** The gate's entry for one danger of an environment (reports look dangers up by it). */
export function gatedDanger(gate: GateResult | undefined, environment: string, danger: Danger): GatedDanger | undefined {
  return gate?.dangers.find((g) => g.environment === environment && g.danger.resource === danger.resource && g.danger.code === danger.code && g.danger.path === danger.path);
}
