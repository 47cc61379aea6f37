/**
 * Strict validation of rendered built-in (and a few third-party) Kubernetes objects, for tests.
 *
 * The schemas come from the `kubernetes-models` packages. They ship no JSON schema files: each kind is
 * a model class whose `validate()` runs an ajv-compiled validator of the Kubernetes OpenAPI schema. Those
 * validators check types, enums, formats (int32, quantity), int-or-string and required fields, but they
 * do NOT reject unknown fields (OpenAPI objects are open), while the API server prunes or rejects them
 * (`kubectl apply` fails under strict field validation, and a misspelled `readinessProbe` would silently
 * vanish). So the object is validated through a Proxy that records which properties the validator
 * reads on each object: a compiled validator reads every property its schema declares (and every key
 * of a map, which it iterates), so an own key it never read is a field the schema does not know. An
 * object the validator never looked into is free-form (`x-kubernetes-preserve-unknown-fields`) and is
 * left alone.
 *
 * A few API-server rules the OpenAPI schema cannot express are checked too (object names, label
 * syntax, port names), because those are what make `kubectl apply` fail after a green build.
 *
 * Test support only: it loads packages with `require`, so the pure stages never import it.
 */
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { K8sObject } from '../../src/render/k8s-object.js';

const require = createRequire(import.meta.url);

/** CommonJS packages holding model classes, tried in order; third-party ones only for their own API group. */
const packages: readonly { readonly name: string; readonly groups?: readonly string[] }[] = [
  { name: 'kubernetes-models' },
  { name: '@kubernetes-models/cert-manager', groups: ['cert-manager.io'] },
  { name: '@kubernetes-models/argo-cd', groups: ['argoproj.io'] },
];

/**
 * The prometheus-operator package is ESM only (and its own copy of `@kubernetes-models/base` exports
 * no `require` condition), so `require` cannot load it under tsx. Its kinds are imported up front;
 * validateBuiltin stays synchronous for callers.
 */
const esmKinds: readonly { readonly pkg: string; readonly apiVersion: string; readonly kinds: readonly string[] }[] = [
  { pkg: '@kubernetes-models/prometheus-operator', apiVersion: 'monitoring.coreos.com/v1', kinds: ['ServiceMonitor', 'PodMonitor', 'PrometheusRule'] },
];

interface ModelClass {
  readonly apiVersion: string;
  readonly kind: string;
  readonly prototype: { validate(this: unknown): void };
}

interface AjvError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly message?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A property of a loaded module or thrown error, without a cast. */
function propertyOf(value: unknown, key: string): unknown {
  return (typeof value === 'object' || typeof value === 'function') && value !== null ? Reflect.get(value, key) : undefined;
}

function isModelClass(value: unknown): value is ModelClass {
  if (typeof value !== 'function') return false;
  const proto: unknown = Reflect.get(value, 'prototype');
  return (
    typeof Reflect.get(value, 'apiVersion') === 'string' &&
    typeof Reflect.get(value, 'kind') === 'string' &&
    typeof proto === 'object' &&
    proto !== null &&
    typeof Reflect.get(proto, 'validate') === 'function'
  );
}

function isAjvErrorList(value: unknown): value is AjvError[] {
  return Array.isArray(value) && value.every((e) => isRecord(e) && typeof e['instancePath'] === 'string' && typeof e['keyword'] === 'string');
}

const modelCache = new Map<string, ModelClass | undefined>();

function packageDir(name: string): string {
  // Through the exported package.json: some packages export no `require` condition for their subpaths.
  return path.dirname(require.resolve(`${name}/package.json`));
}

for (const { pkg, apiVersion, kinds } of esmKinds) {
  for (const kind of kinds) {
    const mod: unknown = await import(pathToFileURL(path.join(packageDir(pkg), apiVersion, `${kind}.js`)).href);
    const exported = propertyOf(mod, kind);
    if (isModelClass(exported)) modelCache.set(`${apiVersion}/${kind}`, exported);
  }
}

/** The model class for an apiVersion/kind, or undefined when no installed package has one. */
function findModel(apiVersion: string, kind: string): ModelClass | undefined {
  const key = `${apiVersion}/${kind}`;
  if (modelCache.has(key)) return modelCache.get(key);
  const group = apiVersion.includes('/') ? (apiVersion.split('/')[0] ?? '') : '';
  let found: ModelClass | undefined;
  for (const pkg of packages) {
    if (pkg.groups !== undefined && !pkg.groups.includes(group)) continue;
    const file = path.join(packageDir(pkg.name), apiVersion, `${kind}.js`);
    if (!/^[A-Za-z0-9]+$/.test(kind) || !existsSync(file)) continue;
    const loaded: unknown = require(file);
    const exported = propertyOf(loaded, kind);
    // Sub-schemas (StatefulSetSpec, …) have model files too; only a top-level kind has apiVersion/kind.
    if (isModelClass(exported) && exported.kind === kind && exported.apiVersion === apiVersion) {
      found = exported;
      break;
    }
  }
  modelCache.set(key, found);
  return found;
}

/** Wraps a value so every property a validator reads is recorded per object. */
function tracked(value: unknown, reads: WeakMap<object, Set<string>>): unknown {
  if (value === null || typeof value !== 'object') return value;
  const seen = (target: object): Set<string> => {
    let set = reads.get(target);
    if (set === undefined) {
      set = new Set();
      reads.set(target, set);
    }
    return set;
  };
  return new Proxy(value, {
    get(target, key, receiver) {
      const set = seen(target);
      if (typeof key === 'string') set.add(key);
      return tracked(Reflect.get(target, key, receiver), reads);
    },
    has(target, key) {
      const set = seen(target);
      if (typeof key === 'string') set.add(key);
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      seen(target);
      return Reflect.ownKeys(target);
    },
  });
}

/** ajv reports every branch of a failed oneOf (int-or-string, quantity): say it once, with the forms allowed. */
function describeErrors(errors: readonly AjvError[]): string[] {
  const oneOfPaths = new Set(errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
  const out: string[] = [];
  for (const path of [...new Set(errors.map((e) => e.instancePath))]) {
    const here = errors.filter((e) => e.instancePath === path);
    const where = path === '' ? '/' : path;
    if (oneOfPaths.has(path)) {
      const forms = here.filter((e) => e.keyword !== 'oneOf').map((e) => e.message ?? e.keyword);
      out.push(`${where}: must match one allowed form (${[...new Set(forms)].join('; ')})`);
    } else {
      for (const e of here) out.push(`${where}: ${e.message ?? e.keyword}`);
    }
  }
  return out;
}

function findUnknownFields(value: unknown, pointer: string, reads: WeakMap<object, Set<string>>, out: string[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => findUnknownFields(item, `${pointer}/${i}`, reads, out));
    return;
  }
  if (!isRecord(value)) return;
  const known = reads.get(value);
  for (const [key, child] of Object.entries(value)) {
    if (known !== undefined && !known.has(key)) {
      out.push(`${pointer}/${key}: unknown field (not in the schema: the API server would prune or reject it)`);
      continue;
    }
    findUnknownFields(child, `${pointer}/${key}`, reads, out);
  }
}

const dnsSubdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const labelName = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
/** Container port names: IANA_SVC_NAME, at most 15 characters, at least one letter, no "--". */
const ianaServiceName = /^(?=.*[a-z])(?!.*--)[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

function checkLabels(map: unknown, where: string, values: boolean, out: string[]): void {
  if (!isRecord(map)) return;
  for (const [key, value] of Object.entries(map)) {
    const slash = key.lastIndexOf('/');
    const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
    const name = slash >= 0 ? key.slice(slash + 1) : key;
    if ((prefix !== undefined && (prefix.length > 253 || !dnsSubdomain.test(prefix))) || name.length > 63 || !labelName.test(name)) {
      out.push(`${where}: invalid key ${JSON.stringify(key)}`);
    }
    if (values && typeof value === 'string' && value !== '' && (value.length > 63 || !labelName.test(value))) {
      out.push(`${where}/${key}: invalid label value ${JSON.stringify(value)}`);
    }
  }
}

/** Port names the API server validates beyond the OpenAPI schema, wherever containers or Service ports appear. */
function checkPortNames(value: unknown, pointer: string, isService: boolean, out: string[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => checkPortNames(item, `${pointer}/${i}`, isService, out));
    return;
  }
  if (!isRecord(value)) return;
  for (const [key, child] of Object.entries(value)) {
    const here = `${pointer}/${key}`;
    if ((key === 'containers' || key === 'initContainers') && Array.isArray(child)) {
      child.forEach((c, i) => {
        const ports = isRecord(c) ? c['ports'] : undefined;
        if (!Array.isArray(ports)) return;
        ports.forEach((p, j) => {
          const name = isRecord(p) ? p['name'] : undefined;
          if (typeof name === 'string' && (name.length > 15 || !ianaServiceName.test(name))) {
            out.push(`${here}/${i}/ports/${j}/name: ${JSON.stringify(name)} is not a valid port name (IANA_SVC_NAME, at most 15 characters)`);
          }
        });
      });
    }
    if (isService && key === 'ports' && pointer === '/spec' && Array.isArray(child)) {
      child.forEach((p, j) => {
        const name = isRecord(p) ? p['name'] : undefined;
        if (typeof name === 'string' && !dnsLabel.test(name)) out.push(`${here}/${j}/name: ${JSON.stringify(name)} is not a DNS label`);
        if (name === undefined && child.length > 1) out.push(`${here}/${j}/name: required when a Service has more than one port`);
      });
    }
    checkPortNames(child, here, isService, out);
  }
}

function checkMetadata(obj: K8sObject, out: string[]): void {
  const meta: unknown = obj.metadata;
  if (!isRecord(meta)) {
    out.push('/metadata: required');
    return;
  }
  const name = meta['name'];
  if (typeof name !== 'string' || name.length === 0) out.push('/metadata/name: required');
  else if (name.length > 253 || !dnsSubdomain.test(name)) out.push(`/metadata/name: ${JSON.stringify(name)} is not a DNS-1123 subdomain`);
  const namespace = meta['namespace'];
  if (typeof namespace === 'string' && (namespace.length > 63 || !dnsLabel.test(namespace))) {
    out.push(`/metadata/namespace: ${JSON.stringify(namespace)} is not a DNS-1123 label`);
  }
  checkLabels(meta['labels'], '/metadata/labels', true, out);
  checkLabels(meta['annotations'], '/metadata/annotations', false, out);
}

/**
 * Problems the API server would have with `obj`, as `Kind name: /json/pointer: what`. Empty when the
 * object would be accepted as written. An apiVersion/kind without an installed schema is a problem too,
 * so nothing passes silently.
 */
export function validateBuiltin(obj: K8sObject): string[] {
  const label = `${obj.kind} ${isRecord(obj.metadata) ? String(obj.metadata['name']) : '?'}`;
  const model = findModel(obj.apiVersion, obj.kind);
  if (model === undefined) return [`${label}: no schema for kind ${obj.kind} (apiVersion ${obj.apiVersion})`];
  const problems: string[] = [];
  const reads = new WeakMap<object, Set<string>>();
  try {
    model.prototype.validate.call(tracked(obj, reads));
  } catch (error) {
    const errors = propertyOf(error, 'errors');
    if (!isAjvErrorList(errors)) throw error;
    problems.push(...describeErrors(errors));
  }
  findUnknownFields(obj, '', reads, problems);
  checkMetadata(obj, problems);
  checkPortNames(obj, '', obj.kind === 'Service' && obj.apiVersion === 'v1', problems);
  return problems.map((p) => `${label}: ${p}`);
}

/** Every problem of every object, for `assert.equal(validateAll(objects), [])`. */
export function validateAll(objects: readonly K8sObject[]): string[] {
  return objects.flatMap((o) => validateBuiltin(o));
}

/** Volume types the `restricted` Pod Security Standard allows. */
const restrictedVolumeTypes = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret']);

/** The pod spec inside a workload object (Pod, Deployment & co., CronJob), if it has one. */
function podSpecOf(obj: K8sObject): { spec: Record<string, unknown>; pointer: string } | undefined {
  const spec = propertyOf(obj, 'spec');
  if (obj.kind === 'Pod' && isRecord(spec)) return { spec, pointer: '/spec' };
  const template = propertyOf(obj.kind === 'CronJob' ? propertyOf(propertyOf(spec, 'jobTemplate'), 'spec') : spec, 'template');
  const podSpec = propertyOf(template, 'spec');
  if (!isRecord(podSpec)) return undefined;
  return { spec: podSpec, pointer: obj.kind === 'CronJob' ? '/spec/jobTemplate/spec/template/spec' : '/spec/template/spec' };
}

/**
 * Violations of the `restricted` Pod Security Standard (the profile the environment namespace
 * enforces), for any object carrying a pod template. Empty for objects without pods.
 */
export function checkRestrictedPodSecurity(obj: K8sObject): string[] {
  const found = podSpecOf(obj);
  if (found === undefined) return [];
  const { spec, pointer } = found;
  const label = `${obj.kind} ${obj.metadata.name}`;
  const out: string[] = [];
  for (const key of ['hostNetwork', 'hostPID', 'hostIPC']) if (spec[key] === true) out.push(`${pointer}/${key}: must not be true`);
  const podSc = isRecord(spec['securityContext']) ? spec['securityContext'] : {};
  const podSeccomp = propertyOf(podSc['seccompProfile'], 'type');
  const volumes = Array.isArray(spec['volumes']) ? spec['volumes'] : [];
  volumes.forEach((v, i) => {
    const types = isRecord(v) ? Object.keys(v).filter((k) => k !== 'name') : [];
    for (const t of types) if (!restrictedVolumeTypes.has(t)) out.push(`${pointer}/volumes/${i}: volume type ${t} is not allowed`);
  });
  const containers = [
    ...(Array.isArray(spec['initContainers']) ? spec['initContainers'].map((c, i) => ({ c, at: `${pointer}/initContainers/${i}` })) : []),
    ...(Array.isArray(spec['containers']) ? spec['containers'].map((c, i) => ({ c, at: `${pointer}/containers/${i}` })) : []),
  ];
  for (const { c, at } of containers) {
    const sc = isRecord(propertyOf(c, 'securityContext')) ? propertyOf(c, 'securityContext') : {};
    const get = (key: string): unknown => propertyOf(sc, key);
    if (get('privileged') === true) out.push(`${at}/securityContext/privileged: must not be true`);
    if (get('allowPrivilegeEscalation') !== false) out.push(`${at}/securityContext/allowPrivilegeEscalation: must be false`);
    if ((get('runAsNonRoot') ?? podSc['runAsNonRoot']) !== true) out.push(`${at}/securityContext/runAsNonRoot: must be true (here or on the pod)`);
    if ((get('runAsUser') ?? podSc['runAsUser']) === 0) out.push(`${at}/securityContext/runAsUser: must not be 0`);
    const seccomp = propertyOf(get('seccompProfile'), 'type') ?? podSeccomp;
    if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') out.push(`${at}/securityContext/seccompProfile: must be RuntimeDefault or Localhost (here or on the pod)`);
    const drop = propertyOf(get('capabilities'), 'drop');
    if (!Array.isArray(drop) || !drop.includes('ALL')) out.push(`${at}/securityContext/capabilities/drop: must include ALL`);
    const add = propertyOf(get('capabilities'), 'add');
    if (Array.isArray(add) && add.some((a) => a !== 'NET_BIND_SERVICE')) out.push(`${at}/securityContext/capabilities/add: only NET_BIND_SERVICE is allowed`);
    const ports = propertyOf(c, 'ports');
    if (Array.isArray(ports) && ports.some((p) => propertyOf(p, 'hostPort') !== undefined)) out.push(`${at}/ports: hostPort is not allowed`);
  }
  return out.map((p) => `${label}: ${p}`);
}
