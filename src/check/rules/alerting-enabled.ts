/** RG810: metrics nobody alerts on are read after the outage. */
import { defineRule, violation } from '../rule.js';

export const alertingEnabled = defineRule({
  code: 'RG810',
  rationale:
    'The PrometheusRule alerts on a broker down, no Raft leader, leader churn, a stalled log and CDC lag. Without it the metrics are there but nobody is paged.',
  severity: { development: 'off', staging: 'info', production: 'error' },
  check({ env, objects }) {
    if (objects.some((o) => o.kind === 'PrometheusRule')) return [];
    const monitoring = env.config.monitoring;
    const scraped = monitoring?.enabled === true && (monitoring.serviceMonitor || monitoring.podMonitor);
    return [
      violation(env, scraped ? ['monitoring', 'alerts', 'enabled'] : ['monitoring', 'enabled'], {
        message: scraped
          ? 'monitoring.alerts is off: no PrometheusRule is rendered, so a broker down or a cluster without a Raft leader pages nobody.'
          : 'No PrometheusRule is rendered (alerts need the broker monitors): a broker down or a cluster without a Raft leader pages nobody.',
      }),
    ];
  },
});
