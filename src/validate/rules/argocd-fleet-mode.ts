/**
 * RG335 (fleet): the Argo CD mode is one for the fleet: environments that disagree would need both
 * Applications and an ApplicationSet generating the same Applications.
 * RG336: the ApplicationSet's cluster generator finds each environment's cluster by its labels, so the
 * environment must name a declared cluster that has labels.
 * RG337: settings of a mode the fleet does not use do nothing (warning).
 */
import type { Finding } from '../../errors/diagnostic.js';
import type { ResolvedEnvironment, ResolvedFleet } from '../../model/types.js';
import { findingAt, relatedAt } from '../locate.js';
import { compareText } from '../../core/order.js';
import { defineRule } from '../define-rule.js';

const argoSettings = (env: ResolvedEnvironment) => {
  const a = env.config.argocd;
  return JSON.stringify([a.mode, a.applicationSet.generator, a.applicationSet.rollingSync ?? null]);
};

export function checkArgocdFleetMode(fleet: ResolvedFleet): Finding[] {
  const envs = fleet.environments.filter((e) => e.config.argocd.enabled).sort((a, b) => compareText(a.name, b.name));
  const first = envs[0];
  if (first === undefined) return [];
  const findings: Finding[] = [];
  for (const env of envs.slice(1)) {
    if (argoSettings(env) === argoSettings(first)) continue;
    const path = env.config.argocd.mode !== first.config.argocd.mode ? ['argocd', 'mode'] : ['argocd', 'applicationSet'];
    findings.push(
      findingAt(env, 'RG335', path, {
        message: `Environment "${env.name}" sets Argo CD ${path.join('.')} differently from "${first.name}": the mode and the ApplicationSet settings are one for the fleet (one ApplicationSet, or one root Application, syncs every environment).`,
        related: [relatedAt(first, path, path.length === 2 && path[1] === 'mode' ? first.config.argocd.mode : first.config.argocd.applicationSet, { inEnvironment: true })],
      }),
    );
  }
  return findings;
}

export function checkArgocdModeSettings(env: ResolvedEnvironment): Finding[] {
  const argocd = env.config.argocd;
  if (!argocd.enabled) return [];
  const findings: Finding[] = [];
  if (argocd.mode === 'applicationset' && argocd.applicationSet.generator === 'clusters') {
    const cluster = env.kubeCluster;
    if (!cluster.declared || Object.keys(cluster.labels).length === 0) {
      findings.push(
        findingAt(env, 'RG336', cluster.declared ? ['clusters', cluster.id, 'labels'] : ['argocd', 'applicationSet', 'generator'], {
          message: cluster.declared
            ? `The ApplicationSet's cluster generator selects environment "${env.name}"'s cluster by labels, and cluster '${cluster.id}' has none: it would select every cluster Argo CD knows.`
            : `The ApplicationSet's cluster generator selects clusters by labels, and environment "${env.name}" names no declared cluster (kubeCluster): there is nothing to select.`,
        }),
      );
    }
  }
  if (argocd.mode !== 'applicationset' && (argocd.applicationSet.rollingSync !== undefined || argocd.applicationSet.generator !== 'list')) {
    findings.push(
      findingAt(env, 'RG337', ['argocd', 'applicationSet'], {
        severity: 'warning',
        message: `argocd.applicationSet is set but argocd.mode is '${argocd.mode}': no ApplicationSet is rendered, so the setting does nothing.`,
      }),
    );
  }
  return findings;
}

export const argocdFleetModeRule = defineRule({ scope: 'fleet', codes: ['RG335'], severity: 'as-found', locate: 'provenance', check: checkArgocdFleetMode });
export const argocdModeSettingsRule = defineRule({ scope: 'environment', codes: ['RG336', 'RG337'], severity: 'as-found', locate: 'provenance', check: checkArgocdModeSettings });
