/** RG826: a budget that allows no eviction blocks drains; one that allows too many loses the quorum. */
import type { PathSegment } from '../../core/path.js';
import { allowedDisruptions, replicatedWorkloads, type Budget } from '../disruption-budgets.js';
import { defineRule, plural, violation, type Violation } from '../rule.js';

function describe(budget: Budget): string {
  return budget.minAvailable !== undefined ? `minAvailable ${budget.minAvailable}` : `maxUnavailable ${String(budget.maxUnavailable)}`;
}

function fieldOf(budget: Budget): string {
  return budget.minAvailable !== undefined ? 'minAvailable' : 'maxUnavailable';
}

export const pdbConsistent = defineRule({
  code: 'RG826',
  rationale:
    'A PodDisruptionBudget that allows no disruption (minAvailable ≥ replicas, maxUnavailable 0, or any minAvailable on a single replica) makes every node drain hang until someone deletes it. For brokers, one that allows more disruptions than a Raft majority can lose ((replicas − 1) / 2) lets a drain stop the cluster.',
  severity: { development: 'warning', staging: 'warning', production: 'error' },
  check({ env, objects }) {
    const found: Violation[] = [];
    for (const w of replicatedWorkloads(env, objects)) {
      if (typeof w.budget === 'string') continue;
      const budget = w.budget;
      const path: PathSegment[] = [...w.path, fieldOf(budget)];
      const allowed = allowedDisruptions(budget, w.replicas);
      if (allowed < 1) {
        found.push(
          violation(env, path, {
            message:
              w.replicas === 1
                ? `${w.label} runs a single replica under a PodDisruptionBudget with ${describe(budget)}: no eviction is ever allowed, so draining its node hangs until someone deletes the budget.`
                : `${w.label} has ${plural(w.replicas, 'replica')} and a PodDisruptionBudget with ${describe(budget)}, which allows no eviction: every node drain hangs.`,
            hint: w.replicas === 1 ? 'Run more replicas, or set maxUnavailable: 1 (a single replica cannot be protected from a drain).' : 'Use maxUnavailable: 1.',
          }),
        );
        continue;
      }
      const tolerated = Math.floor((w.replicas - 1) / 2);
      if (w.quorum && w.replicas >= 3 && allowed > tolerated) {
        found.push(
          violation(env, path, {
            message: `${w.label} has ${plural(w.replicas, 'broker')} and a PodDisruptionBudget with ${describe(budget)}, which lets a drain evict ${allowed} at once; a Raft majority survives losing only ${tolerated}.`,
            hint: `Use maxUnavailable: ${tolerated === 1 ? 1 : `at most ${tolerated}`}.`,
          }),
        );
      }
    }
    return found;
  },
});
