/**
 * RG427: under the `manifests` target, broker auth on means nobody can connect: rivvend 0.0.22 starts
 * its AuthManager empty and reads users from no flag, variable or file, so the SCRAM Secret the config
 * names is never read and every client is refused (fact table: features, cluster_server.rs).
 */
import type { Finding } from '../../errors/diagnostic.js';
import { cite, files, formatCitations } from '../../facts/citation.js';
import type { ResolvedEnvironment } from '../../model/types.js';
import { findingAt } from '../locate.js';

const citations = [cite(files.clusterServer, '279-285,1518-1521'), cite(files.rivvendCli, '26-234')];

export function checkUpstreamAuthUsers(env: ResolvedEnvironment): Finding[] {
  const { config } = env;
  if (config.target !== 'manifests' || !config.cluster.auth.enabled) return [];
  return [
    findingAt(env, 'RG427', ['cluster', 'auth'], {
      severity: 'warning',
      message: `Broker auth is on, but rivvend 0.0.22 starts with an empty user store and reads users from no flag, variable or file: the users Secret is never read and every client is refused. Upstream: ${formatCitations(citations)}.`,
    }),
  ];
}
