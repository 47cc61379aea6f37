/**
 * RG427: under either target, broker auth on means nobody can connect: rivvend 0.0.22 starts
 * its AuthManager empty and reads users from no flag, variable or file, so the SCRAM Secret the config
 * names is never read and every client is refused (fact table: features, cluster_server.rs).
 */
import type { Finding } from '../../errors/diagnostic.js';
import { formatCitations } from '../../facts/citation.js';
import { rivvendUsers } from '../../facts/rivvend.js';
import type { ResolvedEnvironment } from '../../model/types.js';
import { findingAt } from '../locate.js';
import { defineRule } from '../define-rule.js';

export function checkUpstreamAuthUsers(env: ResolvedEnvironment): Finding[] {
  const { config } = env;
  if (!config.cluster.auth.enabled) return [];
  // Under the operator too: the RivvenCluster's brokers run the same rivvend, and the operator's own client never authenticates (RG418).
  const via = config.target === 'operator' ? ' (the operator renders no user either)' : '';
  return [
    findingAt(env, 'RG427', ['cluster', 'auth'], {
      severity: 'warning',
      message: `Broker auth is on, but ${rivvendUsers.summary}${via}: client users cannot be provisioned, so every client is refused. Upstream: ${formatCitations(rivvendUsers.cite)}.`,
    }),
  ];
}

export const upstreamAuthUsersRule = defineRule({
  scope: 'environment',
  codes: ['RG427'],
  severity: 'as-found',
  locate: 'provenance',
  check: checkUpstreamAuthUsers,
});
