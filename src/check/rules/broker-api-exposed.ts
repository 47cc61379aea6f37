/**
 * RG531: the brokers' HTTP API (/health, /metrics) published through an Ingress, which rivvend serves
 * without authentication. Quiet when the Ingress restricts who can reach it the way ingress-nginx does:
 * a source allow-list, external auth, basic/digest auth with its Secret, or required client certificates
 * (set through `ingress.annotations`). A rule like the others, so it can be suppressed with a reason
 * (an Ingress class that restricts access its own way, a private load balancer).
 */
import type { K8sObject } from '../../render/k8s-object.js';
import { ingressNames } from '../../render/ingress.js';
import { field } from '../object-fields.js';
import { defineRule, violation } from '../rule.js';
import { isRecord } from '../../core/json.js';

const nginx = 'nginx.ingress.kubernetes.io/';

export const brokerApiExposed = defineRule({
  code: 'RG531',
  rationale:
    "rivvend serves /health and /metrics on its HTTP port without authentication. Published through an Ingress, the brokers' metrics (topic names, client counts, throughput) are readable by anyone who can reach the host, unless the Ingress restricts the source addresses or requires authentication.",
  severity: { development: 'warning', staging: 'warning', production: 'warning' },
  check({ env, objects }) {
    const route = env.config.ingress?.enabled === true ? env.config.ingress.brokerApi : undefined;
    if (route === undefined) return [];
    const name = ingressNames(env).brokerApi;
    const ingress = objects.find((o) => o.kind === 'Ingress' && o.metadata.name === name);
    if (ingress !== undefined && restriction(ingress) !== undefined) return [];
    return [
      violation(env, ['ingress', 'brokerApi'], {
        message: `ingress.brokerApi publishes the brokers' /health and /metrics at ${route.host}; rivvend serves them without authentication, and the Ingress neither restricts the source addresses nor requires authentication.`,
        hint: `Restrict it through ingress.annotations (ingress-nginx: '${nginx}whitelist-source-range', '${nginx}auth-url', '${nginx}auth-type' with '${nginx}auth-secret', or '${nginx}auth-tls-verify-client': 'on' with '${nginx}auth-tls-secret'), drop ingress.brokerApi, or suppress RG531 saying how access is restricted.`,
      }),
    ];
  },
});

/** Which annotation restricts access to the Ingress, if one does. */
export function restriction(ingress: K8sObject): string | undefined {
  const raw = field(ingress, 'metadata', 'annotations');
  const annotations: Readonly<Record<string, unknown>> = isRecord(raw) ? raw : {};
  const value = (key: string): string => {
    const v = annotations[`${nginx}${key}`];
    return typeof v === 'string' ? v.trim() : '';
  };
  for (const key of ['whitelist-source-range', 'allowlist-source-range']) {
    const ranges = value(key)
      .split(',')
      .map((r) => r.trim())
      .filter((r) => r !== '');
    // An allow-list that contains everyone allows everyone.
    if (ranges.length > 0 && !ranges.some((r) => r === '0.0.0.0/0' || r === '::/0')) return `${nginx}${key}`;
  }
  if (value('auth-url') !== '') return `${nginx}auth-url`;
  if (['basic', 'digest'].includes(value('auth-type')) && value('auth-secret') !== '') return `${nginx}auth-type`;
  if (value('auth-tls-verify-client') === 'on' && value('auth-tls-secret') !== '') return `${nginx}auth-tls-verify-client`;
  return undefined;
}
