/** RG806: without NetworkPolicies every pod in the cluster can reach the brokers. */
import { arrayAt, field } from '../object-fields.js';
import { defineRule, violation } from '../rule.js';
import { isRecord } from '../../core/json.js';

export const networkPolicies = defineRule({
  code: 'RG806',
  rationale:
    'Kubernetes lets every pod talk to every pod unless a NetworkPolicy selects it. A default-deny policy for the namespace, plus explicit allowances for clients, brokers and Prometheus, limits who can reach the client, cluster and HTTP ports. On rivvend 0.0.22 client auth cannot work (no users can be loaded, RG427), so with auth off (RIVVEN_NO_REQUIRE_AUTH) these policies, or mTLS on a broker image built with client TLS, are the only guard of the client port (RG430).',
  severity: { development: 'off', staging: 'warning', production: 'error' },
  check({ env, objects }) {
    const policies = objects.filter((o) => o.kind === 'NetworkPolicy');
    const defaultDeny = policies.some((p) => {
      const selector = field(p, 'spec', 'podSelector');
      return isRecord(selector) && Object.keys(selector).length === 0 && arrayAt(p, 'spec', 'policyTypes').includes('Ingress');
    });
    if (defaultDeny) return [];
    const authOff = env.config.cluster.auth.enabled ? '' : ' Client auth is off (RIVVEN_NO_REQUIRE_AUTH), so any of them can produce and consume without credentials.';
    return [
      violation(env, ['networkPolicy', 'enabled'], {
        message:
          policies.length === 0
            ? `Namespace ${env.config.namespace} has no NetworkPolicies: any pod in the cluster can reach the brokers' client, cluster and HTTP ports.${authOff}`
            : `Namespace ${env.config.namespace} has NetworkPolicies but none denies ingress by default: pods they do not select stay reachable from anywhere.${authOff}`,
      }),
    ];
  },
});
