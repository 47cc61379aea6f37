/**
 * fast-check arbitrary of small fleets: 2–3 environments, each holding a random subset of object
 * templates in one of three variants. Variants change scalars, maps (keys added/removed), array
 * lengths, subjects named `default`, per-env or shared cluster-scoped names, foreign namespaces and
 * YAML 1.1 trap strings — everything the layout rules branch on.
 */
import fc from 'fast-check';
import type { K8sObject } from '../../src/render/k8s-object.js';
import type { EnvironmentRender, FleetRender } from '../../src/kustomize/types.js';
import { rivvenApi } from './fleet-fixture.js';

const trickyStrings = ['on', '0777', '1e3', '~', 'yes', 'a\nmulti-line\nvalue\n', 'x: y', '', 'null', '2024-01-01', '1:20', '0x1F', '.inf', 'plain'];

type Template = (env: string, ns: string, variant: number, pick: string) => K8sObject;

const templates: readonly Template[] = [
  (_env, ns, v, pick) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: ns }, data: { value: v === 0 ? 'on' : pick, fixed: '0777', [`k${v}`]: '1e3' } }),
  (_env, ns, v) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'api', namespace: ns, labels: { 'app.kubernetes.io/name': 'api' }, annotations: { 'example.com/a~b': v === 1 ? 'changed' : 'x' } },
    spec: {
      replicas: [1, 2, 5][v],
      selector: { matchLabels: { 'app.kubernetes.io/name': 'api' } },
      template: {
        metadata: { labels: { 'app.kubernetes.io/name': 'api' } },
        spec: { containers: [{ name: 'api', image: 'ghcr.io/hupe1980/rivven-connect:0.0.22', env: v === 2 ? [{ name: 'A', value: 'on' }, { name: 'B', value: '0777' }] : [{ name: 'A', value: 'on' }] }] },
      },
    },
  }),
  (_env, ns, v) => ({
    apiVersion: rivvenApi,
    kind: 'RivvenTopic',
    metadata: { name: 'orders', namespace: ns },
    spec: { clusterRef: { name: 'main' }, partitions: [3, 6, 12][v], replicationFactor: 1, config: v === 2 ? null : { retentionMs: 604800000 } },
  }),
  (_env, ns, v) => ({
    apiVersion: rivvenApi,
    kind: 'RivvenTopic',
    metadata: { name: 'orders-dlq', namespace: ns },
    spec: { clusterRef: { name: 'main' }, partitions: 3, config: v === 1 ? { retentionMs: 1000 } : { retentionMs: 1000, cleanupPolicy: 'compact' } },
  }),
  (_env, ns, v) => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'rivven', namespace: ns },
    spec: { selector: { app: 'rivven' }, ports: [9092, 9093, 9094].slice(0, v + 1).map((port) => ({ name: `p${port}`, port, targetPort: port })) },
  }),
  (env, ns, v) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { shared: v === 0 ? 'yes' : 'no', ...(v === 0 ? {} : { env }) } } }),
  (env, _ns, v) => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: v === 0 ? 'shared-reader' : `reader-${env}` },
    rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }],
  }),
  (_env, ns, v) => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'reader', namespace: ns },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' },
    subjects: [
      { kind: 'ServiceAccount', name: 'app', namespace: ns },
      ...(v === 1 ? [{ kind: 'ServiceAccount', name: 'default', namespace: ns }] : []),
      ...(v === 2 ? [{ kind: 'ServiceAccount', name: 'default', namespace: 'monitoring' }] : []),
    ],
  }),
  (env, _ns, v) => ({ apiVersion: 'velero.io/v1', kind: 'Schedule', metadata: { name: `rivven-${env}`, namespace: 'velero' }, spec: { schedule: v === 0 ? '0 2 * * *' : '0 3 * * *' } }),
  (_env, _ns, v) => ({ apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name: `issuer-${v}` }, spec: { selfSigned: {} } }),
  (_env, ns, v) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dashboard', namespace: ns }, data: { 'dashboard.json': JSON.stringify({ panels: Array.from({ length: 10 + v }, (_, i) => ({ id: i, title: `panel ${i}` })) }, null, 2) } }),
  (_env, _ns, v) => ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'rivven-critical' }, value: 1000 + v, globalDefault: false }),
];

const envNames = ['dev', 'prod', 'qa', 'staging'];

interface Choice {
  readonly present: boolean;
  readonly variant: number;
  readonly pick: string;
}

const choice: fc.Arbitrary<Choice> = fc.record({
  present: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  variant: fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constantFrom(1, 2) }),
  pick: fc.constantFrom(...trickyStrings),
});

export function randomFleet(): fc.Arbitrary<FleetRender> {
  return fc
    .subarray(envNames, { minLength: 2, maxLength: 3 })
    .chain((names) => fc.tuple(fc.constant(names), fc.array(fc.array(choice, { minLength: templates.length, maxLength: templates.length }), { minLength: names.length, maxLength: names.length })))
    .map(([names, choices]): FleetRender => {
      const environments = names.map((name, i): EnvironmentRender => {
        const ns = `rivven-${name}`;
        const objects: K8sObject[] = [];
        templates.forEach((template, t) => {
          const c = choices[i]?.[t];
          if (c !== undefined && c.present) objects.push(template(name, ns, c.variant, c.pick));
        });
        return { name, namespace: ns, objects, runbook: `# ${name}` };
      });
      return { environments, argocd: [] };
    });
}
