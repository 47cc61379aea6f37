/**
 * `argocd.mode: 'app-of-apps'`: a root Application syncing out/argocd, applied once by hand
 * (`kubectl apply -k out/argocd-root`). Argo CD honours sync waves only among the resources of one
 * Application, so the environments' Applications are ordered (CRDs, then other namespaces, then the
 * overlays) only when one Application syncs them all: this one.
 */
import type { ResolvedEnvironment } from '../model/types.js';
import { defaults } from '../model/defaults.js';
import { k8sObject, type K8sObject } from './k8s-object.js';
import { argoApiVersion, rootPath, type ArgoCdOptions } from './argocd.js';

/** The directory of out/ the root Application lives in (never synced by itself). */
export const argoCdRootName = (project: string): string => `${project}-root`;

export function renderRootApplication(first: ResolvedEnvironment, options: ArgoCdOptions): K8sObject {
  const argocd = first.config.argocd;
  return k8sObject(
    argoApiVersion,
    'Application',
    {
      name: argoCdRootName(first.config.project),
      namespace: argocd.namespace,
      labels: { ...(first.config.labels ?? {}), 'app.kubernetes.io/part-of': first.config.project, 'app.kubernetes.io/managed-by': 'rivven-gitops' },
      // No resources finalizer: deleting the root must not cascade into every environment.
    },
    {
      spec: {
        // The AppProject is one of the objects this Application creates, so the root cannot belong to it.
        project: 'default',
        source: { repoURL: argocd.repoURL ?? '', targetRevision: argocd.targetRevision, path: `${rootPath(first, options)}/argocd` },
        destination: { server: defaults.argocd.destinationServer, namespace: argocd.namespace },
        // Never prune: an Application removed from Git would take its environment with it (finalizer).
        syncPolicy: { automated: { prune: false, selfHeal: true } },
      },
    },
  );
}
