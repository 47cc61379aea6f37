/**
 * RG429: client-auth settings rivvend 0.0.22 reads nothing of (SCRAM users, a client token, RBAC
 * rules), under either target: the Secret or ConfigMap they name is never read, so they configure
 * nothing. RG430: under `manifests`, auth off (RIVVEN_NO_REQUIRE_AUTH) lets every client in, so it is
 * accepted only with something else limiting the client port: NetworkPolicies, or mTLS on an image
 * whose client listener speaks TLS (the published one does not). Facts: src/facts/rivvend.ts.
 */
import type { Finding } from '../../errors/diagnostic.js';
import { formatCitations } from '../../facts/citation.js';
import { isPublishedBrokerImage, rivvendAuthSettings, type AuthSettingFact } from '../../facts/rivvend.js';
import type { ResolvedEnvironment } from '../../model/types.js';
import type { PathSegment } from '../../core/path.js';
import { findingAt } from '../locate.js';
import { defineRule } from '../define-rule.js';

function unread(env: ResolvedEnvironment, path: readonly PathSegment[], what: string, fact: AuthSettingFact): Finding {
  return findingAt(env, 'RG429', path, {
    severity: 'warning',
    message: `${what} is not read by rivvend 0.0.22: ${fact.fact}. Upstream: ${formatCitations(fact.cite)}.`,
  });
}

export function checkUpstreamAuthSettings(env: ResolvedEnvironment): Finding[] {
  const { cluster, target, networkPolicy } = env.config;
  const { auth, tls } = cluster;
  const out: Finding[] = [];
  if (auth.scram !== undefined) out.push(unread(env, ['cluster', 'auth', 'scram', 'existingSecret'], `cluster.auth.scram.existingSecret ("${auth.scram.existingSecret}")`, rivvendAuthSettings.scramUsers));
  if (auth.token !== undefined) out.push(unread(env, ['cluster', 'auth', 'token'], `cluster.auth.token (Secret "${auth.token.secretName}")`, rivvendAuthSettings.clientToken));
  else if (auth.enabled && auth.mechanism === 'token') out.push(unread(env, ['cluster', 'auth', 'mechanism'], 'cluster.auth.mechanism "token"', rivvendAuthSettings.clientToken));
  if (auth.rbac !== undefined && auth.rbac.enabled) out.push(unread(env, ['cluster', 'auth', 'rbac'], `cluster.auth.rbac (ConfigMap "${auth.rbac.configMapName}")`, rivvendAuthSettings.authorization));
  if (target === 'manifests' && !auth.enabled) {
    const policies = networkPolicy !== undefined && networkPolicy.enabled;
    const mtls = tls.enabled && tls.mtls !== undefined && tls.mtls.enabled && !isPublishedBrokerImage(cluster.image);
    if (!policies && !mtls) {
      const noRequire = rivvendAuthSettings.noRequireAuth;
      out.push(
        findingAt(env, 'RG430', ['cluster', 'auth', 'enabled'], {
          message: `cluster.auth.enabled is false, so the brokers run with RIVVEN_NO_REQUIRE_AUTH=true, which lets every client in without credentials (${formatCitations(noRequire.cite)}), and nothing else limits who reaches the client port: networkPolicy is ${networkPolicy === undefined ? 'not set' : 'disabled'}, and ${tls.mtls?.enabled === true && tls.enabled ? 'mTLS does not guard 9092 on the published image (no `tls` feature)' : 'mTLS is not enabled'}.`,
        }),
      );
    }
  }
  return out;
}

export const upstreamAuthSettingsRule = defineRule({
  scope: 'environment',
  codes: ['RG429', 'RG430'],
  severity: 'as-found',
  locate: 'provenance',
  check: checkUpstreamAuthSettings,
});
