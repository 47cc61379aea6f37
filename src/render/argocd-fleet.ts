/**
 * The fleet's Argo CD objects in the mode the config chooses (`argocd.mode`): Applications, the same
 * with a root Application (app-of-apps), or ApplicationSets. Kept apart from argocd.ts, whose pieces
 * every mode uses.
 */
import type { ResolvedFleet } from '../model/types.js';
import type { K8sObject } from './k8s-object.js';
import { compareText } from '../core/order.js';
import {
  appProjectName,
  destinationOf,
  foreignNamespacesOf,
  groupBy,
  renderAppProject,
  renderApplication,
  renderCrdApplication,
  renderForeignApplication,
  syncsRemoteCrds,
  type ArgoCdOptions,
} from './argocd.js';
import { renderApplicationSet } from './argocd-applicationset.js';
import { renderRootApplication } from './argocd-root.js';

/** The Argo CD objects of the fleet: out/argocd, and the root Application (out/argocd-root) in app-of-apps mode. */
export interface ArgoCdRender {
  readonly argocd: K8sObject[];
  readonly root: K8sObject[];
}

/**
 * Every Argo CD object of the fleet: AppProjects first, then Applications (or ApplicationSets), each
 * sorted by name. The mode is fleet-wide (RG335 refuses environments that disagree): the first
 * environment's is used.
 */
export function renderArgoCdObjects(fleet: ResolvedFleet, options: ArgoCdOptions): ArgoCdRender {
  // RG321 refuses an enabled Argo CD without repoURL; such an environment is skipped, not guessed.
  const envs = [...fleet.environments]
    .filter((e) => e.config.argocd.enabled && e.config.argocd.repoURL !== undefined)
    .sort((a, b) => compareText(a.name, b.name));
  const mode = envs[0]?.config.argocd.mode ?? 'applications';
  const projects: K8sObject[] = [];
  const appSets: K8sObject[] = [];
  for (const group of groupBy(envs, (e) => `${e.config.argocd.namespace}/${appProjectName(e)}`).values()) {
    const project = renderAppProject(group, options);
    if (project) projects.push(project);
    if (mode === 'applicationset') {
      const appSet = renderApplicationSet(group, options);
      if (appSet) appSets.push(appSet);
    }
  }
  const apps: K8sObject[] = [];
  for (const env of envs) {
    const repoURL = env.config.argocd.repoURL ?? '';
    if (mode !== 'applicationset') apps.push(renderApplication(env, options, repoURL));
    const foreign = foreignNamespacesOf(env, options);
    if (foreign.length > 0) apps.push(renderForeignApplication(env, options, repoURL, foreign));
  }
  const needCrds = envs.filter(syncsRemoteCrds);
  for (const group of groupBy(needCrds, (e) => `${e.config.argocd.namespace}/${JSON.stringify(destinationOf(e))}`).values()) {
    const app = renderCrdApplication(group, options, group[0]?.config.argocd.repoURL ?? '');
    if (app) apps.push(app);
  }
  const byName = (a: K8sObject, b: K8sObject) => compareText(a.metadata.name, b.metadata.name);
  const first = envs[0];
  return {
    argocd: [...projects.sort(byName), ...appSets.sort(byName), ...apps.sort(byName)],
    root: mode === 'app-of-apps' && first !== undefined ? [renderRootApplication(first, options)] : [],
  };
}

/** out/argocd's objects (see renderArgoCdObjects). */
export function renderArgoCd(fleet: ResolvedFleet, options: ArgoCdOptions): K8sObject[] {
  return renderArgoCdObjects(fleet, options).argocd;
}
