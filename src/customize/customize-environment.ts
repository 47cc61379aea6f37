/**
 * The customize stage for one environment: the user's escape hatches applied to its rendered objects,
 * in a fixed order — extra objects (config, then YAML files), JSON patches, partial objects, then the
 * transforms (base, then environment) — so a patch can target an extra object and a transform sees every
 * patch. Each value written is recorded in `origins` (origins.ts). Pure: the transforms run in the
 * config's sandbox, through the functions the loader handed on.
 */
import { finding } from '../errors/catalog.js';
import type { Finding, SourceLocation } from '../errors/diagnostic.js';
import { idOf } from '../core/object-ref.js';
import { compareText } from '../core/order.js';
import { pathKey, type PathSegment } from '../core/path.js';
import { isRecord } from '../core/json.js';
import { jsonEqual } from '../core/json-equal.js';
import type { LoadedObjectFile } from '../model/customize-types.js';
import type { ResolvedEnvironment } from '../model/types.js';
import type { K8sObject } from '../render/k8s-object.js';
import { locateIn } from '../resolve/provenance.js';
import { applyJsonPatch, parseJsonPatch } from './apply-json-patch.js';
import { describeTarget, matchesTarget } from './match-target.js';
import { mergePartial } from './merge-partial.js';
import type { FieldOrigin, ObjectOrigins } from './origins.js';
import { checkObjectShape, withNamespace } from './object-shape.js';
import { changedPaths, runTransforms } from './run-transforms.js';

export interface CustomizeResult {
  readonly objects: K8sObject[];
  readonly origins: ObjectOrigins;
  readonly findings: Finding[];
}

class PatchFailure extends Error {}

export function customizeEnvironment(env: ResolvedEnvironment, rendered: readonly K8sObject[], objectFiles?: ReadonlyMap<string, readonly LoadedObjectFile[]>): CustomizeResult {
  const customize = env.config.customize;
  if (customize === undefined && env.transforms === undefined) return { objects: [...rendered], origins: new Map(), findings: [] };
  const findings: Finding[] = [];
  const origins = new Map<string, Map<string, FieldOrigin>>();
  const objects = new Map<string, K8sObject>(rendered.map((o) => [idOf(o), o]));
  const at = (path: readonly PathSegment[]): { loc?: SourceLocation } => {
    const loc = locateIn(env.provenance, path);
    return loc === undefined ? {} : { loc };
  };
  const record = (id: string, pointer: readonly PathSegment[], origin: FieldOrigin): void => {
    let fields = origins.get(id);
    if (fields === undefined) origins.set(id, (fields = new Map()));
    const key = pathKey(pointer);
    // A later write replaces what it covers.
    for (const existing of [...fields.keys()]) if (existing.startsWith(`${key}/`)) fields.delete(existing);
    fields.set(key, origin);
  };
  const add = (candidate: unknown, where: { path: string; loc?: SourceLocation }, origin: FieldOrigin): void => {
    const shape = checkObjectShape(candidate);
    if (shape !== undefined) {
      findings.push(finding('RG372', { path: where.path, message: `${where.path} in environment ${env.name} is not a Kubernetes object: ${shape}.`, ...(where.loc === undefined ? {} : { loc: where.loc }) }));
      return;
    }
    const obj = withNamespace(candidate as K8sObject, env.config.namespace);
    const id = idOf(obj);
    if (objects.has(id)) {
      findings.push(finding('RG373', { path: where.path, message: `${where.path} adds ${obj.kind} ${obj.metadata.name}, which environment ${env.name} already has.`, ...(where.loc === undefined ? {} : { loc: where.loc }) }));
      return;
    }
    objects.set(id, obj);
    record(id, [], origin);
  };

  for (const [name, value] of Object.entries(customize?.objects ?? {})) {
    const configPath = ['customize', 'objects', name];
    add(value, { path: `customize.objects.${name}`, ...at(configPath) }, { configPath, label: `customize.objects.${name}` });
  }
  (customize?.objectFiles ?? []).forEach((pattern, index) => {
    for (const file of objectFiles?.get(pattern) ?? []) {
      file.documents.forEach((doc, n) => {
        const loc = doc.positions.get('') ?? { file: file.file, line: 1, column: 1 };
        const label = file.documents.length === 1 ? file.file : `${file.file}#${n + 1}`;
        add(doc.value, { path: file.file, loc }, { positions: doc.positions, loc, label });
      });
    }
    void index;
  });

  const patched = (name: string, kind: 'patches' | 'merge', target: Parameters<typeof matchesTarget>[1]): K8sObject[] => {
    const matched = [...objects.values()].filter((o) => matchesTarget(o, target)).sort((a, b) => compareText(idOf(a), idOf(b)));
    if (matched.length === 0) {
      findings.push(
        finding('RG370', {
          path: `customize.${kind}.${name}`,
          message: `customize.${kind}.${name} targets ${describeTarget(target)}, which matches no object of environment ${env.name}.`,
          ...at(['customize', kind, name, 'target']),
        }),
      );
    }
    return matched;
  };
  const replace = (before: K8sObject, after: K8sObject, path: string, loc: { loc?: SourceLocation }): boolean => {
    if (idOf(after) !== idOf(before) || typeof after.apiVersion !== 'string') {
      findings.push(finding('RG372', { path, message: `${path} changes the identity (apiVersion, kind, name or namespace) of ${before.kind} ${before.metadata.name}; add a new object instead.`, ...loc }));
      return false;
    }
    objects.set(idOf(before), after);
    return true;
  };

  for (const [name, patch] of Object.entries(customize?.patches ?? {})) {
    for (const obj of patched(name, 'patches', patch.target)) {
      let current = obj;
      for (const [i, raw] of patch.ops.entries()) {
        const opPath = ['customize', 'patches', name, 'ops', i];
        const [op] = parseJsonPatch([raw]);
        if (op === undefined) continue;
        let next: K8sObject;
        try {
          next = applyJsonPatch(current, [op], (message) => {
            throw new PatchFailure(message);
          });
        } catch (error) {
          if (!(error instanceof PatchFailure)) throw error;
          findings.push(finding('RG371', { path: `customize.patches.${name}.ops[${i}]`, message: `customize.patches.${name}.ops[${i}] (${op.op} ${op.path}) cannot be applied to ${obj.kind} ${obj.metadata.name} in environment ${env.name}: ${error.message}.`, ...at(opPath) }));
          break;
        }
        if (!replace(current, next, `customize.patches.${name}.ops[${i}]`, at(opPath))) break;
        current = next;
        if (op.op !== 'remove' && op.op !== 'test') {
          const target = resolvedPointer(next, op.path);
          record(idOf(next), target, { configPath: 'value' in op ? [...opPath, 'value'] : opPath, label: `customize.patches.${name}` });
        }
      }
    }
  }

  for (const [name, merge] of Object.entries(customize?.merge ?? {})) {
    for (const obj of patched(name, 'merge', merge.target)) {
      const { value, written } = mergePartial(obj, merge.patch);
      const next = value as K8sObject;
      const configPath = ['customize', 'merge', name, 'patch'];
      if (!replace(obj, next, `customize.merge.${name}`, at(configPath))) continue;
      for (const path of written) record(idOf(next), path, { configPath: [...configPath, ...path], label: `customize.merge.${name}` });
    }
  }

  let list = [...objects.values()];
  for (const transform of env.transforms ?? []) {
    const result = runTransforms(transform, list, env);
    if (!result.ok) {
      findings.push(result.finding);
      continue;
    }
    const before = new Map(list.map((o) => [idOf(o), o]));
    const label = `customize.transform (${transform.layer === 'base' ? 'rivven.config.ts' : env.file})`;
    const origin: FieldOrigin = { label, ...(transform.loc === undefined ? {} : { loc: transform.loc }) };
    const seen = new Set<string>();
    const next: K8sObject[] = [];
    for (const candidate of result.objects) {
      const obj = withNamespace(candidate, env.config.namespace);
      const id = idOf(obj);
      if (seen.has(id)) {
        findings.push(finding('RG373', { path: 'customize.transform', message: `customize.transform returns ${obj.kind} ${obj.metadata.name} twice in environment ${env.name}.`, ...(transform.loc === undefined ? {} : { loc: transform.loc }) }));
        continue;
      }
      seen.add(id);
      next.push(obj);
      const old = before.get(id);
      if (old === undefined) record(id, [], origin);
      else if (!jsonEqual(old, obj)) for (const path of changedPaths(old, obj)) record(id, path, origin);
    }
    for (const id of before.keys()) if (!seen.has(id)) origins.delete(id);
    list = next;
  }
  return { objects: list.sort((a, b) => compareText(idOf(a), idOf(b))), origins, findings };
}

/** The pointer an operation wrote, with `-` (append) resolved to the index it became. */
function resolvedPointer(obj: unknown, pointer: string): PathSegment[] {
  const segments = pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (segments[segments.length - 1] !== '-') return segments;
  let node: unknown = obj;
  for (const s of segments.slice(0, -1)) node = Array.isArray(node) ? node[Number(s)] : isRecord(node) ? node[s] : undefined;
  return [...segments.slice(0, -1), Array.isArray(node) ? node.length - 1 : '-'];
}
