/**
 * The API server's defaults for every built-in kind rivven-gitops renders, written down so the rendered
 * (desired) side can be given them before it is compared with what a cluster returns. Without this, every
 * live object would "differ" by `dnsPolicy: ClusterFirst`, `protocol: TCP` and friends — the noise users
 * of other diff tools complain about most.
 *
 * Source of each rule: the defaulting functions of kubernetes/kubernetes (v1.32), by path —
 *   core  pkg/apis/core/v1/defaults.go     apps  pkg/apis/apps/v1/defaults.go
 *   batch pkg/apis/batch/v1/defaults.go    autoscaling pkg/apis/autoscaling/v2/defaults.go
 *   networking pkg/apis/networking/v1/defaults.go   rbac pkg/apis/rbac/v1/defaults.go
 * plus declarative `+default=` markers in staging/src/k8s.io/api/core/v1/types.go and the registry
 * strategies named per rule. Kinds with no defaults of their own: policy/v1 PodDisruptionBudget (there is
 * no pkg/apis/policy/v1/defaults.go), networking/v1 Ingress (pathType is required in v1), ServiceAccount,
 * Role, ClusterRole, coordination/v1 Lease.
 *
 * Values the server allocates (cluster IPs, node ports, bound volumes) are not defaults: see
 * normalize.ts `serverAssignedFields`.
 */
import type { K8sObject } from '../render/k8s-object.js';
import { applyDefaultRules, type DefaultRule, type KindDefaults } from './default-rules.js';
import { getString } from './json-value.js';
import { isKind, apiGroup } from '../core/object-ref.js';
import { rivvenCrdDefaults } from './rivven-crd-defaults.js';
import { isRecord, type JsonObject } from '../core/json.js';

const core = 'pkg/apis/core/v1/defaults.go';
const apps = 'pkg/apis/apps/v1/defaults.go';
const batch = 'pkg/apis/batch/v1/defaults.go';
const autoscaling = 'pkg/apis/autoscaling/v2/defaults.go';
const networking = 'pkg/apis/networking/v1/defaults.go';
const rbac = 'pkg/apis/rbac/v1/defaults.go';
const coreTypes = 'staging/src/k8s.io/api/core/v1/types.go';

/**
 * `IfNotPresent`, or `Always` when the tag is `latest` or missing (parsers.ParseImageName defaults a
 * missing tag to `latest`; an image pinned by digest has no tag and is IfNotPresent).
 */
export function defaultImagePullPolicy(image: string): 'Always' | 'IfNotPresent' {
  if (image.includes('@')) return 'IfNotPresent';
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  const tag = colon === -1 ? 'latest' : image.slice(colon + 1);
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function containerRules(at: string): DefaultRule[] {
  const probes = ['livenessProbe', 'readinessProbe', 'startupProbe'].flatMap((probe): DefaultRule[] => [
    { at: `${at}.${probe}`, field: 'timeoutSeconds', value: 1, source: `${core} SetDefaults_Probe` },
    { at: `${at}.${probe}`, field: 'periodSeconds', value: 10, source: `${core} SetDefaults_Probe` },
    { at: `${at}.${probe}`, field: 'successThreshold', value: 1, source: `${core} SetDefaults_Probe` },
    { at: `${at}.${probe}`, field: 'failureThreshold', value: 3, source: `${core} SetDefaults_Probe` },
    { at: `${at}.${probe}.httpGet`, field: 'path', value: '/', source: `${core} SetDefaults_HTTPGetAction` },
    { at: `${at}.${probe}.httpGet`, field: 'scheme', value: 'HTTP', source: `${core} SetDefaults_HTTPGetAction` },
  ]);
  return [
    {
      at,
      field: 'imagePullPolicy',
      derive: (c) => (typeof c['image'] === 'string' ? defaultImagePullPolicy(c['image']) : undefined),
      source: `${core} SetDefaults_Container`,
    },
    { at, field: 'terminationMessagePath', value: '/dev/termination-log', source: `${core} SetDefaults_Container` },
    { at, field: 'terminationMessagePolicy', value: 'File', source: `${core} SetDefaults_Container` },
    { at: `${at}.ports[]`, field: 'protocol', value: 'TCP', source: `${coreTypes} ContainerPort.Protocol +default="TCP"` },
    { at: `${at}.env[].valueFrom.fieldRef`, field: 'apiVersion', value: 'v1', source: `${core} SetDefaults_ObjectFieldSelector` },
    ...probes,
  ];
}

/** Defaults of a PodSpec (SetDefaults_PodSpec and the types it contains), at `at`. */
export function podSpecRules(at: string): DefaultRule[] {
  const volume = `${at}.volumes[]`;
  return [
    { at, field: 'dnsPolicy', value: 'ClusterFirst', source: `${core} SetDefaults_PodSpec` },
    { at, field: 'restartPolicy', value: 'Always', source: `${core} SetDefaults_PodSpec` },
    { at, field: 'securityContext', value: {}, source: `${core} SetDefaults_PodSpec` },
    { at, field: 'terminationGracePeriodSeconds', value: 30, source: `${core} SetDefaults_PodSpec` },
    { at, field: 'schedulerName', value: 'default-scheduler', source: `${core} SetDefaults_PodSpec` },
    {
      // The deprecated alias the API server keeps equal to serviceAccountName in every response.
      at,
      field: 'serviceAccount',
      derive: (spec) => spec['serviceAccountName'],
      source: 'pkg/apis/core/v1/conversion.go Convert_core_PodSpec_To_v1_PodSpec (DeprecatedServiceAccount)',
    },
    ...containerRules(`${at}.containers[]`),
    ...containerRules(`${at}.initContainers[]`),
    // 0644: what every file projected into a pod defaults to.
    { at: `${volume}.configMap`, field: 'defaultMode', value: 420, source: `${core} SetDefaults_ConfigMapVolumeSource` },
    { at: `${volume}.secret`, field: 'defaultMode', value: 420, source: `${core} SetDefaults_SecretVolumeSource` },
    { at: `${volume}.downwardAPI`, field: 'defaultMode', value: 420, source: `${core} SetDefaults_DownwardAPIVolumeSource` },
    { at: `${volume}.projected`, field: 'defaultMode', value: 420, source: `${core} SetDefaults_ProjectedVolumeSource` },
    {
      at: `${volume}.projected.sources[].serviceAccountToken`,
      field: 'expirationSeconds',
      value: 3600,
      source: `${core} SetDefaults_ServiceAccountTokenProjection`,
    },
    { at: `${volume}.hostPath`, field: 'type', value: '', source: `${core} SetDefaults_HostPathVolumeSource` },
  ];
}

const isRollingUpdate = (path: readonly string[]) => (_m: JsonObject, root: K8sObject) => getString(root, path) === 'RollingUpdate';

const deployment: DefaultRule[] = [
  { at: 'spec', field: 'replicas', value: 1, source: `${apps} SetDefaults_Deployment` },
  { at: 'spec', field: 'strategy', value: {}, source: `${apps} SetDefaults_Deployment` },
  { at: 'spec.strategy', field: 'type', value: 'RollingUpdate', source: `${apps} SetDefaults_Deployment` },
  { at: 'spec.strategy', field: 'rollingUpdate', value: {}, when: (s) => s['type'] === 'RollingUpdate', source: `${apps} SetDefaults_Deployment` },
  { at: 'spec.strategy.rollingUpdate', field: 'maxUnavailable', value: '25%', source: `${apps} SetDefaults_Deployment` },
  { at: 'spec.strategy.rollingUpdate', field: 'maxSurge', value: '25%', source: `${apps} SetDefaults_Deployment` },
  { at: 'spec', field: 'revisionHistoryLimit', value: 10, source: `${apps} SetDefaults_Deployment` },
  { at: 'spec', field: 'progressDeadlineSeconds', value: 600, source: `${apps} SetDefaults_Deployment` },
  ...podSpecRules('spec.template.spec'),
];

const statefulSet: DefaultRule[] = [
  { at: 'spec', field: 'podManagementPolicy', value: 'OrderedReady', source: `${apps} SetDefaults_StatefulSet` },
  { at: 'spec', field: 'updateStrategy', value: {}, source: `${apps} SetDefaults_StatefulSet` },
  // rollingUpdate is only created when the type was left empty; an explicit RollingUpdate without it stays so.
  { at: 'spec.updateStrategy', field: 'rollingUpdate', value: {}, when: (u) => u['type'] === undefined, source: `${apps} SetDefaults_StatefulSet` },
  { at: 'spec.updateStrategy', field: 'type', value: 'RollingUpdate', source: `${apps} SetDefaults_StatefulSet` },
  {
    at: 'spec.updateStrategy.rollingUpdate',
    field: 'partition',
    value: 0,
    when: isRollingUpdate(['spec', 'updateStrategy', 'type']),
    source: `${apps} SetDefaults_StatefulSet`,
  },
  // Feature StatefulSetAutoDeletePVC, on by default since 1.27.
  { at: 'spec', field: 'persistentVolumeClaimRetentionPolicy', value: {}, source: `${apps} SetDefaults_StatefulSet` },
  { at: 'spec.persistentVolumeClaimRetentionPolicy', field: 'whenDeleted', value: 'Retain', source: `${apps} SetDefaults_StatefulSet` },
  { at: 'spec.persistentVolumeClaimRetentionPolicy', field: 'whenScaled', value: 'Retain', source: `${apps} SetDefaults_StatefulSet` },
  { at: 'spec', field: 'replicas', value: 1, source: `${apps} SetDefaults_StatefulSet` },
  { at: 'spec', field: 'revisionHistoryLimit', value: 10, source: `${apps} SetDefaults_StatefulSet` },
  { at: 'spec.volumeClaimTemplates[].spec', field: 'volumeMode', value: 'Filesystem', source: `${core} SetDefaults_PersistentVolumeClaimSpec` },
  ...podSpecRules('spec.template.spec'),
];

const job = (at: string): DefaultRule[] => [
  // Both unset → both 1; parallelism alone is defaulted to 1 too.
  { at, field: 'completions', value: 1, when: (s) => s['parallelism'] === undefined, source: `${batch} SetDefaults_Job` },
  { at, field: 'parallelism', value: 1, source: `${batch} SetDefaults_Job` },
  { at, field: 'backoffLimit', value: 6, source: `${batch} SetDefaults_Job` },
  { at, field: 'completionMode', value: 'NonIndexed', source: `${batch} SetDefaults_Job` },
  { at, field: 'suspend', value: false, source: `${batch} SetDefaults_Job` },
  // Feature JobPodReplacementPolicy (beta, on since 1.29).
  {
    at,
    field: 'podReplacementPolicy',
    value: 'TerminatingOrFailed',
    when: (s) => s['podFailurePolicy'] === undefined,
    source: `${batch} SetDefaults_Job`,
  },
  ...podSpecRules(`${at}.template.spec`),
];

const cronJob: DefaultRule[] = [
  { at: 'spec', field: 'concurrencyPolicy', value: 'Allow', source: `${batch} SetDefaults_CronJob` },
  { at: 'spec', field: 'suspend', value: false, source: `${batch} SetDefaults_CronJob` },
  { at: 'spec', field: 'successfulJobsHistoryLimit', value: 3, source: `${batch} SetDefaults_CronJob` },
  { at: 'spec', field: 'failedJobsHistoryLimit', value: 1, source: `${batch} SetDefaults_CronJob` },
  // SetDefaults_Job is registered for Job, not JobSpec: a CronJob's jobTemplate gets only the PodSpec defaults.
  ...podSpecRules('spec.jobTemplate.spec.template.spec'),
];

const serviceTypeIn =
  (...types: string[]) =>
  (_m: JsonObject, root: K8sObject) =>
    types.includes(getString(root, ['spec', 'type']) ?? 'ClusterIP');

const service: DefaultRule[] = [
  { at: 'spec', field: 'sessionAffinity', value: 'None', source: `${core} SetDefaults_Service` },
  {
    at: 'spec',
    field: 'sessionAffinityConfig',
    value: { clientIP: { timeoutSeconds: 10800 } },
    when: (s) => s['sessionAffinity'] === 'ClientIP',
    source: `${core} SetDefaults_Service`,
  },
  { at: 'spec', field: 'type', value: 'ClusterIP', source: `${core} SetDefaults_Service` },
  { at: 'spec.ports[]', field: 'protocol', value: 'TCP', source: `${core} SetDefaults_Service` },
  { at: 'spec.ports[]', field: 'targetPort', derive: (p) => p['port'], source: `${core} SetDefaults_Service (targetPort = port)` },
  {
    at: 'spec',
    field: 'externalTrafficPolicy',
    value: 'Cluster',
    when: serviceTypeIn('NodePort', 'LoadBalancer'),
    source: `${core} SetDefaults_Service`,
  },
  {
    at: 'spec',
    field: 'internalTrafficPolicy',
    value: 'Cluster',
    when: serviceTypeIn('ClusterIP', 'NodePort', 'LoadBalancer'),
    source: `${core} SetDefaults_Service`,
  },
  { at: 'spec', field: 'allocateLoadBalancerNodePorts', value: true, when: serviceTypeIn('LoadBalancer'), source: `${core} SetDefaults_Service` },
  {
    at: 'spec',
    field: 'ipFamilyPolicy',
    value: 'SingleStack',
    when: serviceTypeIn('ClusterIP', 'NodePort', 'LoadBalancer'),
    source: 'pkg/registry/core/service/storage/alloc.go initIPFamilyFields',
  },
];

const namespace: DefaultRule[] = [
  { at: 'metadata', field: 'labels', value: {}, source: `${core} SetDefaults_Namespace` },
  {
    at: 'metadata.labels',
    field: 'kubernetes.io/metadata.name',
    derive: (_l, root) => root.metadata.name,
    source: `${core} SetDefaults_Namespace`,
  },
  { at: '', field: 'spec', value: {}, source: 'pkg/registry/core/namespace/strategy.go PrepareForCreate' },
  { at: 'spec', field: 'finalizers', value: ['kubernetes'], source: 'pkg/registry/core/namespace/strategy.go PrepareForCreate' },
];

const hpaScaleUp = {
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ],
};

const hpa: DefaultRule[] = [
  { at: 'spec', field: 'minReplicas', value: 1, source: `${autoscaling} SetDefaults_HorizontalPodAutoscaler` },
  {
    at: 'spec',
    field: 'metrics',
    value: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }],
    source: `${autoscaling} SetDefaults_HorizontalPodAutoscaler`,
  },
  // Only when behavior is given: each direction gets the defaults of the fields it leaves out.
  { at: 'spec.behavior', field: 'scaleUp', value: {}, source: `${autoscaling} GenerateHPAScaleUpRules` },
  ...(['stabilizationWindowSeconds', 'selectPolicy', 'policies'] as const).map(
    (field): DefaultRule => ({ at: 'spec.behavior.scaleUp', field, value: hpaScaleUp[field], source: `${autoscaling} GenerateHPAScaleUpRules` }),
  ),
  { at: 'spec.behavior', field: 'scaleDown', value: {}, source: `${autoscaling} GenerateHPAScaleDownRules` },
  // Scale-down stabilization stays unset: the controller's --horizontal-pod-autoscaler-downscale-stabilization applies.
  { at: 'spec.behavior.scaleDown', field: 'selectPolicy', value: 'Max', source: `${autoscaling} GenerateHPAScaleDownRules` },
  {
    at: 'spec.behavior.scaleDown',
    field: 'policies',
    value: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
    source: `${autoscaling} GenerateHPAScaleDownRules`,
  },
];

const networkPolicy: DefaultRule[] = [
  {
    at: 'spec',
    field: 'policyTypes',
    derive: (s) => (Array.isArray(s['egress']) && s['egress'].length > 0 ? ['Ingress', 'Egress'] : ['Ingress']),
    source: `${networking} SetDefaults_NetworkPolicy`,
  },
  { at: 'spec.ingress[].ports[]', field: 'protocol', value: 'TCP', source: `${networking} SetDefaults_NetworkPolicyPort` },
  { at: 'spec.egress[].ports[]', field: 'protocol', value: 'TCP', source: `${networking} SetDefaults_NetworkPolicyPort` },
];

const roleBinding: DefaultRule[] = [
  { at: 'roleRef', field: 'apiGroup', value: 'rbac.authorization.k8s.io', source: `${rbac} SetDefaults_RoleBinding` },
  {
    at: 'subjects[]',
    field: 'apiGroup',
    value: 'rbac.authorization.k8s.io',
    when: (s) => s['kind'] === 'User' || s['kind'] === 'Group',
    source: `${rbac} SetDefaults_Subject`,
  },
];

export const kubernetesDefaults: readonly KindDefaults[] = [
  { kinds: ['apps/Deployment'], rules: deployment },
  { kinds: ['apps/StatefulSet'], rules: statefulSet },
  { kinds: ['batch/Job'], rules: job('spec') },
  { kinds: ['batch/CronJob'], rules: cronJob },
  { kinds: ['Pod'], rules: podSpecRules('spec') },
  { kinds: ['Service'], rules: service },
  { kinds: ['Namespace'], rules: namespace },
  { kinds: ['PersistentVolumeClaim'], rules: [{ at: 'spec', field: 'volumeMode', value: 'Filesystem', source: `${core} SetDefaults_PersistentVolumeClaimSpec` }] },
  { kinds: ['Secret'], rules: [{ at: '', field: 'type', value: 'Opaque', source: `${core} SetDefaults_Secret` }] },
  { kinds: ['autoscaling/HorizontalPodAutoscaler'], rules: hpa },
  { kinds: ['networking.k8s.io/NetworkPolicy'], rules: networkPolicy },
  { kinds: ['rbac.authorization.k8s.io/RoleBinding', 'rbac.authorization.k8s.io/ClusterRoleBinding'], rules: roleBinding },
];

const allDefaults: readonly KindDefaults[] = [...kubernetesDefaults, ...rivvenCrdDefaults];

/** The rules for one object's kind (none for kinds without defaults). */
export function defaultRulesFor(obj: Pick<K8sObject, 'apiVersion' | 'kind'>): readonly DefaultRule[] {
  const ref = { group: apiGroup(obj.apiVersion), kind: obj.kind };
  return allDefaults.filter((d) => d.kinds.some((k) => isKind(ref, k))).flatMap((d) => d.rules);
}

/**
 * Gives `obj` (in place) the defaults the API server would: the Kubernetes table above and the Rivven CRD
 * defaults. Returns the field paths that were defaulted.
 */
export function applyServerDefaults(obj: K8sObject): Set<string> {
  const rules = defaultRulesFor(obj);
  if (rules.length === 0 || !isRecord(obj)) return new Set();
  return applyDefaultRules(obj, rules);
}
