/**
 * RG424: with TLS on under the `manifests` target, the published rivvend image serves HTTPS on its
 * HTTP API (9094) but keeps the client port 9092 plaintext (the `tls` cargo feature is not in the
 * release build). Said once per environment, so nobody believes client traffic is encrypted.
 */
import type { Finding } from '../../errors/diagnostic.js';
import { formatCitations } from '../../facts/citation.js';
import { isPublishedBrokerImage, rivvendListeners } from '../../facts/rivvend.js';
import type { ResolvedEnvironment } from '../../model/types.js';
import { findingAt } from '../locate.js';
import { defineRule } from '../define-rule.js';

export function checkUpstreamClientTls(env: ResolvedEnvironment): Finding[] {
  const { config } = env;
  if (config.target !== 'manifests' || !config.cluster.tls.enabled) return [];
  // A user image may be built with --features tls; only the published one is known to lack it.
  if (!isPublishedBrokerImage(config.cluster.image)) return [];
  const client = rivvendListeners.client;
  return [
    findingAt(env, 'RG424', ['cluster', 'tls'], {
      severity: 'warning',
      message: `cluster.tls encrypts the HTTP API on ${rivvendListeners.http.port} (probes, metrics, Raft between brokers) but not the client port ${client.port}: the published rivvend image is built without the \`tls\` feature, so client connections stay plaintext${config.cluster.tls.mtls?.enabled ? ' and client certificates are not checked' : ''}. Upstream: ${formatCitations(client.cite)}.`,
    }),
  ];
}

export const upstreamClientTlsRule = defineRule({
  scope: 'environment',
  codes: ['RG424'],
  severity: 'as-found',
  locate: 'provenance',
  check: checkUpstreamClientTls,
});
