/**
 * What the fake API server serves besides seeded objects: its discovery table, the objects every cluster
 * has without anyone rendering them, and the metadata an API server stamps on every stored object.
 */
import { createHash } from 'node:crypto';
import type { K8sObject } from '../../src/render/k8s-object.js';

export interface FakeResource {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly plural: string;
  readonly singular: string;
  readonly namespaced: boolean;
  readonly shortNames?: readonly string[];
  readonly categories?: readonly string[];
  readonly subresources?: readonly ('status' | 'scale')[];
  /** Custom resources keep `kind`/`apiVersion` in list items; built-in kinds lose them. */
  readonly custom?: boolean;
}

type Extra = Pick<FakeResource, 'shortNames' | 'categories' | 'subresources' | 'custom'>;

function resource(gv: string, kind: string, plural: string, namespaced: boolean, extra: Extra = {}): FakeResource {
  const [group, version] = gv.includes('/') ? gv.split('/') : ['', gv];
  return { group: group ?? '', version: version ?? gv, kind, plural, singular: kind.toLowerCase(), namespaced, ...extra };
}

const status = ['status'] as const;
const scalable = ['status', 'scale'] as const;
/** As the Rivven CRDs declare them (reference/rivven/crds). */
const rivven = { custom: true, categories: ['rivven', 'streaming'], subresources: status };

/** Built-in kinds of Kubernetes 1.32 that rivven-gitops renders or lists, and the CRDs of the fleet's add-ons. */
export const defaultResources: readonly FakeResource[] = [
  resource('v1', 'Namespace', 'namespaces', false, { shortNames: ['ns'], subresources: status }),
  resource('v1', 'ConfigMap', 'configmaps', true, { shortNames: ['cm'] }),
  resource('v1', 'Secret', 'secrets', true),
  resource('v1', 'Service', 'services', true, { shortNames: ['svc'], categories: ['all'], subresources: status }),
  resource('v1', 'ServiceAccount', 'serviceaccounts', true, { shortNames: ['sa'] }),
  resource('v1', 'PersistentVolumeClaim', 'persistentvolumeclaims', true, { shortNames: ['pvc'], subresources: status }),
  resource('v1', 'Pod', 'pods', true, { shortNames: ['po'], categories: ['all'], subresources: status }),
  resource('v1', 'Endpoints', 'endpoints', true, { shortNames: ['ep'] }),
  resource('apps/v1', 'Deployment', 'deployments', true, { shortNames: ['deploy'], categories: ['all'], subresources: scalable }),
  resource('apps/v1', 'StatefulSet', 'statefulsets', true, { shortNames: ['sts'], categories: ['all'], subresources: scalable }),
  resource('apps/v1', 'DaemonSet', 'daemonsets', true, { shortNames: ['ds'], categories: ['all'], subresources: status }),
  resource('apps/v1', 'ReplicaSet', 'replicasets', true, { shortNames: ['rs'], categories: ['all'], subresources: scalable }),
  resource('batch/v1', 'Job', 'jobs', true, { categories: ['all'], subresources: status }),
  resource('batch/v1', 'CronJob', 'cronjobs', true, { shortNames: ['cj'], categories: ['all'], subresources: status }),
  resource('policy/v1', 'PodDisruptionBudget', 'poddisruptionbudgets', true, { shortNames: ['pdb'], subresources: status }),
  resource('networking.k8s.io/v1', 'NetworkPolicy', 'networkpolicies', true, { shortNames: ['netpol'] }),
  resource('networking.k8s.io/v1', 'Ingress', 'ingresses', true, { shortNames: ['ing'], subresources: status }),
  resource('rbac.authorization.k8s.io/v1', 'Role', 'roles', true),
  resource('rbac.authorization.k8s.io/v1', 'RoleBinding', 'rolebindings', true),
  resource('rbac.authorization.k8s.io/v1', 'ClusterRole', 'clusterroles', false),
  resource('rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', 'clusterrolebindings', false),
  resource('autoscaling/v2', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers', true, { shortNames: ['hpa'], categories: ['all'], subresources: status }),
  resource('autoscaling/v1', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers', true, { shortNames: ['hpa'], categories: ['all'], subresources: status }),
  resource('coordination.k8s.io/v1', 'Lease', 'leases', true),
  resource('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'customresourcedefinitions', false, { shortNames: ['crd', 'crds'], subresources: status }),
  resource('rivven.hupe1980.github.io/v1alpha1', 'RivvenCluster', 'rivvenclusters', true, { custom: true, subresources: status, shortNames: ['rc', 'rivven'] }),
  resource('rivven.hupe1980.github.io/v1alpha1', 'RivvenTopic', 'rivventopics', true, { ...rivven, shortNames: ['rt'] }),
  resource('rivven.hupe1980.github.io/v1alpha1', 'RivvenConnect', 'rivvenconnects', true, { custom: true, subresources: status, shortNames: ['rconn'] }),
  resource('rivven.hupe1980.github.io/v1alpha1', 'RivvenSchemaRegistry', 'rivvenschemaregistries', true, { ...rivven, shortNames: ['rsr'] }),
  resource('monitoring.coreos.com/v1', 'ServiceMonitor', 'servicemonitors', true, { custom: true, shortNames: ['smon'], categories: ['prometheus-operator'] }),
  resource('monitoring.coreos.com/v1', 'PodMonitor', 'podmonitors', true, { custom: true, shortNames: ['pmon'], categories: ['prometheus-operator'] }),
  resource('monitoring.coreos.com/v1', 'PrometheusRule', 'prometheusrules', true, { custom: true, shortNames: ['promrule'], categories: ['prometheus-operator'] }),
  resource('cert-manager.io/v1', 'Certificate', 'certificates', true, { custom: true, shortNames: ['cert', 'certs'], categories: ['cert-manager'], subresources: status }),
  resource('cert-manager.io/v1', 'Issuer', 'issuers', true, { custom: true, categories: ['cert-manager'], subresources: status }),
  resource('cert-manager.io/v1', 'ClusterIssuer', 'clusterissuers', false, { custom: true, categories: ['cert-manager'], subresources: status }),
  resource('argoproj.io/v1alpha1', 'Application', 'applications', true, { custom: true, shortNames: ['app', 'apps'], categories: ['argoproj'] }),
  resource('argoproj.io/v1alpha1', 'AppProject', 'appprojects', true, { custom: true, shortNames: ['appproj', 'appprojs'], categories: ['argoproj'] }),
];

/** The discovery table without one API group, as on a cluster where that CRD (or add-on) is not installed. */
export function resourcesWithout(group: string): readonly FakeResource[] {
  return defaultResources.filter((r) => r.group !== group);
}

/** When every seeded object was "created"; fixed, so runs are reproducible. */
export const creationTimestamp = '2025-03-14T09:26:53Z';

/** A stable UUID per object, shaped like the ones an API server assigns. */
export function uidFor(obj: Pick<K8sObject, 'apiVersion' | 'kind' | 'metadata'>): string {
  const hex = createHash('sha256').update(`${obj.apiVersion}/${obj.kind}/${obj.metadata.namespace ?? ''}/${obj.metadata.name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Adds what the API server sets on every stored object, keeping values a fixture already has. */
export function withServerMetadata(obj: K8sObject, resourceVersion: string): K8sObject {
  const metadata: Record<string, unknown> = { ...obj.metadata };
  metadata['uid'] ??= uidFor(obj);
  metadata['resourceVersion'] ??= resourceVersion;
  metadata['creationTimestamp'] ??= creationTimestamp;
  return { ...obj, metadata: { ...obj.metadata, ...metadata } };
}

const caPem = [
  '-----BEGIN CERTIFICATE-----',
  'MIIBdjCCAR2gAwIBAgIBADAKBggqhkjOPQQDAjAjMSEwHwYDVQQDDBhrM3Mtc2Vy',
  'dmVyLWNhQDE3MTAwMDAwMDAwHhcNMjUwMzE0MDkyNjUzWhcNMzUwMzEyMDkyNjUz',
  '-----END CERTIFICATE-----',
].join('\n');

/** Objects Kubernetes controllers create in every namespace: nobody renders them, so a diff must not delete them. */
export function namespaceObjects(namespace: string): K8sObject[] {
  return [
    {
      apiVersion: 'v1', kind: 'Namespace',
      metadata: { name: namespace, labels: { 'kubernetes.io/metadata.name': namespace } },
      spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' },
    },
    {
      apiVersion: 'v1', kind: 'ConfigMap',
      metadata: {
        name: 'kube-root-ca.crt', namespace,
        annotations: { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' },
      },
      data: { 'ca.crt': `${caPem}\n` },
    },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace } },
  ];
}

/** `default/kubernetes`, the Service every cluster has for its API server. */
export function kubernetesService(): K8sObject {
  return {
    apiVersion: 'v1', kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: {
      clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], internalTrafficPolicy: 'Cluster', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack',
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }], sessionAffinity: 'None', type: 'ClusterIP',
    },
    status: { loadBalancer: {} },
  };
}
