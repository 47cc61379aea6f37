/** RG324 (fleet): two environments rendered into one namespace overwrite each other's objects. */
import type { Finding } from '../../errors/diagnostic.js';
import type { ResolvedEnvironment, ResolvedFleet } from '../../model/types.js';
import { findingAt } from '../locate.js';
import { compareText } from '../../core/order.js';
import { defineRule } from '../define-rule.js';

export function checkDuplicateNamespace(fleet: ResolvedFleet): Finding[] {
  const byNamespace = new Map<string, ResolvedEnvironment[]>();
  for (const env of fleet.environments) {
    byNamespace.set(env.config.namespace, [...(byNamespace.get(env.config.namespace) ?? []), env]);
  }
  const findings: Finding[] = [];
  const shared = [...byNamespace].filter(([, envs]) => envs.length >= 2);
  for (const [namespace, envs] of shared.sort(([a], [b]) => compareText(a, b))) {
    const names = envs.map((e) => e.name).sort();
    for (const env of envs) {
      const others = names.filter((n) => n !== env.name);
      findings.push(
        findingAt(env, 'RG324', ['namespace'], {
          message: `Environment "${env.name}" uses namespace "${namespace}", like ${others.map((n) => `"${n}"`).join(', ')}: their objects have the same names there, so each sync would overwrite the other.`,
        }),
      );
    }
  }
  return findings;
}

export const duplicateNamespaceRule = defineRule({
  scope: 'fleet',
  codes: ['RG324'],
  severity: 'as-found',
  locate: 'provenance',
  check: checkDuplicateNamespace,
});
