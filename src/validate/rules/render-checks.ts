/**
 * The renderers' own checks (values a CRD cannot hold, connector keys that do nothing, PDBs that block
 * drains) run as validation rules, so a build with such errors never writes and inherited problems are
 * reported once for the fleet. The renderers report by config path; the position comes from here.
 */
import type { Finding } from '../../errors/diagnostic.js';
import type { ResolvedEnvironment, ResolvedFleet } from '../../model/types.js';
import { findBrokerHpaIssues } from '../../render/broker-hpa.js';
import { findBrokerPdbIssues } from '../../render/broker-pdb.js';
import { findBrokerStatefulSetIssues } from '../../render/broker-statefulset.js';
import { findOperatorInstallIssues, findOperatorScopeConflicts } from '../../render/operator-install.js';
import { findRivvenClusterIssues } from '../../render/rivven-cluster.js';
import { findConnectRenderIssues } from '../../render/rivven-connect.js';
import { findSchemaRegistryIssues } from '../../render/rivven-schema-registry.js';
import { findIngressIssues } from '../../render/ingress.js';
import { findMonitoringIssues } from '../../render/monitoring.js';
import { findNetworkPolicyIssues } from '../../render/network-policy.js';
import { findTopicJobIssues } from '../../render/topic-job.js';
import { parseDisplayPath } from '../../core/path.js';
import { locate } from '../locate.js';

const renderCheckers: readonly ((env: ResolvedEnvironment) => Finding[])[] = [
  findRivvenClusterIssues,
  findConnectRenderIssues,
  findSchemaRegistryIssues,
  findBrokerStatefulSetIssues,
  findBrokerPdbIssues,
  findBrokerHpaIssues,
  findOperatorInstallIssues,
  findMonitoringIssues,
  findNetworkPolicyIssues,
  findIngressIssues,
  findTopicJobIssues,
];

export function checkRenderability(env: ResolvedEnvironment): Finding[] {
  return renderCheckers.flatMap((check) => check(env)).map((f) => withLocation(env, f));
}

export function checkOperatorScopeConflicts(fleet: ResolvedFleet): Finding[] {
  return findOperatorScopeConflicts(fleet.environments);
}

function withLocation(env: ResolvedEnvironment, f: Finding): Finding {
  if (f.loc !== undefined) return f;
  const loc = locate(env, parseDisplayPath(f.path));
  return loc === undefined ? f : { ...f, loc };
}
