import type { K8sObject } from './k8s-object.js';

/** What the render stage hands to kustomize: every environment's objects and the fleet-wide Argo CD objects. */
export interface FleetRender {
  readonly environments: readonly EnvironmentRender[];
  /** AppProject + Applications; they live in the argocd namespace and get no namespace transform. */
  readonly argocd: readonly K8sObject[];
  /** `argocd.mode: 'app-of-apps'`: the root Application, in out/argocd-root (it syncs out/argocd). */
  readonly argocdRoot?: readonly K8sObject[];
  /** Remote CRD manifests (pinned by version) for out/crds/, never referenced from an overlay. */
  readonly crdUrls?: readonly string[];
}

export interface EnvironmentRender {
  /** Environment name, a DNS-1123 label; becomes the directory `overlays/<name>/`. */
  readonly name: string;
  /** The environment's namespace: the overlay's `namespace:`. */
  readonly namespace: string;
  readonly objects: readonly K8sObject[];
  /** Markdown troubleshooting runbook, written as `overlays/<name>/RUNBOOK.md`. */
  readonly runbook: string;
}
