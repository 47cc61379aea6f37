/**
 * RG427: under the `manifests` target, broker auth on means nobody can connect: rivvend 0.0.22 starts
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
  if (config.target !== 'manifests' || !config.cluster.auth.enabled) return [];
  return [
    findingAt(env, 'RG427', ['cluster', 'auth'], {
      severity: 'warning',
      message: `Broker auth is on, but ${rivvendUsers.summary}: the users Secret is never read and every client is refused. Upstream: ${formatCitations(rivvendUsers.cite)}.`,
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
