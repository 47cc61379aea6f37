/**
 * Where the Rivven CRDs come from. They are never copied into the output: with `operator.crds.source`
 * `remote` the kustomize layout references these URLs from `out/crds` (synced before the overlays);
 * with `prerequisite` the platform installs them and nothing is referenced.
 */
import type { ResolvedEnvironment } from '../model/types.js';

/** The four CRD files of the operator, as named in the upstream repository. */
const crdFiles = ['rivvencluster-crd.yaml', 'rivventopic-crd.yaml', 'rivvenconnect-crd.yaml', 'rivvenschemaregistry-crd.yaml'];

/**
 * A DEFAULT to override with `operator.crds.urls`: the raw files at the release tag `v<rivvenVersion>`
 * of github.com/hupe1980/rivven. Upstream publishes no CRD release asset, so the tag's source tree is
 * the only versioned location; pin a commit in `urls` if the tag ever moves or lacks a file.
 */
export function defaultCrdUrls(rivvenVersion: string): string[] {
  return crdFiles.map((file) => `https://raw.githubusercontent.com/hupe1980/rivven/v${rivvenVersion}/crates/rivven-operator/deploy/crds/${file}`);
}

/** The CRD URLs the environment needs, or none when its CRDs are a prerequisite (or it renders no custom resources). */
export function crdUrls(env: ResolvedEnvironment): string[] {
  const { config } = env;
  if (config.target !== 'operator' || config.operator.crds.source !== 'remote') return [];
  return config.operator.crds.urls !== undefined ? [...config.operator.crds.urls] : defaultCrdUrls(config.rivvenVersion);
}
