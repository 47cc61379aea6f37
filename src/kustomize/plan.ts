/**
 * Where each rendered object goes. The rule, applied per object identity (apiVersion, kind, name —
 * the namespace is not part of it because every overlay sets its own):
 *
 * 1. An object the overlay's `namespace:` transform would alter (see `survivesNamespaceTransform`:
 *    another namespace, a cluster-scoped custom resource, a second Namespace, …) is written, as it is,
 *    to `other-namespaces/<env>/`, where no transform runs.
 * 2. Present in every environment and identical once the namespace is removed → `base/`.
 * 3. Present in every environment but different → `base/` holds the most common variant (ties: the
 *    variant of the first environment by name) and each other environment gets an RFC 6902 patch —
 *    but only if EVERY such patch, written as YAML, is at most half the size of that environment's
 *    object. A patch that rewrites most of an object is harder to review than the object itself; in
 *    that case every environment gets its own full copy (rule 4).
 * 4. Otherwise (missing in some environment, or patches too big) → a full copy in each
 *    `overlays/<env>/` that has it.
 * Every patch is checked by applying it: the overlay must reproduce the environment's object exactly.
 * A SealedSecret always takes rule 4: its ciphertext belongs to one cluster's sealing key, so it is
 * never shared through `base/` nor patched from another environment's.
 */
import { InternalError } from '../errors/diagnostic.js';
import type { K8sObject } from '../render/k8s-object.js';
import { stripNamespace } from './canonical.js';
import { applyJsonPatch, diffJsonPatch } from './json-patch.js';
import type { JsonPatchOperation } from './json-patch.js';
import { overlayServiceAccounts, survivesNamespaceTransform } from './scope.js';
import type { EnvironmentRender } from './types.js';
import { toYaml } from './yaml-writer.js';
import { jsonEqual } from '../core/json-equal.js';
import { compareText } from '../core/order.js';

export interface PlannedPatch {
  /** The base object the patch applies to (its apiVersion, kind and name make the target). */
  readonly target: K8sObject;
  readonly operations: readonly JsonPatchOperation[];
  /** `operations` as written to the patch file (made once: sizing the patch needs it already). */
  readonly yaml: string;
}

export interface EnvironmentPlan {
  readonly env: EnvironmentRender;
  /** Full objects written into `overlays/<env>/` (rule 4), namespace kept. */
  readonly overlayObjects: readonly K8sObject[];
  readonly patches: readonly PlannedPatch[];
  /** Objects written to `other-namespaces/<env>/` (rule 1). */
  readonly untransformed: readonly K8sObject[];
}

export interface FleetPlan {
  /** Namespace-less objects shared by every environment. */
  readonly base: readonly K8sObject[];
  readonly environments: readonly EnvironmentPlan[];
}

/** Patches at most this fraction of the object's YAML size are worth it (rule 3). */
const maxPatchRatio = 0.5;

function identityKey(obj: K8sObject): string {
  return `${obj.apiVersion}/${obj.kind}/${obj.metadata.name}`;
}

interface Variant {
  readonly envIndex: number;
  /** As rendered, with its namespace. */
  readonly original: K8sObject;
  /** Without namespace: what base holds. */
  readonly object: K8sObject;
}

/** Variants equal as JSON, in order of their first member (environments are in name order). */
type Group = Variant[];

function groupEqual(variants: readonly Variant[]): Group[] {
  const groups: Group[] = [];
  for (const v of variants) {
    const group = groups.find((g) => g[0] !== undefined && jsonEqual(g[0].object, v.object));
    if (group === undefined) groups.push([v]);
    else group.push(v);
  }
  return groups;
}

/** The variant most environments share; ties go to the earliest environment. */
function mostCommon(groups: readonly Group[]): Group {
  let best: Group | undefined;
  for (const group of groups) if (best === undefined || group.length > best.length) best = group;
  if (best === undefined) throw new InternalError('no variant to choose from');
  return best;
}

function patchesFor(chosen: Group, variants: readonly Variant[]): Map<number, PlannedPatch> | undefined {
  const base = chosen[0];
  if (base === undefined) throw new InternalError('an empty group of variants');
  const patches = new Map<number, PlannedPatch>();
  for (const v of variants) {
    if (chosen.includes(v)) continue;
    const operations = diffJsonPatch(base.object, v.object);
    const yaml = toYaml(operations);
    if (yaml.length > maxPatchRatio * toYaml(v.object).length) return undefined;
    if (!jsonEqual(applyJsonPatch(base.object, operations), v.object)) {
      throw new InternalError(`patch for ${identityKey(v.object)} does not reproduce the object`);
    }
    patches.set(v.envIndex, { target: base.object, operations, yaml });
  }
  return patches;
}

/** Splits a fleet into base, per-environment overlay objects and patches, and untransformed objects. */
export function planOverlays(environments: readonly EnvironmentRender[]): FleetPlan {
  const overlayObjects = environments.map((): K8sObject[] => []);
  const patches = environments.map((): PlannedPatch[] => []);
  const untransformed = environments.map((): K8sObject[] => []);
  const byKey = new Map<string, Variant[]>();
  environments.forEach((env, envIndex) => {
    const serviceAccounts = overlayServiceAccounts(env.objects, env.namespace);
    for (const obj of env.objects) {
      if (!survivesNamespaceTransform(obj, env.namespace, serviceAccounts)) {
        untransformed[envIndex]?.push(obj);
        continue;
      }
      const stripped = stripNamespace(obj);
      const key = identityKey(stripped);
      const list = byKey.get(key) ?? [];
      list.push({ envIndex, original: obj, object: stripped });
      byKey.set(key, list);
    }
  });

  const base: K8sObject[] = [];
  for (const key of [...byKey.keys()].sort(compareText)) {
    const variants = byKey.get(key) ?? [];
    const sealed = variants[0]?.object.kind === 'SealedSecret' && variants[0].object.apiVersion.startsWith('bitnami.com/');
    const inEvery = variants.length === environments.length && !sealed;
    // Compared structurally, without building a canonical string of every object: most are identical.
    const groups = inEvery ? groupEqual(variants) : [];
    const first = groups[0]?.[0];
    if (groups.length === 1 && first !== undefined) {
      base.push(first.object);
      continue;
    }
    const chosen = inEvery ? mostCommon(groups) : undefined;
    const planned = chosen === undefined ? undefined : patchesFor(chosen, variants);
    const representative = chosen?.[0];
    if (representative !== undefined && planned !== undefined) {
      base.push(representative.object);
      for (const [envIndex, patch] of planned) patches[envIndex]?.push(patch);
      continue;
    }
    for (const v of variants) overlayObjects[v.envIndex]?.push(v.original);
  }

  return {
    base,
    environments: environments.map((env, i) => ({
      env,
      overlayObjects: overlayObjects[i] ?? [],
      patches: patches[i] ?? [],
      untransformed: untransformed[i] ?? [],
    })),
  };
}
