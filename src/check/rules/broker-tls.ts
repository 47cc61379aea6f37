/** RG805: without TLS, records and credentials cross the network in clear text. */
import { arrayAt, field, stringAt } from '../object-fields.js';
import { defineRule, violation } from '../rule.js';
import { brokerWorkload, type Workload } from '../workloads.js';

/** rivvend has one TLS switch for its client and cluster listeners (RIVVEN_TLS_ENABLED). */
function servesTls(brokers: Workload): boolean {
  if (brokers.object.kind === 'RivvenCluster') return field(brokers.object, 'spec', 'tls', 'enabled') === true;
  return arrayAt(brokers.object, 'spec', 'template', 'spec', 'containers').some((c) =>
    arrayAt(c, 'env').some((v) => stringAt(v, 'name') === 'RIVVEN_TLS_ENABLED' && stringAt(v, 'value') === 'true'),
  );
}

export const brokerTls = defineRule({
  code: 'RG805',
  rationale:
    'Clients send records and SCRAM credentials to port 9092, and brokers replicate every record to each other over 9093. Without TLS anyone on the pod network can read or alter both. rivvend encrypts both listeners with one certificate.',
  severity: { development: 'off', staging: 'warning', production: 'error' },
  check({ env, objects }) {
    const brokers = brokerWorkload(env, objects);
    if (brokers === undefined || servesTls(brokers)) return [];
    return [
      violation(env, ['cluster', 'tls', 'enabled'], {
        message: `${brokers.label} serves its client port (9092) and cluster port (9093) without TLS: records, credentials and replication traffic cross the network in clear text.`,
      }),
    ];
  },
});
