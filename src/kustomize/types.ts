import type { K8sObject } from '../render/k8s-object.js';

// The render stage's output is its own type; kustomize reads it.
export type { EnvironmentRender, FleetRender } from '../render/fleet-render.js';

export type Layout = 'overlays' | 'flat';

export interface LayoutOptions {
  /** `overlays`: shared base + per-environment overlays; `flat`: self-contained overlays. */
  readonly layout: Layout;
}

/** Paths (relative to out/, POSIX) → file contents. */
export type FileTree = Map<string, string>;
