/**
 * Every workload an environment renders, in one shape, whatever carries it: a Rivven custom resource
 * (the operator builds the pods from `spec`) or a pod template of our own (StatefulSet, Deployment,
 * CronJob…). The hygiene rules read containers, security contexts and probes from here, so they work
 * the same under both targets, and each workload knows which config block to point a finding at.
 */
import type { ResolvedEnvironment } from '../model/types.js';
import type { K8sObject } from '../render/k8s-object.js';
import type { PathSegment } from '../core/path.js';
import { arrayAt, field, numberAt, stringAt } from './object-fields.js';
import { rivvenApiVersion } from '../core/rivven.js';
import { isRecord } from '../core/json.js';

export type WorkloadComponent = 'brokers' | 'connect' | 'schema-registry' | 'operator' | 'backup' | 'other';

export interface WorkloadContainer {
  readonly name: string;
  readonly image: string | undefined;
  readonly resources: unknown;
  readonly securityContext: unknown;
  /**
   * The container's probes; `operator` when the Rivven operator builds them from its own defaults
   * (the CR's probe fields only tune them), `not-applicable` for init containers and Jobs, which
   * run to completion.
   */
  readonly probes: { readonly liveness: unknown; readonly readiness: unknown } | 'operator' | 'not-applicable';
  /** The image writes only to mounted volumes, so its root filesystem can be read-only. */
  readonly readOnlyRootCapable: boolean;
}

export interface Workload {
  readonly object: K8sObject;
  readonly component: WorkloadComponent;
  /** For messages: `RivvenCluster "main"`. */
  readonly label: string;
  readonly replicas: number | undefined;
  readonly podSecurityContext: unknown;
  readonly containers: readonly WorkloadContainer[];
  readonly affinity: unknown;
  readonly topologySpreadConstraints: unknown;
  /** Config blocks a finding about this workload points at. */
  readonly paths: { readonly base: readonly PathSegment[]; readonly resources: readonly PathSegment[]; readonly image: readonly PathSegment[] };
}

const podTemplateKinds: Readonly<Record<string, readonly string[]>> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

const runsToCompletion: ReadonlySet<string> = new Set(['Job', 'CronJob']);

/** Several rules ask for the same environment's workloads; an environment can render thousands of objects. */
const cache = new WeakMap<readonly K8sObject[], { readonly env: ResolvedEnvironment; readonly workloads: readonly Workload[] }>();

export function collectWorkloads(env: ResolvedEnvironment, objects: readonly K8sObject[]): readonly Workload[] {
  const cached = cache.get(objects);
  if (cached !== undefined && cached.env === env) return cached.workloads;
  const workloads = objects.flatMap((object) => {
    if (object.apiVersion === rivvenApiVersion) return fromCustomResource(env, object);
    const templatePath = podTemplateKinds[object.kind];
    return templatePath === undefined ? [] : [fromPodTemplate(env, object, templatePath)];
  });
  cache.set(objects, { env, workloads });
  return workloads;
}

/** The brokers' workload (RivvenCluster or StatefulSet), if the environment renders one. */
export function brokerWorkload(env: ResolvedEnvironment, objects: readonly K8sObject[]): Workload | undefined {
  return collectWorkloads(env, objects).find((w) => w.component === 'brokers');
}

function label(object: K8sObject): string {
  return `${object.kind} "${object.metadata.name}"`;
}

function fromCustomResource(env: ResolvedEnvironment, object: K8sObject): Workload[] {
  const spec = field(object, 'spec');
  const common = {
    object,
    label: label(object),
    replicas: numberAt(spec, 'replicas'),
    podSecurityContext: field(spec, 'securityContext'),
    affinity: field(spec, 'affinity'),
    topologySpreadConstraints: undefined,
  };
  const container = (name: string, readOnlyRootCapable: boolean): WorkloadContainer => ({
    name,
    image: stringAt(spec, 'image'),
    resources: field(spec, 'resources'),
    securityContext: field(spec, 'containerSecurityContext'),
    probes: 'operator',
    readOnlyRootCapable,
  });
  switch (object.kind) {
    case 'RivvenCluster':
      return [{ ...common, component: 'brokers', containers: [container('rivven', true)], paths: componentPaths(env, 'brokers') }];
    case 'RivvenConnect':
      return [{ ...common, component: 'connect', containers: [container('connect', false)], paths: componentPaths(env, 'connect', object.metadata.name) }];
    case 'RivvenSchemaRegistry':
      return [{ ...common, component: 'schema-registry', containers: [container('schema-registry', false)], paths: componentPaths(env, 'schema-registry') }];
    default:
      return [];
  }
}

function fromPodTemplate(env: ResolvedEnvironment, object: K8sObject, templatePath: readonly string[]): Workload {
  const template = field(object, ...templatePath);
  const pod = field(template, 'spec');
  const component = componentOf(object);
  const finite = runsToCompletion.has(object.kind);
  const containers = (key: 'containers' | 'initContainers'): WorkloadContainer[] =>
    arrayAt(pod, key).flatMap((c) => {
      if (!isRecord(c)) return [];
      const name = stringAt(c, 'name') ?? '';
      return [
        {
          name,
          image: stringAt(c, 'image'),
          resources: field(c, 'resources'),
          securityContext: field(c, 'securityContext'),
          probes: finite || key === 'initContainers' ? 'not-applicable' : { liveness: field(c, 'livenessProbe'), readiness: field(c, 'readinessProbe') },
          readOnlyRootCapable: readOnlyRootCapable(component, name),
        },
      ];
    });
  return {
    object,
    component,
    label: label(object),
    replicas: finite ? undefined : (numberAt(object, 'spec', 'replicas') ?? 1),
    podSecurityContext: field(pod, 'securityContext'),
    containers: [...containers('initContainers'), ...containers('containers')],
    affinity: field(pod, 'affinity'),
    topologySpreadConstraints: field(pod, 'topologySpreadConstraints'),
    paths: componentPaths(env, component),
  };
}

function componentOf(object: K8sObject): WorkloadComponent {
  switch (object.metadata.labels?.['app.kubernetes.io/component']) {
    case 'broker':
      return 'brokers';
    case 'operator':
      return 'operator';
    case 'backup':
      return 'backup';
    case 'connect':
      return 'connect';
    case 'schema-registry':
      return 'schema-registry';
    default:
      return 'other';
  }
}

/**
 * Images we know write only to their volumes: rivvend (its /data), the operator (nothing), and the
 * snapshot Job's kubectl (its /tmp emptyDir). Connect, the schema registry and a user's backup image
 * may write anywhere, so a writable root is their renderer's deliberate choice.
 */
function readOnlyRootCapable(component: WorkloadComponent, container: string): boolean {
  return component === 'brokers' || component === 'operator' || (component === 'backup' && container === 'snapshot');
}

function componentPaths(env: ResolvedEnvironment, component: WorkloadComponent, name?: string): Workload['paths'] {
  switch (component) {
    case 'brokers':
      return { base: ['cluster'], resources: ['cluster', 'resources'], image: ['cluster', 'image'] };
    case 'connect':
      return name === undefined
        ? { base: ['connect'], resources: ['connect'], image: ['connect'] }
        : { base: ['connect', name], resources: ['connect', name, 'resources'], image: ['connect', name, 'image'] };
    case 'schema-registry':
      return { base: ['schemaRegistry'], resources: ['schemaRegistry', 'resources'], image: ['schemaRegistry', 'image'] };
    case 'operator':
      return { base: ['operator'], resources: ['operator', 'resources'], image: ['operator', 'image'] };
    case 'backup':
      return {
        base: ['backup'],
        resources: ['backup', 'method'],
        image: env.config.backup?.method === 'command' ? ['backup', 'command', 'image'] : ['backup', 'method'],
      };
    case 'other':
      return { base: [], resources: [], image: [] };
  }
}
