/** RG312: under the operator, an HPA and the operator would fight over the broker replicas. */
import type { Finding } from '../../errors/diagnostic.js';
import type { ResolvedEnvironment } from '../../model/types.js';
import { findingAt } from '../locate.js';
import { defineRule } from '../define-rule.js';

export function checkAutoscalingWithOperator(env: ResolvedEnvironment): Finding[] {
  if (env.config.target !== 'operator' || env.config.autoscaling?.enabled !== true) return [];
  return [
    findingAt(env, 'RG312', ['autoscaling', 'enabled'], {
      message: 'autoscaling is enabled with target "operator": the operator re-applies RivvenCluster replicas every 300 s, so it would undo every scaling decision of a HorizontalPodAutoscaler.',
    }),
  ];
}

export const autoscalingWithOperatorRule = defineRule({
  scope: 'environment',
  codes: ['RG312'],
  severity: 'as-found',
  locate: 'provenance',
  check: checkAutoscalingWithOperator,
});
