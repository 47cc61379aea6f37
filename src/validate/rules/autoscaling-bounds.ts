/** RG320: an HPA whose minimum exceeds its maximum is rejected by the API server. */
import type { Finding } from '../../errors/diagnostic.js';
import type { ResolvedEnvironment } from '../../model/types.js';
import { findingAt, relatedAt } from '../locate.js';
import { defineRule } from '../define-rule.js';

export function checkAutoscalingBounds(env: ResolvedEnvironment): Finding[] {
  const autoscaling = env.config.autoscaling;
  if (autoscaling === undefined || autoscaling.minReplicas <= autoscaling.maxReplicas) return [];
  return [
    findingAt(env, 'RG320', ['autoscaling', 'minReplicas'], {
      message: `autoscaling.minReplicas ${autoscaling.minReplicas} is greater than autoscaling.maxReplicas ${autoscaling.maxReplicas}: the API server rejects the HorizontalPodAutoscaler.`,
      related: [relatedAt(env, ['autoscaling', 'maxReplicas'], autoscaling.maxReplicas)],
    }),
  ];
}

export const autoscalingBoundsRule = defineRule({
  scope: 'environment',
  codes: ['RG320'],
  severity: 'as-found',
  locate: 'provenance',
  check: checkAutoscalingBounds,
});
