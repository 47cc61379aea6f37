/** The rendered-object type every renderer returns, and helpers that keep output deterministic. */

export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  /** E.g. Argo CD's `resources-finalizer.argocd.argoproj.io` on an Application. */
  finalizers?: string[];
}

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

/**
 * Removes `undefined` values and empty optional objects recursively, so a renderer can write
 * `{ storageClassName: cfg.storageClassName }` without emitting a `null` or a key the API server would
 * reject. Arrays keep their order; object key order is left to the YAML writer, which sorts.
 */
export function compact<T>(value: T): T {
  if (Array.isArray(value)) return value.filter((v) => v !== undefined).map((v) => compact(v)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      out[k] = compact(v);
    }
    return out as T;
  }
  return value;
}

/** Builds an object with metadata first; undefined fields are dropped. */
export function k8sObject(apiVersion: string, kind: string, metadata: ObjectMeta, body: Record<string, unknown> = {}): K8sObject {
  return compact({ apiVersion, kind, metadata, ...body });
}

/** An extra environment variable as the model holds it (a literal, or a Secret/ConfigMap key reference). */
export interface ModelEnvVar {
  readonly name: string;
  readonly value?: string | undefined;
  readonly secretKeyRef?: { readonly name: string; readonly key: string } | undefined;
  readonly configMapKeyRef?: { readonly name: string; readonly key: string } | undefined;
}

/** A model env var in the form a container spec (and the Rivven CRDs' `env`) expects: references go under `valueFrom`. */
export function toContainerEnv(v: ModelEnvVar): Record<string, unknown> {
  if (v.secretKeyRef) return { name: v.name, valueFrom: { secretKeyRef: { name: v.secretKeyRef.name, key: v.secretKeyRef.key } } };
  if (v.configMapKeyRef) return { name: v.name, valueFrom: { configMapKeyRef: { name: v.configMapKeyRef.name, key: v.configMapKeyRef.key } } };
  return { name: v.name, value: v.value ?? '' };
}
