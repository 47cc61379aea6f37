/**
 * `--against file:<path>`: objects from a dump — a multi-document YAML file, a `kubectl get -o yaml`
 * List, or a directory of such files (read recursively, `.yaml`/`.yml`/`.json`, in name order). A dump is
 * treated like a cluster: objects carry what the server wrote (defaults, managedFields, status), and only
 * objects rivven-gitops rendered can be reported as deletions.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { fillListItemTypes } from '../diff/normalize.js';
import { finding } from '../errors/catalog.js';
import type { Finding } from '../errors/diagnostic.js';
import { UserError } from '../errors/diagnostic.js';
import type { K8sObject } from '../render/k8s-object.js';
import { toK8sObject, type EnvironmentSource } from './source.js';
import { isRecord } from '../core/json.js';
import { compareText } from '../core/order.js';
import { apiGroup } from '../core/object-ref.js';

const extensions = new Set(['.yaml', '.yml', '.json']);

async function listFiles(target: string): Promise<string[]> {
  const info = await stat(target);
  if (!info.isDirectory()) return [target];
  const out: string[] = [];
  const entries = (await readdir(target, { withFileTypes: true })).sort((a, b) => compareText(a.name, b.name));
  for (const entry of entries) {
    const full = path.join(target, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(full)));
    else if (entry.isFile() && extensions.has(path.extname(entry.name))) out.push(full);
  }
  return out;
}

/** A document → its objects: itself, or the items of a List (`List`, `PodList`, …). */
function documentObjects(doc: unknown): unknown[] {
  if (isRecord(doc) && typeof doc['kind'] === 'string' && doc['kind'].endsWith('List') && Array.isArray(doc['items'])) {
    return fillListItemTypes(doc).flatMap((item) => documentObjects(item));
  }
  return [doc];
}

/** Parses one file's text into objects; `file` names it in findings. Pure. */
export function parseDump(file: string, text: string): { objects: K8sObject[]; problems: Finding[] } {
  const objects: K8sObject[] = [];
  const problems: Finding[] = [];
  parseAllDocuments(text).forEach((doc, i) => {
    if (doc.errors.length > 0) {
      problems.push(finding('RG732', { path: file, message: `Document ${i + 1} of ${file} is not valid YAML: ${doc.errors[0]?.message ?? 'parse error'}` }));
      return;
    }
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) return;
    for (const item of documentObjects(value)) {
      const obj = toK8sObject(item);
      if (obj) objects.push(obj);
      else problems.push(finding('RG733', { path: file, message: `Document ${i + 1} of ${file} holds something that is not a Kubernetes object.` }));
    }
  });
  return { objects, problems };
}

/** Reads every object of a dump file or directory. Throws UserError RG732/RG733. */
export async function readDump(target: string): Promise<K8sObject[]> {
  let files: string[];
  try {
    files = await listFiles(target);
  } catch (error) {
    const reason = error instanceof Error && 'code' in error && error.code === 'ENOENT' ? 'it does not exist' : 'it cannot be read';
    throw new UserError([finding('RG732', { path: target, message: `Cannot read the dump ${target}: ${reason}.` })]);
  }
  const objects: K8sObject[] = [];
  const problems: Finding[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const parsed = parseDump(file, await readFile(file, 'utf8'));
    for (const obj of parsed.objects) {
      // Two copies of one object (overlapping dumps) cannot both be what the cluster holds.
      const id = `${groupKind(obj)}/${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
      const first = seen.get(id);
      if (first !== undefined) {
        problems.push(finding('RG733', { path: file, message: `${obj.kind} ${obj.metadata.namespace ? `${obj.metadata.namespace}/` : ''}${obj.metadata.name} is in the dump twice (${first} and ${file}).` }));
      }
      seen.set(id, file);
    }
    objects.push(...parsed.objects);
    problems.push(...parsed.problems);
  }
  if (problems.length > 0) throw new UserError(problems);
  return objects;
}

/** Where an environment's objects live: what it renders decides which part of a dump is its. */
export interface EnvironmentScope {
  /** Namespaces of the environment's namespaced objects (and its own namespace). */
  readonly namespaces: ReadonlySet<string>;
  /** `group/kind/name` of the cluster-scoped objects it renders: only those are compared. */
  readonly clusterScoped: ReadonlySet<string>;
  /** `group/kind` of the namespaced kinds it renders: a cluster-wide dump holds others too. */
  readonly kinds: ReadonlySet<string>;
}

function groupKind(obj: K8sObject): string {
  return `${apiGroup(obj.apiVersion)}/${obj.kind}`;
}

export function scopeOf(namespace: string, rendered: readonly K8sObject[]): EnvironmentScope {
  const namespaces = new Set([namespace]);
  const clusterScoped = new Set<string>();
  const kinds = new Set<string>();
  for (const obj of rendered) {
    if (obj.metadata.namespace === undefined) clusterScoped.add(`${groupKind(obj)}/${obj.metadata.name}`);
    else {
      namespaces.add(obj.metadata.namespace);
      kinds.add(groupKind(obj));
    }
  }
  return { namespaces, clusterScoped, kinds };
}

/** The part of a dump that belongs to one environment. Pure. */
export function dumpEnvironmentSource(objects: readonly K8sObject[], scope: EnvironmentScope): EnvironmentSource {
  const mine = objects.filter((obj) =>
    obj.metadata.namespace === undefined
      ? scope.clusterScoped.has(`${groupKind(obj)}/${obj.metadata.name}`)
      : scope.namespaces.has(obj.metadata.namespace) && scope.kinds.has(groupKind(obj)),
  );
  return { objects: mine, deletions: 'tracked', unreadable: [], problems: [] };
}
