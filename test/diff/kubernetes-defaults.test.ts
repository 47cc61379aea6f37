/** The API server defaults table: what a rendered object looks like once the server has defaulted it. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { applyServerDefaults, defaultImagePullPolicy, kubernetesDefaults } from '../../src/diff/kubernetes-defaults.js';
import type { K8sObject } from '../../src/render/k8s-object.js';
import { listAt, mapAt } from './fixtures.js';

function defaulted(obj: K8sObject): K8sObject {
  const copy = structuredClone(obj);
  applyServerDefaults(copy);
  return copy;
}

test('every rule names its upstream source', () => {
  for (const kind of kubernetesDefaults) {
    for (const rule of kind.rules) assert.match(rule.source, /^(pkg\/|staging\/)/, `${kind.kinds.join(',')} ${rule.at}.${rule.field}`);
  }
});

test('imagePullPolicy: Always for latest or no tag, IfNotPresent for a tag or a digest', () => {
  assert.is(defaultImagePullPolicy('nginx'), 'Always');
  assert.is(defaultImagePullPolicy('nginx:latest'), 'Always');
  assert.is(defaultImagePullPolicy('registry:5000/team/nginx'), 'Always');
  assert.is(defaultImagePullPolicy('registry:5000/team/nginx:1.27'), 'IfNotPresent');
  assert.is(defaultImagePullPolicy('ghcr.io/hupe1980/rivvend@sha256:abc'), 'IfNotPresent');
});

test('a StatefulSet gets the apps/v1 and pod template defaults', () => {
  const sts = defaulted({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'b', namespace: 'n' },
    spec: {
      serviceName: 'b',
      selector: { matchLabels: { a: 'b' } },
      template: {
        spec: {
          serviceAccountName: 'b',
          containers: [
            {
              name: 'c',
              image: 'img:latest',
              ports: [{ containerPort: 9092 }],
              livenessProbe: { httpGet: { port: 9094 } },
              env: [{ name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } }],
            },
          ],
          volumes: [{ name: 'cfg', configMap: { name: 'cfg' } }],
        },
      },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { resources: { requests: { storage: '1Gi' } } } }],
    },
  });
  assert.equal(sts['spec'], {
    serviceName: 'b',
    selector: { matchLabels: { a: 'b' } },
    podManagementPolicy: 'OrderedReady',
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
    persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
    replicas: 1,
    revisionHistoryLimit: 10,
    template: {
      spec: {
        serviceAccountName: 'b',
        serviceAccount: 'b',
        dnsPolicy: 'ClusterFirst',
        restartPolicy: 'Always',
        securityContext: {},
        terminationGracePeriodSeconds: 30,
        schedulerName: 'default-scheduler',
        containers: [
          {
            name: 'c',
            image: 'img:latest',
            imagePullPolicy: 'Always',
            terminationMessagePath: '/dev/termination-log',
            terminationMessagePolicy: 'File',
            ports: [{ containerPort: 9092, protocol: 'TCP' }],
            livenessProbe: { httpGet: { port: 9094, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
            env: [{ name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP', apiVersion: 'v1' } } }],
          },
        ],
        volumes: [{ name: 'cfg', configMap: { name: 'cfg', defaultMode: 420 } }],
      },
    },
    volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' } }],
  });
});

test('an explicit RollingUpdate StatefulSet strategy without rollingUpdate stays so (no partition)', () => {
  const sts = defaulted({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'b' }, spec: { updateStrategy: { type: 'RollingUpdate' } } });
  assert.equal(mapAt(sts, 'spec')['updateStrategy'], { type: 'RollingUpdate' });
  const onDelete = defaulted({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'b' }, spec: { updateStrategy: { type: 'OnDelete' } } });
  assert.equal(mapAt(onDelete, 'spec')['updateStrategy'], { type: 'OnDelete' });
});

test('a Deployment gets RollingUpdate 25%/25%, progress deadline and history', () => {
  const d = defaulted({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { template: { spec: { containers: [] } } } });
  const spec = mapAt(d, 'spec');
  assert.equal(spec['strategy'], { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
  assert.is(spec['progressDeadlineSeconds'], 600);
  assert.is(spec['revisionHistoryLimit'], 10);
  assert.is(spec['replicas'], 1);
  const recreate = defaulted({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { strategy: { type: 'Recreate' } } });
  assert.equal(mapAt(recreate, 'spec')['strategy'], { type: 'Recreate' });
});

test('a Service: ClusterIP, no affinity, TCP, targetPort = port, single stack, cluster traffic policy', () => {
  const svc = defaulted({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ name: 'a', port: 80 }, { name: 'b', port: 81, targetPort: 'http' }] } });
  assert.equal(svc['spec'], {
    ports: [
      { name: 'a', port: 80, protocol: 'TCP', targetPort: 80 },
      { name: 'b', port: 81, targetPort: 'http', protocol: 'TCP' },
    ],
    sessionAffinity: 'None',
    type: 'ClusterIP',
    internalTrafficPolicy: 'Cluster',
    ipFamilyPolicy: 'SingleStack',
  });
  const lb = defaulted({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { type: 'LoadBalancer', ports: [] } });
  const spec = mapAt(lb, 'spec');
  assert.is(spec['externalTrafficPolicy'], 'Cluster');
  assert.is(spec['allocateLoadBalancerNodePorts'], true);
});

test('a CronJob: Allow, not suspended, 3 and 1 jobs kept; its pod template defaulted, its job spec not', () => {
  const cj = defaulted({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'c' },
    spec: { schedule: '0 2 * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'x', image: 'a:1' }] } } } } },
  });
  const spec = mapAt(cj, 'spec');
  assert.equal([spec['concurrencyPolicy'], spec['suspend'], spec['successfulJobsHistoryLimit'], spec['failedJobsHistoryLimit']], ['Allow', false, 3, 1]);
  const jobSpec = mapAt(spec, 'jobTemplate', 'spec');
  assert.is(jobSpec['backoffLimit'], undefined);
  assert.is(mapAt(jobSpec, 'template', 'spec')['dnsPolicy'], 'ClusterFirst');
  assert.is(mapAt(jobSpec, 'template', 'spec')['restartPolicy'], 'Never');
});

test('a Namespace gets its name label and the kubernetes finalizer', () => {
  const ns = defaulted({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { a: 'b' } } });
  assert.equal(ns.metadata.labels, { a: 'b', 'kubernetes.io/metadata.name': 'shop' });
  assert.equal(ns['spec'], { finalizers: ['kubernetes'] });
});

test('an HPA: minReplicas 1, CPU 80% when no metrics, behavior filled only when given', () => {
  const bare = defaulted({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' }, spec: { maxReplicas: 5 } });
  assert.equal(bare['spec'], {
    maxReplicas: 5,
    minReplicas: 1,
    metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }],
  });
  const withBehavior = defaulted({
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'h' },
    spec: { maxReplicas: 5, behavior: { scaleDown: { stabilizationWindowSeconds: 600 } } },
  });
  assert.equal(mapAt(withBehavior, 'spec')['behavior'], {
    scaleDown: { stabilizationWindowSeconds: 600, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
    scaleUp: {
      stabilizationWindowSeconds: 0,
      selectPolicy: 'Max',
      policies: [
        { type: 'Pods', value: 4, periodSeconds: 15 },
        { type: 'Percent', value: 100, periodSeconds: 15 },
      ],
    },
  });
});

test('a NetworkPolicy: Ingress by default, plus Egress when it has egress rules; ports TCP', () => {
  const ingressOnly = defaulted({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'p' }, spec: { podSelector: {}, ingress: [{ ports: [{ port: 9092 }] }] } });
  assert.equal(ingressOnly['spec'], { podSelector: {}, ingress: [{ ports: [{ port: 9092, protocol: 'TCP' }] }], policyTypes: ['Ingress'] });
  const both = defaulted({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'p' }, spec: { podSelector: {}, egress: [{}] } });
  assert.equal(mapAt(both, 'spec')['policyTypes'], ['Ingress', 'Egress']);
});

test('RBAC: roleRef apiGroup, and User/Group subjects get the rbac group', () => {
  const rb = defaulted({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'r' },
    roleRef: { kind: 'Role', name: 'r' },
    subjects: [{ kind: 'ServiceAccount', name: 'sa' }, { kind: 'User', name: 'alice' }],
  });
  assert.equal(rb['roleRef'], { kind: 'Role', name: 'r', apiGroup: 'rbac.authorization.k8s.io' });
  assert.equal(rb['subjects'], [{ kind: 'ServiceAccount', name: 'sa' }, { kind: 'User', name: 'alice', apiGroup: 'rbac.authorization.k8s.io' }]);
});

test('defaults never overwrite a value that is set, and return the paths they filled', () => {
  const svc: K8sObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { type: 'NodePort', sessionAffinity: 'ClientIP', ports: [{ name: 'a', port: 80, protocol: 'UDP' }] } };
  const paths = applyServerDefaults(svc);
  const spec = mapAt(svc, 'spec');
  assert.is(spec['type'], 'NodePort');
  assert.equal(spec['sessionAffinityConfig'], { clientIP: { timeoutSeconds: 10800 } });
  assert.equal(listAt(spec, 'ports')[0], { name: 'a', port: 80, protocol: 'UDP', targetPort: 80 });
  assert.ok(paths.has('spec.ports[name=a].targetPort'));
  assert.not.ok(paths.has('spec.ports[name=a].protocol'));
});

test.run();
