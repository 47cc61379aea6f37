/**
 * A small, strict evaluator of exactly the Kustomize subset `rivven-gitops build` writes, so the git
 * source can turn a committed out/ into objects without a kustomize binary and without a checkout:
 * - `resources:` entries that are YAML files or directories holding a kustomization;
 * - `namespace:` with the rules measured on kustomize 5.5 (test/live/kustomize-lite.test.ts compares with
 *   `kubectl kustomize`): a `v1` Namespace is renamed to it; built-in cluster-scoped kinds are left
 *   alone; every other object (custom resources included) gets `metadata.namespace`, replacing any it
 *   had; binding subjects follow it when named `default` or when they name a ServiceAccount of the
 *   build (see transformNamespace), other subjects keep theirs;
 * - `patches:` of RFC 6902 operations (inline `patch:` or a `path:` file) with a `target` matched by
 *   group, version, kind, name and namespace as anchored regular expressions — applied before the
 *   namespace transform, as kustomize does.
 * Anything else (generators, strategic-merge patches, components, remote resources, unknown fields) is
 * refused with RG731 rather than evaluated approximately. Pure: it reads a map of files.
 */
import { parseAllDocuments } from 'yaml';
import { finding } from '../errors/catalog.js';
import { UserError } from '../errors/diagnostic.js';
import type { K8sObject } from '../render/k8s-object.js';
import { toK8sObject } from './source.js';
import { isRecord, type JsonObject } from '../core/json.js';
import { jsonEqual } from '../core/json-equal.js';
import { apiGroup, apiVersionOnly } from '../core/object-ref.js';
import { unescapePointerSegment } from '../core/json-pointer.js';

/** Paths relative to the tree root, `/`-separated → file contents. */
export type FileMap = ReadonlyMap<string, string>;

const kustomizationNames = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const allowedKeys = new Set(['apiVersion', 'kind', 'namespace', 'resources', 'patches']);
const allowedTargetKeys = new Set(['group', 'version', 'kind', 'name', 'namespace']);

/** Built-in cluster-scoped kinds kustomize 5.5 knows from its schema (apiVersion/kind). */
const clusterScoped = new Set([
  'v1/Namespace',
  'v1/Node',
  'v1/PersistentVolume',
  'v1/ComponentStatus',
  'rbac.authorization.k8s.io/v1/ClusterRole',
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding',
  'apiextensions.k8s.io/v1/CustomResourceDefinition',
  'apiregistration.k8s.io/v1/APIService',
  'admissionregistration.k8s.io/v1/MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration',
  'storage.k8s.io/v1/StorageClass',
  'storage.k8s.io/v1/CSIDriver',
  'storage.k8s.io/v1/CSINode',
  'storage.k8s.io/v1/VolumeAttachment',
  'scheduling.k8s.io/v1/PriorityClass',
  'node.k8s.io/v1/RuntimeClass',
  'networking.k8s.io/v1/IngressClass',
  'certificates.k8s.io/v1/CertificateSigningRequest',
]);

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
  if (!isRecord(value)) fail(file, `${file}: a patch needs a target (strategic-merge patches are not evaluated).`);
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
    if (!isRecord(entry)) fail(kfile, `${kfile}: every patch must be a map.`);
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
      const patched = applyJsonPatch(obj, operations, (message) => fail(source, `${source}: ${message} (patching ${obj.kind} ${obj.metadata.name}).`));
      return toK8sObject(patched) ?? fail(source, `${source}: the patch leaves ${obj.kind} ${obj.metadata.name} without apiVersion, kind or name.`);
    });
  }
  return out;
}

function isBinding(obj: K8sObject): boolean {
  return apiGroup(obj.apiVersion) === 'rbac.authorization.k8s.io' && (obj.kind === 'RoleBinding' || obj.kind === 'ClusterRoleBinding');
}

/**
 * The `namespace:` transform of one kustomization. Binding subjects get the new namespace when they are
 * named `default` (any kind), or when they name a ServiceAccount of this build and either have no
 * namespace or the ServiceAccount's namespace before the transform (kustomize's name-reference rule,
 * which does not look at the subject's kind) — measured, see the test.
 */
function transformNamespace(objects: readonly K8sObject[], namespace: string): K8sObject[] {
  const serviceAccounts = objects.filter((o) => o.apiVersion === 'v1' && o.kind === 'ServiceAccount').map((o) => o.metadata);
  const follows = (subject: JsonObject): boolean => {
    const name = subject['name'];
    if (name === 'default') return true;
    const ns = subject['namespace'];
    return serviceAccounts.some((sa) => sa.name === name && (ns === undefined || ns === sa.namespace));
  };
  return objects.map((obj) => {
    const out = structuredClone(obj);
    if (out.apiVersion === 'v1' && out.kind === 'Namespace') {
      out.metadata.name = namespace;
      return out;
    }
    if (isBinding(out) && Array.isArray(out['subjects'])) {
      for (const subject of out['subjects']) if (isRecord(subject) && follows(subject)) subject['namespace'] = namespace;
    }
    if (!clusterScoped.has(`${out.apiVersion}/${out.kind}`)) out.metadata.namespace = namespace;
    return out;
  });
}

// RFC 6902, as kustomize applies it (evanphx/json-patch): paths must exist except for the last step of
// an `add`; `-` appends to a list.

function parsePointer(pointer: string, onError: (message: string) => never): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) onError(`"${pointer}" is not a JSON pointer`);
  return pointer
    .slice(1)
    .split('/')
    .map(unescapePointerSegment);
}

function listIndex(list: readonly unknown[], token: string, forAdd: boolean, onError: (message: string) => never): number {
  if (forAdd && token === '-') return list.length;
  if (!/^(0|[1-9][0-9]*)$/.test(token)) onError(`"${token}" is not a list index`);
  const index = Number(token);
  if (index > list.length || (!forAdd && index === list.length)) onError(`index ${index} is out of range`);
  return index;
}

function parentOf(doc: unknown, tokens: readonly string[], onError: (message: string) => never): unknown {
  let node = doc;
  for (const token of tokens.slice(0, -1)) {
    if (Array.isArray(node)) node = node[listIndex(node, token, false, onError)];
    else if (isRecord(node) && Object.hasOwn(node, token)) node = node[token];
    else onError(`path segment "${token}" does not exist`);
  }
  return node;
}

function getAt(doc: unknown, pointer: string, onError: (message: string) => never): unknown {
  const tokens = parsePointer(pointer, onError);
  const last = tokens[tokens.length - 1];
  if (last === undefined) return doc;
  const parent = parentOf(doc, tokens, onError);
  if (Array.isArray(parent)) return parent[listIndex(parent, last, false, onError)];
  if (isRecord(parent) && Object.hasOwn(parent, last)) return parent[last];
  return onError(`${pointer} does not exist`);
}

function removeAt(doc: unknown, pointer: string, onError: (message: string) => never): void {
  const tokens = parsePointer(pointer, onError);
  const last = tokens[tokens.length - 1];
  if (last === undefined) onError('cannot remove the whole object');
  const parent = parentOf(doc, tokens, onError);
  if (Array.isArray(parent)) parent.splice(listIndex(parent, last, false, onError), 1);
  else if (isRecord(parent) && Object.hasOwn(parent, last)) delete parent[last];
  else onError(`${pointer} does not exist`);
}

function setAt(doc: unknown, pointer: string, value: unknown, mode: 'add' | 'replace', onError: (message: string) => never): unknown {
  const tokens = parsePointer(pointer, onError);
  const last = tokens[tokens.length - 1];
  if (last === undefined) return value;
  const parent = parentOf(doc, tokens, onError);
  if (Array.isArray(parent)) {
    const index = listIndex(parent, last, mode === 'add', onError);
    if (mode === 'add') parent.splice(index, 0, value);
    else parent[index] = value;
  } else if (isRecord(parent)) {
    if (mode === 'replace' && !Object.hasOwn(parent, last)) onError(`${pointer} does not exist`);
    parent[last] = value;
  } else onError(`the parent of ${pointer} is not a map or list`);
  return doc;
}

function applyJsonPatch(obj: K8sObject, operations: readonly unknown[], onError: (message: string) => never): unknown {
  let doc: unknown = structuredClone(obj);
  for (const op of operations) {
    if (!isRecord(op) || typeof op['op'] !== 'string' || typeof op['path'] !== 'string') onError('every operation needs op and path');
    const path = op['path'];
    const from = typeof op['from'] === 'string' ? op['from'] : undefined;
    switch (op['op']) {
      case 'add':
      case 'replace':
        if (!Object.hasOwn(op, 'value')) onError(`${op['op']} ${path} has no value`);
        doc = setAt(doc, path, structuredClone(op['value']), op['op'], onError);
        break;
      case 'remove':
        removeAt(doc, path, onError);
        break;
      case 'move':
      case 'copy': {
        if (from === undefined) onError(`${op['op']} ${path} has no from`);
        const value = structuredClone(getAt(doc, from, onError));
        if (op['op'] === 'move') removeAt(doc, from, onError);
        doc = setAt(doc, path, value, 'add', onError);
        break;
      }
      case 'test':
        if (!jsonEqual(getAt(doc, path, onError), op['value'])) onError(`test of ${path} failed`);
        break;
      default:
        onError(`unknown operation "${op['op']}"`);
    }
  }
  return doc;
}

function build(files: FileMap, dir: string, stack: readonly string[]): K8sObject[] {
  if (stack.includes(dir)) fail(dir, `${dir} includes itself (${[...stack, dir].join(' → ')}).`);
  const kfile = findKustomization(files, dir);
  if (kfile === undefined) fail(dir, `${dir || '.'} has no kustomization.yaml.`);
  const [doc, ...more] = parseYamlDocuments(kfile, files.get(kfile) ?? '');
  if (more.length > 0 || !isRecord(doc)) fail(kfile, `${kfile} must hold one map.`);
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
