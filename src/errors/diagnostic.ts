/**
 * One error model for the whole compiler. Every user-facing problem is a `Finding` with a stable code
 * from the catalog; the location is kept apart from the message so the CLI can print a code frame and
 * JSON consumers can point editors at it. The library never prints.
 */
import { compareText } from '../core/order.js';
import type { Code } from './codes/index.js';

export type Severity = 'error' | 'warning' | 'info';

/** 1-based line and column; `file` is relative to the project root, with forward slashes. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export interface Finding {
  readonly code: Code;
  readonly severity: Severity;
  /** Dotted config path (`topics.orders-events.partitions`) or a file path for load errors. */
  readonly path: string;
  /** What happened and why. */
  readonly message: string;
  /** What to do about it. */
  readonly hint?: string;
  readonly loc?: SourceLocation;
  /**
   * The other places that take part in the finding, after `loc` (the one to change first): the other
   * end of a cross-field rule, e.g. where `cluster.replicas` was set for a topic's replication factor.
   */
  readonly related?: readonly RelatedLocation[];
}

/** A place a finding also points at, with what is there: `cluster.replicas = 1`. */
export interface RelatedLocation {
  readonly message: string;
  readonly loc?: SourceLocation;
}

/** A failure the user can fix: carries every finding gathered before the stage gave up. */
export class UserError extends Error {
  readonly findings: readonly Finding[];
  constructor(findings: readonly Finding[]) {
    super(findings.map((f) => `${f.code}: ${f.message}`).join('\n'));
    this.name = 'UserError';
    this.findings = findings;
  }
}

/** A bug in rivven-gitops itself, never the user's fault. */
export class InternalError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(`internal error: ${message} (please report this at the rivven-gitops issue tracker)`, options);
    this.name = 'InternalError';
  }
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Stable order: errors first, then by file position, then code and path. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      severityRank[a.severity] - severityRank[b.severity] ||
      compareText(a.loc?.file ?? '\uffff', b.loc?.file ?? '\uffff') ||
      (a.loc?.line ?? 0) - (b.loc?.line ?? 0) ||
      (a.loc?.column ?? 0) - (b.loc?.column ?? 0) ||
      compareText(a.code, b.code) ||
      compareText(a.path, b.path),
  );
}
