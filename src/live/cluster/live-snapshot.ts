/** What a read of the live cluster returns, kind by kind, so a diff can tell "absent" from "unknown". */
import type { Code } from '../../errors/catalog.js';
import type { K8sObject } from '../../render/k8s-object.js';

/** A kind as the environment renders it; `group` is '' for the core API. */
export interface KindRef {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

/** A cluster-scoped kind, read object by object (never listed: the cluster holds other teams' objects too). */
export interface ClusterScopedRef extends KindRef {
  readonly names: readonly string[];
}

/**
 * - `ok`: every object of the kind was read; one the environment renders but the snapshot lacks is absent.
 * - `forbidden`: the credentials may not read it (or it is a Secret): its objects are unknown, never "to be created".
 * - `not-installed`: the cluster does not serve the kind (e.g. the CRD is missing).
 * - `error`: the API server kept failing; its objects are unknown.
 */
export type KindReadStatus = 'ok' | 'forbidden' | 'not-installed' | 'error';

export interface KindStatus extends KindRef {
  readonly status: KindReadStatus;
  /** Catalog code (RG75x–RG79x) for every status but `ok`. */
  readonly code?: Code;
  /** What happened, without credentials; absent for `ok`. */
  readonly message?: string;
}

export interface LiveSnapshot {
  /** Live objects with `kind` and `apiVersion` filled in, ordered by requested kind, namespace, name. */
  readonly objects: K8sObject[];
  /** One entry per requested kind (namespaced kinds first, then cluster-scoped ones), in request order. */
  readonly kinds: KindStatus[];
}

export interface ReadLiveObjectsOptions {
  /** `--kubeconfig`; otherwise KUBECONFIG (a path list), ~/.kube/config, then the in-cluster service account. */
  readonly kubeconfigPath?: string;
  /** `--context`; otherwise the kubeconfig's current-context. */
  readonly context?: string;
  /** The environment's namespace: namespaced kinds are listed here only. */
  readonly namespace: string;
  readonly kinds: readonly KindRef[];
  readonly clusterScoped?: readonly ClusterScopedRef[];
  /** Per request, including connecting. @default 15000 */
  readonly timeoutMs?: number;
  /** How long an exec credential plugin may run. @default 20000 */
  readonly execTimeoutMs?: number;
  /** Tries per request for timeouts and 5xx answers. @default 3 */
  readonly attempts?: number;
  /** First retry delay; it doubles per retry. @default 250 */
  readonly retryDelayMs?: number;
  /** Where KUBECONFIG, HOME and KUBERNETES_SERVICE_* are read from. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}
