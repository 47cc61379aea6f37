/**
 * Strict validation of rendered built-in (and third-party) Kubernetes objects, for tests: the build's
 * own conform stage (src/conform) with no Rivven schema pack, so a Rivven custom resource has no schema
 * here (test/support/crd-schema.ts checks those). Problems read `Kind name: /json/pointer: what`.
 */
import type { K8sObject } from '../../src/render/k8s-object.js';
import { conformObject } from '../../src/conform/conform-object.js';
import { formatPointer } from '../../src/conform/violation.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A property of an object, without a cast. */
function propertyOf(value: unknown, key: string): unknown {
  return (typeof value === 'object' || typeof value === 'function') && value !== null ? Reflect.get(value, key) : undefined;
}

/**
 * Problems the API server would have with `obj`, as `Kind name: /json/pointer: what`. Empty when the
 * object would be accepted as written. An apiVersion/kind without an installed schema is a problem too,
 * so nothing passes silently.
 */
export function validateBuiltin(obj: K8sObject): string[] {
  const label = `${obj.kind} ${isRecord(obj.metadata) ? String(obj.metadata['name']) : '?'}`;
  return conformObject(obj, undefined).violations.map((v) => (v.path.length === 0 ? `${label}: ${v.message}` : `${label}: ${formatPointer(v.path)}: ${v.message}`));
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
