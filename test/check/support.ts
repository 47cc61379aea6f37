/**
 * Policy tests resolve a real base + environments (so violations carry the merge's positions) and
 * render them with the real renderers. `productionBase` passes every rule under the production
 * profile; each failing fixture changes one thing in an environment layer.
 */
import * as assert from 'uvu/assert';
import type { Finding } from '../../src/errors/diagnostic.js';
import type { ResolvedEnvironment, ResolvedFleet } from '../../src/model/types.js';
import type { K8sObject } from '../../src/render/k8s-object.js';
import { renderNamespace } from '../../src/render/namespace.js';
import { renderRivvenCluster } from '../../src/render/rivven-cluster.js';
import { renderBrokerStatefulSet } from '../../src/render/broker-statefulset.js';
import { renderBrokerServices } from '../../src/render/broker-services.js';
import { renderBrokerPdb } from '../../src/render/broker-pdb.js';
import { renderBrokerHpa } from '../../src/render/broker-hpa.js';
import { renderBrokerCertificate } from '../../src/render/tls.js';
import { renderTopics } from '../../src/render/rivven-topic.js';
import { renderConnect } from '../../src/render/rivven-connect.js';
import { renderSchemaRegistry } from '../../src/render/rivven-schema-registry.js';
import { renderOperatorInstall } from '../../src/render/operator-install.js';
import { renderNetworkPolicies } from '../../src/render/network-policy.js';
import { renderIngresses } from '../../src/render/ingress.js';
import { renderMonitoring } from '../../src/render/monitoring.js';
import { renderBackup } from '../../src/render/backup.js';
import type { PathSegment } from '../../src/core/path.js';
import { resolveFleet } from '../../src/resolve/resolve-environment.js';
import { checkEnvironment } from '../../src/check/check-fleet.js';
import type { CheckRule, Violation } from '../../src/check/rule.js';
import { field } from '../../src/check/object-fields.js';
import { loadedProject, positionIn } from '../resolve/support/loaded.js';

const resources = { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '2', memory: '2Gi' } };

/** A fleet base that every rule accepts in production. */
export const productionBase = {
  project: 'shop',
  profile: 'production',
  cluster: {
    replicas: 3,
    storage: { size: '100Gi', storageClassName: 'premium-ssd' },
    resources,
    placement: { antiAffinity: 'required', zoneSpread: true },
    tls: { enabled: true, certManager: { issuerRef: { name: 'internal-ca' } } },
    clusterAuthToken: { secretName: 'rivven-cluster-token', key: 'token' },
    auth: { mechanism: 'scram', scram: { existingSecret: 'rivven-users' } },
  },
  topics: {
    orders: { partitions: 6, replicationFactor: 3, minInsyncReplicas: 2, retentionBytes: '1Gi', deleteOnRemove: false },
  },
  connect: {
    cdc: { replicas: 2, resources, sources: { pg: { connector: 'http', topic: 'orders' } } },
  },
  schemaRegistry: { replicas: 2, resources, podDisruptionBudget: { enabled: true, maxUnavailable: 1 } },
  monitoring: {},
  networkPolicy: { allowedNamespaces: ['orders'] },
  backup: { method: 'volume-snapshot' },
  argocd: { repoURL: 'https://git.example.com/fleet.git' },
};

/** Every object the real renderers produce for one environment (what render-fleet gathers). */
export function renderEnvironment(env: ResolvedEnvironment): K8sObject[] {
  return [
    ...renderNamespace(env),
    ...renderRivvenCluster(env),
    ...renderBrokerStatefulSet(env),
    ...renderBrokerServices(env),
    ...renderBrokerPdb(env),
    ...renderBrokerHpa(env),
    ...renderBrokerCertificate(env),
    ...renderTopics(env),
    ...renderConnect(env),
    ...renderSchemaRegistry(env),
    ...renderOperatorInstall(env),
    ...renderNetworkPolicies(env),
    ...renderIngresses(env),
    ...renderMonitoring(env),
    ...renderBackup(env),
  ];
}

export interface Fixture {
  readonly fleet: ResolvedFleet;
  readonly env: ResolvedEnvironment;
  readonly objects: K8sObject[];
  /** Position of `path` in the environment's file. */
  readonly envPos: (...path: PathSegment[]) => ReturnType<typeof positionIn>;
  /** Position of `path` in the base file. */
  readonly basePos: (...path: PathSegment[]) => ReturnType<typeof positionIn>;
}

/**
 * Resolves `environments` (name → overlay) over `base` and returns the one called `name`
 * (the first by default), rendered.
 */
export function fixture(environments: Readonly<Record<string, unknown>>, base: unknown = productionBase, name?: string): Fixture {
  const project = loadedProject(base, { ...environments });
  const { fleet, findings } = resolveFleet(project);
  const wanted = name ?? Object.keys(environments)[0] ?? '';
  const env = fleet.environments.find((e) => e.name === wanted);
  if (env === undefined) throw new Error(`did not resolve ${wanted}: ${findings.map((f) => `${f.code} ${f.path}: ${f.message}`).join('; ')}`);
  const file = project.environments.find((e) => e.name === wanted);
  if (file === undefined) throw new Error(`no file for ${wanted}`);
  return {
    fleet,
    env,
    objects: renderEnvironment(env),
    envPos: (...path) => positionIn(file, path),
    basePos: (...path) => positionIn(project.base, path),
  };
}

/** One environment `prod` = base ← overlay. */
export function prod(overlay: unknown = {}, base: unknown = productionBase): Fixture {
  return fixture({ prod: overlay }, base);
}

export function run(rule: CheckRule, f: Fixture): Violation[] {
  return rule.check({ env: f.env, objects: f.objects, fleet: f.fleet });
}

/** Runs `rule` on objects changed after rendering: for settings no config can produce. */
export function runOn(rule: CheckRule, f: Fixture, change: (objects: K8sObject[]) => K8sObject[]): Violation[] {
  return rule.check({ env: f.env, objects: change(structuredClone(f.objects)), fleet: f.fleet });
}

/** Every finding of the whole policy for the fixture's environment. */
export function checkAll(f: Fixture): Finding[] {
  return checkEnvironment(f.env, f.objects, f.fleet);
}

export function paths(violations: readonly Violation[]): string[] {
  return violations.map((v) => v.path.join('.'));
}

/** Asserts exactly one violation, at `path`, located at `loc`, whose message matches `message`. */
export function assertOne(violations: readonly Violation[], path: string, loc: unknown, message: RegExp): Violation {
  assert.equal(paths(violations), [path]);
  const [v] = violations;
  if (v === undefined) throw new Error('unreachable');
  assert.equal(v.loc, loc);
  assert.match(v.message, message);
  return v;
}

/**
 * Sets (or, with `undefined`, deletes) the value at `path` of the first object of `kind`, for
 * post-render changes: what the policy must catch even though no config produces it today.
 */
export function edit(objects: K8sObject[], kind: string, path: readonly (string | number)[], value: unknown): K8sObject[] {
  const target = objects.find((o) => o.kind === kind);
  if (target === undefined) throw new Error(`no ${kind} rendered`);
  const parent = field(target, ...path.slice(0, -1));
  const key = path[path.length - 1];
  if (key === undefined || parent === null || typeof parent !== 'object') throw new Error(`no ${path.join('.')} in ${kind}`);
  if (value === undefined) Reflect.deleteProperty(parent, key);
  else Reflect.set(parent, key, value);
  return objects;
}
