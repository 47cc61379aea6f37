/** What `doctor` found, per environment: the prerequisites and the coded findings against the cluster. */
import type { Finding } from '../../errors/diagnostic.js';
import type { Prerequisites } from '../../render/prerequisites.js';

/**
 * A finding about one live object: `path` and `loc` are the config line that creates the need (as for
 * build findings), `object` the live object the cluster lacks (`rivven-prod/rivven-cluster-token`,
 * `ClusterIssuer/rivven-ca`, `Certificate.cert-manager.io`, `cert-manager`).
 */
export interface DoctorFinding extends Finding {
  readonly object: string;
}

export interface DoctorEnvironment {
  readonly name: string;
  readonly namespace: string;
  readonly prerequisites: Prerequisites;
  readonly findings: readonly DoctorFinding[];
  /** The API server this environment was checked against (without credentials) and the context used. */
  readonly server: string;
  readonly context: string;
}

export interface DoctorReport {
  /** The API server read, without credentials, and the kubeconfig context: the first environment's (each environment names its own). */
  readonly server: string;
  readonly context: string;
  readonly environments: readonly DoctorEnvironment[];
}

/** Anything missing (an error finding) fails the preflight; an unknown (a warning) does not. */
export function doctorPassed(report: DoctorReport): boolean {
  return report.environments.every((e) => e.findings.every((f) => f.severity !== 'error'));
}
