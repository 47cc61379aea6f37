/**
 * A hand-built three-environment fleet that exercises every placement rule of the kustomize stage:
 * shared objects, per-env Namespaces, per-env cluster-scoped names, RoleBinding subjects in the env
 * namespace (patched), custom resources differing in one field (patched), env-only objects, objects in
 * other namespaces, a cluster-scoped custom resource, YAML 1.1 traps, label keys with `/` and `~`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { K8sObject } from '../../src/render/k8s-object.js';
import type { EnvironmentRender, FleetRender } from '../../src/kustomize/types.js';

export const rivvenApi = 'rivven.hupe1980.github.io/v1alpha1';

interface EnvSpec {
  readonly name: string;
  readonly namespace: string;
  readonly replicas: number;
  readonly partitions: number;
}

const envSpecs: readonly EnvSpec[] = [
  { name: 'dev', namespace: 'rivven-dev', replicas: 1, partitions: 12 },
  { name: 'staging', namespace: 'rivven-staging', replicas: 3, partitions: 12 },
  { name: 'prod', namespace: 'rivven-prod', replicas: 5, partitions: 24 },
];

function labels(component: string): Record<string, string> {
  return {
    'app.kubernetes.io/name': 'rivven',
    'app.kubernetes.io/component': component,
    'app.kubernetes.io/managed-by': 'rivven-gitops',
  };
}

function environmentObjects(spec: EnvSpec): K8sObject[] {
  const ns = spec.namespace;
  const objects: K8sObject[] = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { 'rivven.io/environment': spec.name } } },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'rivven-settings', namespace: ns, labels: labels('config'), annotations: { 'example.com/a~b': 'tilde key' } },
      data: {
        'feature.on': 'on',
        mode: '0777',
        ratio: '1e3',
        empty: '~',
        answer: 'yes',
        hex: '0x1F',
        date: '2024-01-01',
        sexagesimal: '1:20',
        underscored: '1_000',
        script: '#!/bin/sh\necho "starting"\nexec rivvend --config /etc/rivven\n',
        long: 'x'.repeat(300),
      },
    },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'rivven-operator', namespace: ns, labels: labels('operator') } },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'rivven-operator', namespace: ns, labels: labels('operator') },
      rules: [{ apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'create', 'update'] }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'rivven-operator', namespace: ns, labels: labels('operator') },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'rivven-operator' },
      subjects: [
        { kind: 'ServiceAccount', name: 'rivven-operator', namespace: ns },
        { kind: 'ServiceAccount', name: 'prometheus', namespace: 'monitoring' },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: `rivven-operator-${spec.name}`, labels: labels('operator') },
      rules: [{ apiGroups: [rivvenApi.split('/')[0] ?? ''], resources: ['rivvenclusters', 'rivventopics'], verbs: ['get', 'list', 'watch'] }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: `rivven-operator-${spec.name}`, labels: labels('operator') },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `rivven-operator-${spec.name}` },
      subjects: [{ kind: 'ServiceAccount', name: 'rivven-operator', namespace: ns }],
    },
    { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'rivven-ssd' }, provisioner: 'ebs.csi.aws.com', parameters: { type: 'gp3' }, volumeBindingMode: 'WaitForFirstConsumer' },
    {
      apiVersion: rivvenApi,
      kind: 'RivvenCluster',
      metadata: { name: 'main', namespace: ns, labels: labels('broker') },
      spec: {
        replicas: spec.replicas,
        image: 'ghcr.io/hupe1980/rivvend:0.0.22',
        storage: { size: '100Gi', storageClassName: 'rivven-ssd' },
        resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '2', memory: '4Gi' } },
        podAnnotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9094' },
      },
    },
    {
      apiVersion: rivvenApi,
      kind: 'RivvenTopic',
      metadata: { name: 'orders', namespace: ns, labels: labels('topic') },
      spec: { clusterRef: { name: 'main' }, partitions: spec.partitions, replicationFactor: 1, config: { retentionMs: 604800000, cleanupPolicy: 'delete' } },
    },
    {
      apiVersion: rivvenApi,
      kind: 'RivvenTopic',
      metadata: { name: 'orders-dlq', namespace: ns, labels: labels('topic') },
      spec: { clusterRef: { name: 'main' }, partitions: 3, replicationFactor: 1, config: { retentionMs: 604800000, cleanupPolicy: 'delete' } },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'rivven-brokers', namespace: ns, labels: labels('network') },
      spec: {
        podSelector: { matchLabels: { 'app.kubernetes.io/name': 'rivven' } },
        policyTypes: ['Ingress'],
        ingress:
          spec.name === 'prod'
            ? [{ ports: [{ port: 9092, protocol: 'TCP' }] }, { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }], ports: [{ port: 9094, protocol: 'TCP' }] }]
            : [{ ports: [{ port: 9092, protocol: 'TCP' }] }],
      },
    },
    {
      apiVersion: 'velero.io/v1',
      kind: 'Schedule',
      metadata: { name: `rivven-${spec.name}-daily`, namespace: 'velero', labels: labels('backup') },
      spec: { schedule: '0 2 * * *', template: { includedNamespaces: [ns], ttl: '168h0m0s' } },
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'rivven-default-reader', namespace: ns, labels: labels('operator') },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'rivven-operator' },
      // A subject named `default` in ANOTHER namespace: kustomize's namespace transform would rewrite it.
      subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'monitoring' }],
    },
  ];
  if (spec.name === 'dev') {
    objects.push({
      apiVersion: rivvenApi,
      kind: 'RivvenTopic',
      metadata: { name: 'debug-events', namespace: ns, labels: labels('topic') },
      spec: { clusterRef: { name: 'main' }, partitions: 1, replicationFactor: 1, config: null },
    });
  }
  if (spec.name === 'prod') {
    objects.push({
      apiVersion: 'cert-manager.io/v1',
      kind: 'ClusterIssuer',
      metadata: { name: 'rivven-prod-ca', labels: labels('tls') },
      spec: { ca: { secretName: 'rivven-prod-ca' } },
    });
    objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'rivven-prod-tools' } });
  }
  return objects;
}

export function fixtureFleet(): FleetRender {
  const environments: EnvironmentRender[] = envSpecs.map((spec) => ({
    name: spec.name,
    namespace: spec.namespace,
    objects: environmentObjects(spec),
    runbook: `# Runbook: ${spec.name}\n\nkubectl -n ${spec.namespace} get rivvenclusters\n`,
  }));
  const argocd: K8sObject[] = [
    { apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', metadata: { name: 'rivven', namespace: 'argocd' }, spec: { destinations: [{ namespace: 'rivven-*', server: 'https://kubernetes.default.svc' }] } },
    ...envSpecs.map(
      (s): K8sObject => ({
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: { name: `rivven-${s.name}`, namespace: 'argocd' },
        spec: { project: 'rivven', source: { repoURL: 'https://github.com/example/fleet.git', path: `out/overlays/${s.name}`, targetRevision: 'main' }, destination: { namespace: s.namespace, server: 'https://kubernetes.default.svc' } },
      }),
    ),
  ];
  return { environments, argocd, crdUrls: ['https://raw.githubusercontent.com/hupe1980/rivven/v0.0.22/deploy/crds.yaml'] };
}

/** Writes a layout tree under `dir` (a plain writer, so kustomize tests do not depend on emit). */
export async function writeTree(dir: string, tree: ReadonlyMap<string, string>): Promise<void> {
  for (const [file, content] of tree) {
    const target = path.join(dir, file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
}
