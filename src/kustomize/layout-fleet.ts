/**
 * The kustomize stage: all environments' objects → the file tree of out/ (pure).
 *
 * `overlays` layout (see plan.ts for which object goes where):
 *   base/                    shared objects without namespace + kustomization.yaml
 *   overlays/<env>/          kustomization.yaml (namespace, ../../base + env-only objects, patches),
 *                            env-only objects, patches/<kind>-<name>.yaml, RUNBOOK.md
 *   other-namespaces/<env>/  objects a `namespace:` transform would alter (only when there are any);
 *                            Argo CD must sync this directory too
 *   argocd/                  AppProject + Applications (namespace argocd, no transform)
 *   argocd-root/             the root Application (argocd.mode app-of-apps), syncing argocd/
 *   crds/                    remote CRD URLs (only when given; never referenced by an overlay, because
 *                            kustomize cannot fetch them on machines without network)
 * `flat` layout: overlays/<env>/ holds every object of the environment as rendered, namespace
 * included, and its kustomization has no `namespace:` (no transform at all, so objects in other
 * namespaces stay there too); no base/, no other-namespaces/.
 *
 * Patch targets are regular expressions in Kustomize (`a.c` also matches `abc`), so the dots of names
 * and groups are escaped.
 */
import { finding } from '../errors/catalog.js';
import { UserError } from '../errors/diagnostic.js';
import type { Finding } from '../errors/diagnostic.js';
import type { K8sObject } from '../render/k8s-object.js';
import { assignFileNames, isSafeDirectoryName, isSafeRelativePath, objectFileStem } from './file-names.js';
import { argoCdDir, argoCdRootDir, baseDir, crdsDir, otherNamespacesDir, overlayDir } from './layout-paths.js';
import { planOverlays } from './plan.js';
import type { PlannedPatch } from './plan.js';
import type { EnvironmentRender, FileTree, FleetRender, LayoutOptions } from './types.js';
import { toYaml } from './yaml-writer.js';
import { apiGroup, apiVersionOnly, idOf } from '../core/object-ref.js';
import { compareText } from '../core/order.js';

const kustomizationKeyOrder = ['apiVersion', 'kind', 'namespace', 'resources', 'patches'];

interface KustomizationPatch {
  readonly path: string;
  readonly target: Record<string, string>;
}

function renderKustomization(fields: { namespace?: string; resources: readonly string[]; patches?: readonly KustomizationPatch[] }): string {
  const doc: Record<string, unknown> = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    namespace: fields.namespace,
    resources: [...fields.resources].sort(compareText),
  };
  if (fields.patches !== undefined && fields.patches.length > 0) {
    doc['patches'] = [...fields.patches].sort((a, b) => compareText(a.path, b.path));
  }
  return toYaml(doc, { keyOrder: kustomizationKeyOrder });
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function patchTarget(obj: K8sObject): Record<string, string> {
  const group = apiGroup(obj.apiVersion);
  return {
    ...(group === '' ? {} : { group: escapeRegex(group) }),
    version: apiVersionOnly(obj.apiVersion),
    kind: escapeRegex(obj.kind),
    name: escapeRegex(obj.metadata.name),
  };
}

/** Writes objects as `<dir>/<kind>-<name>.yaml`; returns the file names (relative to dir). */
function addObjects(tree: FileTree, dir: string, objects: readonly K8sObject[]): string[] {
  const names = assignFileNames(objects);
  for (const [obj, file] of names) tree.set(`${dir}/${file}`, toYaml(obj));
  return [...names.values()];
}

function addPatches(tree: FileTree, dir: string, patches: readonly PlannedPatch[]): KustomizationPatch[] {
  const names = assignFileNames(patches.map((p) => p.target), []);
  return patches.map((p) => {
    const file = `patches/${names.get(p.target) ?? `${objectFileStem(p.target)}.yaml`}`;
    tree.set(`${dir}/${file}`, p.yaml);
    return { path: file, target: patchTarget(p.target) };
  });
}

function withTrailingNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

function duplicateFindings(where: string, objects: readonly K8sObject[]): Finding[] {
  const ids = new Set<string>();
  const findings: Finding[] = [];
  for (const obj of objects) {
    const id = idOf(obj);
    if (ids.has(id)) findings.push(finding('RG602', { path: where, message: `${where} renders ${obj.kind} ${obj.metadata.name} twice (${id}); kustomize refuses duplicate objects.` }));
    ids.add(id);
  }
  return findings;
}

function checkFleet(environments: readonly EnvironmentRender[], argocd: readonly K8sObject[]): void {
  const findings: Finding[] = duplicateFindings('argocd', argocd);
  const seen = new Set<string>();
  for (const env of environments) {
    if (!isSafeDirectoryName(env.name)) {
      findings.push(finding('RG601', { path: env.name, message: `Environment name ${JSON.stringify(env.name)} cannot be used as the directory overlays/${env.name}: it is not a DNS-1123 label.` }));
    }
    if (seen.has(env.name)) findings.push(finding('RG603', { path: env.name, message: `Environment ${env.name} appears twice; both would write overlays/${env.name}/.` }));
    seen.add(env.name);
    findings.push(...duplicateFindings(env.name, env.objects));
  }
  if (findings.length > 0) throw new UserError(findings);
}

function layoutOverlays(tree: FileTree, environments: readonly EnvironmentRender[]): void {
  const plan = planOverlays(environments);
  const baseFiles = addObjects(tree, baseDir, plan.base);
  tree.set(`${baseDir}/kustomization.yaml`, renderKustomization({ resources: baseFiles }));
  for (const { env, overlayObjects, patches, untransformed } of plan.environments) {
    const dir = overlayDir(env.name);
    const files = addObjects(tree, dir, overlayObjects);
    const kustomizePatches = addPatches(tree, dir, patches);
    tree.set(`${dir}/kustomization.yaml`, renderKustomization({ namespace: env.namespace, resources: [`../../${baseDir}`, ...files], patches: kustomizePatches }));
    tree.set(`${dir}/RUNBOOK.md`, withTrailingNewline(env.runbook));
    if (untransformed.length > 0) {
      const otherDir = otherNamespacesDir(env.name);
      tree.set(`${otherDir}/kustomization.yaml`, renderKustomization({ resources: addObjects(tree, otherDir, untransformed) }));
    }
  }
}

function layoutFlat(tree: FileTree, environments: readonly EnvironmentRender[]): void {
  for (const env of environments) {
    const dir = overlayDir(env.name);
    tree.set(`${dir}/kustomization.yaml`, renderKustomization({ resources: addObjects(tree, dir, env.objects) }));
    tree.set(`${dir}/RUNBOOK.md`, withTrailingNewline(env.runbook));
  }
}

/** All environments' objects → out/'s file tree, paths sorted. Throws UserError (RG601–RG603). */
export function layoutFleet(input: FleetRender, options: LayoutOptions): FileTree {
  const environments = [...input.environments].sort((a, b) => compareText(a.name, b.name));
  checkFleet(environments, input.argocd);
  const tree: FileTree = new Map();
  if (environments.length > 0) {
    if (options.layout === 'flat') layoutFlat(tree, environments);
    else layoutOverlays(tree, environments);
  }
  if (input.argocd.length > 0) {
    tree.set(`${argoCdDir}/kustomization.yaml`, renderKustomization({ resources: addObjects(tree, argoCdDir, input.argocd) }));
  }
  if (input.argocdRoot !== undefined && input.argocdRoot.length > 0) {
    tree.set(`${argoCdRootDir}/kustomization.yaml`, renderKustomization({ resources: addObjects(tree, argoCdRootDir, input.argocdRoot) }));
  }
  if (input.crdUrls !== undefined && input.crdUrls.length > 0) {
    tree.set(`${crdsDir}/kustomization.yaml`, renderKustomization({ resources: [...new Set(input.crdUrls)] }));
  }
  for (const path of tree.keys()) {
    if (!isSafeRelativePath(path)) throw new UserError([finding('RG601', { path, message: `Refusing to write ${JSON.stringify(path)}: it would leave out/.` })]);
  }
  return new Map([...tree.entries()].sort((a, b) => compareText(a[0], b[0])));
}
