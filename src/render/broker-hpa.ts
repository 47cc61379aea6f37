/**
 * The broker HorizontalPodAutoscaler (`manifests` target only: the operator re-applies the
 * RivvenCluster's replicas every 300 s and would fight it, which validation refuses with RG312).
 * Scale-down is slow and one broker at a time, because each removed broker moves partitions.
 */
import type { Finding } from '../errors/diagnostic.js';
import { finding } from '../errors/catalog.js';
import type { ResolvedEnvironment } from '../model/types.js';
import { k8sObject, type K8sObject } from './k8s-object.js';
import { brokerNames, commonLabels } from './names.js';

function utilization(name: 'cpu' | 'memory', averageUtilization: number): Record<string, unknown> {
  return { type: 'Resource', resource: { name, target: { type: 'Utilization', averageUtilization } } };
}

export function renderBrokerHpa(env: ResolvedEnvironment): K8sObject[] {
  const { config } = env;
  const scaling = config.autoscaling;
  if (config.target !== 'manifests' || scaling === undefined || !scaling.enabled) return [];
  const names = brokerNames(config);
  return [
    k8sObject('autoscaling/v2', 'HorizontalPodAutoscaler', { name: names.statefulSet, namespace: config.namespace, labels: commonLabels(env, 'broker') }, {
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'StatefulSet', name: names.statefulSet },
        minReplicas: scaling.minReplicas,
        maxReplicas: scaling.maxReplicas,
        metrics: [
          utilization('cpu', scaling.targetCPUUtilization),
          ...(scaling.targetMemoryUtilization === undefined ? [] : [utilization('memory', scaling.targetMemoryUtilization)]),
        ],
        behavior: {
          scaleDown: {
            stabilizationWindowSeconds: Math.round(scaling.scaleDownStabilization / 1000),
            policies: [{ type: 'Pods', value: scaling.scaleDownPodsPerMinute, periodSeconds: 60 }],
          },
        },
      },
    }),
  ];
}

/** An HPA scaling on utilization of a resource the broker does not request never scales. */
export function findBrokerHpaIssues(env: ResolvedEnvironment): Finding[] {
  const { config } = env;
  const scaling = config.autoscaling;
  if (config.target !== 'manifests' || scaling === undefined || !scaling.enabled) return [];
  const requests = config.cluster.resources?.requests;
  const scaledOn: readonly ('cpu' | 'memory')[] = scaling.targetMemoryUtilization === undefined ? ['cpu'] : ['cpu', 'memory'];
  return scaledOn
    .filter((resource) => requests?.[resource] === undefined)
    .map((resource) =>
      finding('RG512', {
        severity: 'warning',
        path: `cluster.resources.requests.${resource}`,
        message: `autoscaling targets ${resource} utilization, but the broker has no ${resource} request: the HPA cannot compute utilization and will not scale.`,
      }),
    );
}
