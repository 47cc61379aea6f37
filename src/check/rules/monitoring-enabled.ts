/** RG809: what is not scraped cannot alert. */
import { monitoringNames } from '../../render/monitoring.js';
import { defineRule, violation } from '../rule.js';

export const monitoringEnabled = defineRule({
  code: 'RG809',
  rationale:
    "Rivven's Raft metrics (leader, term, applied index, voters) are the only early sign of a cluster losing its quorum. A ServiceMonitor or PodMonitor makes Prometheus scrape them from every broker.",
  severity: { development: 'off', staging: 'warning', production: 'error' },
  check({ env, objects }) {
    const name = monitoringNames(env).serviceMonitor;
    if (objects.some((o) => (o.kind === 'ServiceMonitor' || o.kind === 'PodMonitor') && o.metadata.name === name)) return [];
    const monitoring = env.config.monitoring;
    const path = monitoring?.enabled ? ['monitoring', 'serviceMonitor'] : ['monitoring', 'enabled'];
    return [
      violation(env, path, {
        message: monitoring?.enabled
          ? 'monitoring is on but renders neither a ServiceMonitor nor a PodMonitor for the brokers: Prometheus never scrapes their Raft metrics.'
          : 'Nothing scrapes the brokers: no ServiceMonitor or PodMonitor is rendered, so a cluster losing its Raft leader goes unnoticed.',
      }),
    ];
  },
});
