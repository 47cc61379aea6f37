/**
 * Names, labels and images shared by every renderer. The `manifests` target deliberately uses the same
 * object names and pod labels as the Rivven operator (`rivven-<cluster>`, `rivven-<cluster>-headless`,
 * `app.kubernetes.io/instance=<cluster>`), so monitors, policies, runbooks and a later switch of
 * target all see the same names.
 */
import type { ResolvedConfig, ResolvedEnvironment } from '../model/types.js';
import { rivvendListeners, rivvenImages } from '../facts/rivvend.js';
import { imageRegistry } from '../model/rivven-names.js';

// Below render so the validation rules can name objects too; renderers keep importing them from here.
export { brokerNames, clusterObjectName, imageRegistry } from '../model/rivven-names.js';


/** Ports rivvend really listens on (fact table: rivvendListeners). */
export const brokerPorts = {
  client: rivvendListeners.client.port,
  cluster: rivvendListeners.cluster.port,
  http: rivvendListeners.http.port,
} as const;

/**
 * Selector labels of the `manifests` target's broker pods (we put all three on them). Under the operator,
 * pods carry only name and instance: select those with `brokerPodLabels`.
 */
export function brokerSelector(config: Pick<ResolvedConfig, 'cluster'>): Record<string, string> {
  return {
    'app.kubernetes.io/name': 'rivven',
    'app.kubernetes.io/instance': config.cluster.name,
    'app.kubernetes.io/component': 'broker',
  };
}

/** Labels on every object rivven-gitops renders for an environment. */
export function commonLabels(env: ResolvedEnvironment, component: string): Record<string, string> {
  return {
    ...(env.config.labels ?? {}),
    'app.kubernetes.io/name': 'rivven',
    'app.kubernetes.io/instance': env.config.cluster.name,
    'app.kubernetes.io/component': component,
    'app.kubernetes.io/part-of': env.config.project,
    'app.kubernetes.io/managed-by': 'rivven-gitops',
  };
}

/** Image references pinned to the environment's Rivven version (the guide's `ghcr.io/hupe1980/rivven` does not exist). */
export function images(config: Pick<ResolvedConfig, 'rivvenVersion' | 'cluster' | 'operator'>) {
  const tag = config.cluster.version ?? config.rivvenVersion;
  return {
    broker: config.cluster.image ?? `${imageRegistry}/rivvend:${tag}`,
    connect: `${imageRegistry}/rivven-connect:${config.rivvenVersion}`,
    operator: config.operator.image ?? `${imageRegistry}/rivven-operator:${config.rivvenVersion}`,
    schemaRegistry: `${imageRegistry}/rivven-schema:${config.rivvenVersion}`,
  };
}

/** Every Rivven image is `FROM scratch` and runs as 65532:65532 (fact table: rivvenImages, Dockerfile USER). */
export const rivvenImageUser = rivvenImages.user;

/** Pod security context for Rivven pods: non-root as the image's own user, default seccomp. */
export function restrictedPodSecurityContext(): Record<string, unknown> {
  return {
    runAsNonRoot: true,
    runAsUser: rivvenImageUser,
    runAsGroup: rivvenImageUser,
    fsGroup: rivvenImageUser,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/**
 * Container security context for Rivven containers. A read-only root filesystem only where the
 * process writes nothing outside its mounted volumes (the broker writes to `/data`).
 */
export function restrictedContainerSecurityContext(options: { readOnlyRootFilesystem: boolean }): Record<string, unknown> {
  return {
    allowPrivilegeEscalation: false,
    ...(options.readOnlyRootFilesystem ? { readOnlyRootFilesystem: true } : {}),
    capabilities: { drop: ['ALL'] },
  };
}

/**
 * Labels that every broker pod carries under BOTH targets. The operator labels its broker pods with
 * `name` and `instance` only (its selector labels; `component=broker` is on the StatefulSet and
 * Services, not on the pods), so a pod selector that includes `component` matches nothing under the
 * operator. Select pods by these, narrowed where the API allows it with `brokerPodExpressions`.
 */
export function brokerPodLabels(config: Pick<ResolvedConfig, 'cluster'>): Record<string, string> {
  return { 'app.kubernetes.io/name': 'rivven', 'app.kubernetes.io/instance': config.cluster.name };
}

/**
 * Narrows `brokerPodLabels` to pods of a StatefulSet: the StatefulSet controller labels each of its
 * pods with `statefulset.kubernetes.io/pod-name`, so other pods that happen to share `name`/`instance`
 * (an operator or a job labelled with our common labels) are never selected as brokers.
 */
export const brokerPodExpressions: readonly { key: string; operator: 'Exists' }[] = [
  { key: 'statefulset.kubernetes.io/pod-name', operator: 'Exists' },
];

/** Name of the broker container: the operator's StatefulSet names it `rivven`, the manifests target `rivvend`. */
export function brokerContainerName(config: Pick<ResolvedConfig, 'target'>): string {
  return config.target === 'operator' ? 'rivven' : 'rivvend';
}
