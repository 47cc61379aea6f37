/** RG401: RivvenCluster has no spec.version; the guide's field becomes the broker image tag. */
import type { Finding } from '../../errors/diagnostic.js';
import type { ResolvedEnvironment } from '../../model/types.js';
import { imageRegistry } from '../../model/rivven-names.js';
import { findingAt } from '../locate.js';
import { defineRule } from '../define-rule.js';

export function checkGuideClusterVersion(env: ResolvedEnvironment): Finding[] {
  const { version, image } = env.config.cluster;
  if (version === undefined) return [];
  return [
    findingAt(env, 'RG401', ['cluster', 'version'], {
      severity: 'warning',
      message:
        image === undefined
          ? `cluster.version "${version}" is not a RivvenCluster field (the API server would prune it): it is rendered as the broker image ${imageRegistry}/rivvend:${version}.`
          : `cluster.version "${version}" is not a RivvenCluster field and cluster.image "${image}" is set, so the version is ignored.`,
    }),
  ];
}

export const guideClusterVersionRule = defineRule({
  scope: 'environment',
  codes: ['RG401'],
  severity: 'as-found',
  locate: 'provenance',
  check: checkGuideClusterVersion,
});
