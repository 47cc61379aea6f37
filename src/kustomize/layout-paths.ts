/**
 * Where things live in out/: the one place that names its directories. The layout writer puts files
 * there; the git source reads them back at a ref and `build --env` tells one environment's files from
 * the fleet-wide ones by them.
 */

/** Objects identical in every environment, without namespace (`overlays` layout only). */
export const baseDir = 'base';
/** AppProject and Applications. */
export const argoCdDir = 'argocd';
/** The root Application (app-of-apps mode), applied once by hand; it syncs argocd/. */
export const argoCdRootDir = 'argocd-root';
/** Remote CRD URLs, never referenced by an overlay. */
export const crdsDir = 'crds';

const overlaysRoot = 'overlays';
const otherNamespacesRoot = 'other-namespaces';

/** `overlays/<env>`: the environment's kustomization (namespace transform, ../../base, patches). */
export function overlayDir(env: string): string {
  return `${overlaysRoot}/${env}`;
}

/** `other-namespaces/<env>`: objects a `namespace:` transform would alter; Argo CD syncs it too. */
export function otherNamespacesDir(env: string): string {
  return `${otherNamespacesRoot}/${env}`;
}

/** Every directory an environment's objects are built from, overlay first. */
export function environmentDirs(env: string): readonly string[] {
  return [overlayDir(env), otherNamespacesDir(env)];
}

/** The environment a path of out/ belongs to, or undefined for fleet-wide files (base/, argocd/, argocd-root/, crds/). */
export function environmentOfPath(file: string): string | undefined {
  const [top, env] = file.split('/');
  return top === overlaysRoot || top === otherNamespacesRoot ? env : undefined;
}

/** The environment whose overlay kustomization `file` is (`overlays/<env>/kustomization.yaml`), if it is one. */
export function environmentOfKustomization(file: string): string | undefined {
  const parts = file.split('/');
  return parts.length === 3 && parts[0] === overlaysRoot && /^kustomization\.ya?ml$/.test(parts[2] ?? '') ? parts[1] : undefined;
}
