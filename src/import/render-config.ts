/**
 * Rendering a config the importer built, with the real resolve and render stages (both pure), so the
 * importer can compare what rivven-gitops will emit with what it read instead of guessing.
 */
import type { z } from 'zod';
import { configSchema } from '../model/config.js';
import type { ResolvedEnvironment } from '../model/types.js';
import { renderEnvironment } from '../render/render-fleet.js';
import type { K8sObject } from '../render/k8s-object.js';
import { finishConfig } from '../resolve/finish.js';
import { kubeClusterOf } from '../model/kube-cluster-of.js';

export const importEnvironmentName = 'imported';

export type RenderOutcome =
  | { readonly ok: true; readonly env: ResolvedEnvironment; readonly objects: readonly K8sObject[] }
  | { readonly ok: false; readonly issues: readonly z.core.$ZodIssue[] };

/** Resolves `config` on its own (no base) and renders it; zod's issues when it does not parse. */
export function renderConfig(config: unknown): RenderOutcome {
  const parsed = configSchema.safeParse(config);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues };
  const resolved = finishConfig(parsed.data, importEnvironmentName);
  // An imported config names no declared cluster: its cluster is the Argo CD destination's.
  const kubeCluster = kubeClusterOf({ argocd: resolved.argocd });
  if ('unknown' in kubeCluster) throw new Error('unreachable: a config without kubeCluster has a derived cluster');
  const env: ResolvedEnvironment = {
    name: importEnvironmentName,
    file: `environments/${importEnvironmentName}.ts`,
    config: resolved,
    provenance: new Map(),
    kubeCluster,
  };
  return { ok: true, env, objects: renderEnvironment(env).objects };
}

/** The rendered object of `kind` (and `name`, when given). */
export function findRendered(objects: readonly K8sObject[], kind: string, name?: string): K8sObject | undefined {
  return objects.find((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
}
