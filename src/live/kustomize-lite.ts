/**
 * A small, strict evaluator of exactly the Kustomize subset `rivven-gitops build` writes, so the git
 * source can turn a committed out/ into objects without a kustomize binary and without a checkout:
 * - `resources:` entries that are YAML files or directories holding a kustomization;
 * - `namespace:`, transformed by the same model of kustomize the layout writer plans with
 *   (kustomize/scope.ts: cluster-scoped kinds, Namespace rename, binding subjects);
 * - `patches:` of RFC 6902 operations (inline `patch:` or a `path:` file), applied by the layout's own
 *   implementation (customize/apply-json-patch.ts), with a `target` matched by group, version, kind,
 *   name and namespace as anchored regular expressions — applied before the namespace transform, as
 *   kustomize does.
 * test/live/kustomize-lite.test.ts compares all of it with `kubectl kustomize`.
 * Anything else (generators, strategic-merge patches, components, remote resources, unknown fields) is
 * refused with RG731 rather than evaluated approximately. Pure: it reads a map of files.
 */
import { parseAllDocuments } from 'yaml';
import { finding } from '../errors/catalog.js';
import { UserError } from '../errors/diagnostic.js';
import type { K8sObject } from '../render/k8s-object.js';
import { isPlainObject, type JsonObject } from '../core/json.js';
import { applyJsonPatch, parseJsonPatch } from '../customize/apply-json-patch.js';
import { apiGroup, apiVersionOnly } from '../core/object-ref.js';
import { transformNamespace } from '../kustomize/scope.js';
import { toK8sObject } from './source.js';

/** Paths relative to the tree root, `/`-separated → file contents. */
export type FileMap = ReadonlyMap<string, string>;

const kustomizationNames = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const allowedKeys = new Set(['apiVersion', 'kind', 'namespace', 'resources', 'patches']);
const allowedTargetKeys = new Set(['group', 'version', 'kind', 'name', 'namespace']);

function fail(path: string, message: string): never {
  throw new UserError([finding('RG731', { path, message })]);
}

function normalizePath(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) fail(path, `${path} points outside the output directory.`);
      out.pop();
    } else out.push(part);
  }
  return out.join('/');
}

function join(dir: string, rel: string): string {
  return normalizePath(dir === '' ? rel : `${dir}/${rel}`);
}

function parseYamlDocuments(file: string, text: string): unknown[] {
  const docs = parseAllDocuments(text);
  const out: unknown[] = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) fail(file, `${file} is not valid YAML: ${doc.errors[0]?.message ?? 'parse error'}`);
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    if (value !== null && value !== undefined) out.push(value);
  }
  return out;
}

function readObjects(files: FileMap, file: string): K8sObject[] {
  const text = files.get(file);
  if (text === undefined) fail(file, `${file} does not exist.`);
  return parseYamlDocuments(file, text).map((doc, i) => toK8sObject(doc) ?? fail(file, `document ${i + 1} of ${file} is not a Kubernetes object (apiVersion, kind and metadata.name).`));
}

function findKustomization(files: FileMap, dir: string): string | undefined {
  return kustomizationNames.map((n) => join(dir, n)).find((p) => files.has(p));
}

function isDirectory(files: FileMap, dir: string): boolean {
  const prefix = `${dir}/`;
  for (const path of files.keys()) if (path.startsWith(prefix)) return true;
  return false;
}

function resId(obj: K8sObject): string {
  return `${obj.apiVersion}/${obj.kind}/${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
}

interface Target {
  readonly group?: RegExp;
  readonly version?: RegExp;
  readonly kind?: RegExp;
  readonly name?: RegExp;
  readonly namespace?: RegExp;
}

function readTarget(file: string, value: unknown): Target {
  if (!isPlainObject(value)) fail(file, `${file}: a patch needs a target (strategic-merge patches are not evaluated).`);
  const out: Record<string, RegExp> = {};
  for (const [key, v] of Object.entries(value)) {
    if (!allowedTargetKeys.has(key)) fail(file, `${file}: patch target field "${key}" is not evaluated by the git source.`);
    if (typeof v !== 'string') fail(file, `${file}: patch target ${key} must be a string.`);
    out[key] = new RegExp(`^(?:${v})$`);
  }
  return out;
}

function matches(target: Target, obj: K8sObject): boolean {
  const test = (re: RegExp | undefined, value: string) => re === undefined || re.test(value);
  return (
    test(target.group, apiGroup(obj.apiVersion)) &&
    test(target.version, apiVersionOnly(obj.apiVersion)) &&
    test(target.kind, obj.kind) &&
    test(target.name, obj.metadata.name) &&
    test(target.namespace, obj.metadata.namespace ?? '')
  );
}

function applyPatches(files: FileMap, dir: string, kfile: string, patches: unknown, objects: K8sObject[]): K8sObject[] {
  if (patches === undefined) return objects;
  if (!Array.isArray(patches)) fail(kfile, `${kfile}: patches must be a list.`);
  let out = objects;
  for (const entry of patches) {
    if (!isPlainObject(entry)) fail(kfile, `${kfile}: every patch must be a map.`);
    const extra = Object.keys(entry).filter((k) => k !== 'path' && k !== 'patch' && k !== 'target');
    if (extra.length > 0) fail(kfile, `${kfile}: patch field "${extra[0] ?? ''}" is not evaluated by the git source.`);
    const target = readTarget(kfile, entry['target']);
    const source = typeof entry['path'] === 'string' ? join(dir, entry['path']) : kfile;
    const text = typeof entry['path'] === 'string' ? files.get(source) : entry['patch'];
    if (typeof text !== 'string') fail(source, `${source}: the patch has neither a readable path nor an inline patch.`);
    const [operations] = parseYamlDocuments(source, text);
    if (!Array.isArray(operations)) fail(source, `${source}: only RFC 6902 (JSON patch) operation lists are evaluated.`);
    out = out.map((obj) => {
      if (!matches(target, obj)) return obj;
      const onError = (message: string) => fail(source, `${source}: ${message} (patching ${obj.kind} ${obj.metadata.name}).`);
      const patched = applyJsonPatch<unknown>(obj, parseJsonPatch(operations, onError), onError);
      return toK8sObject(patched) ?? fail(source, `${source}: the patch leaves ${obj.kind} ${obj.metadata.name} without apiVersion, kind or name.`);
    });
  }
  return out;
}

function build(files: FileMap, dir: string, stack: readonly string[]): K8sObject[] {
  if (stack.includes(dir)) fail(dir, `${dir} includes itself (${[...stack, dir].join(' → ')}).`);
  const kfile = findKustomization(files, dir);
  if (kfile === undefined) fail(dir, `${dir || '.'} has no kustomization.yaml.`);
  const [doc, ...more] = parseYamlDocuments(kfile, files.get(kfile) ?? '');
  if (more.length > 0 || !isPlainObject(doc)) fail(kfile, `${kfile} must hold one map.`);
  const kustomization: JsonObject = doc;
  for (const key of Object.keys(kustomization)) {
    if (!allowedKeys.has(key)) fail(kfile, `${kfile}: "${key}" is not evaluated by the git source (only resources, namespace and RFC 6902 patches are).`);
  }
  const resources = kustomization['resources'] ?? [];
  if (!Array.isArray(resources)) fail(kfile, `${kfile}: resources must be a list.`);
  const objects: K8sObject[] = [];
  const seen = new Set<string>();
  for (const entry of resources) {
    if (typeof entry !== 'string') fail(kfile, `${kfile}: every resource must be a path.`);
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(entry) || entry.startsWith('github.com/')) {
      fail(kfile, `${kfile}: remote resource ${entry} cannot be read from a git ref.`);
    }
    const path = join(dir, entry);
    const loaded = files.has(path) ? readObjects(files, path) : isDirectory(files, path) ? build(files, path, [...stack, dir]) : fail(kfile, `${kfile}: resource ${entry} does not exist.`);
    for (const obj of loaded) {
      const id = resId(obj);
      if (seen.has(id)) fail(kfile, `${kfile}: ${obj.kind} ${obj.metadata.name} is included twice.`);
      seen.add(id);
      objects.push(obj);
    }
  }
  const patched = applyPatches(files, dir, kfile, kustomization['patches'], objects);
  const namespace = kustomization['namespace'];
  if (namespace === undefined) return patched;
  if (typeof namespace !== 'string' || namespace === '') fail(kfile, `${kfile}: namespace must be a non-empty string.`);
  return transformNamespace(patched, namespace);
}

/** The objects `kubectl kustomize <dir>` would print for `dir` of `files` (as a set: order is not kept). */
export function buildKustomization(files: FileMap, dir: string): K8sObject[] {
  return build(files, normalizePath(dir), []);
}

/** True when `dir` of `files` holds a kustomization. */
export function hasKustomization(files: FileMap, dir: string): boolean {
  return findKustomization(files, normalizePath(dir)) !== undefined;
}
