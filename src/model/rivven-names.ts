/**
 * The names a configuration gets in the cluster that validation needs as well as rendering: where
 * Rivven's images are published and the objects named after the broker cluster. The `manifests` target
 * uses the same names as the Rivven operator (`rivven-<cluster>`, `rivven-<cluster>-headless`, …); the
 * rest of the naming is in render/names.ts.
 */
import type { ResolvedConfig } from './types.js';

export const imageRegistry = 'ghcr.io/hupe1980';

/** `rivven-<cluster>`: what every object named after the cluster starts with, as the operator names them. */
export function clusterObjectName(config: Pick<ResolvedConfig, 'cluster'>): string {
  return `rivven-${config.cluster.name}`;
}

export function brokerNames(config: Pick<ResolvedConfig, 'cluster'>) {
  const base = clusterObjectName(config);
  return {
    /** The RivvenCluster itself is named after the cluster. */
    cluster: config.cluster.name,
    statefulSet: base,
    headlessService: `${base}-headless`,
    clientService: base,
    externalService: `${base}-external`,
    pdb: `${base}-pdb`,
    configMap: `${base}-config`,
    /** PVC name prefix from the volumeClaimTemplate `data`: `data-rivven-<cluster>-<i>`. */
    pvcPrefix: `data-${base}`,
    certificate: `${base}-tls`,
    serviceAccount: base,
  };
}
