/**
 * Broker Services. The headless and client Services belong to the `manifests` target (the operator
 * creates its own, with the same names); the external Service applies to both targets, because the
 * operator never exposes brokers outside the cluster.
 */
import type { ResolvedEnvironment } from '../model/types.js';
import { k8sObject, type K8sObject } from './k8s-object.js';
import { brokerNames, brokerPodLabels, brokerPorts, brokerSelector, commonLabels } from './names.js';

/*
 * Target ports are numbers, not names: operator-created broker pods name their client port "broker",
 * ours name it "client", and a number reaches both.
 */
const clientPort = { name: 'client', port: brokerPorts.client, targetPort: brokerPorts.client, protocol: 'TCP' };
const clusterPort = { name: 'cluster', port: brokerPorts.cluster, targetPort: brokerPorts.cluster, protocol: 'TCP' };
/** SWIM membership gossip: UDP on the cluster port, beside the TCP transport. */
const gossipPort = { name: 'gossip', port: brokerPorts.cluster, targetPort: brokerPorts.cluster, protocol: 'UDP' };
/** Health, metrics, and Raft RPCs between brokers (HTTP API). */
const httpPort = { name: 'http', port: brokerPorts.http, targetPort: brokerPorts.http, protocol: 'TCP' };

/**
 * The broker Services of an environment: headless (stable pod DNS for seeds and the certificate) and
 * client Service under `manifests`, plus the external Service under either target.
 */
export function renderBrokerServices(env: ResolvedEnvironment): K8sObject[] {
  return [...renderInClusterServices(env), ...renderExternalService(env)];
}

function renderInClusterServices(env: ResolvedEnvironment): K8sObject[] {
  const { config } = env;
  if (config.target !== 'manifests') return [];
  const names = brokerNames(config);
  const meta = (name: string) => ({ name, namespace: config.namespace, labels: commonLabels(env, 'broker') });
  return [
    k8sObject('v1', 'Service', meta(names.headlessService), {
      spec: {
        clusterIP: 'None',
        // Brokers must resolve each other before any is ready: readiness needs an elected leader.
        publishNotReadyAddresses: true,
        selector: brokerSelector(config),
        ports: [clientPort, clusterPort, gossipPort, httpPort],
      },
    }),
    k8sObject('v1', 'Service', meta(names.clientService), {
      spec: { type: 'ClusterIP', selector: brokerSelector(config), ports: [clientPort, httpPort] },
    }),
  ];
}

/** The client port outside the cluster, when `cluster.external` is enabled. */
function renderExternalService(env: ResolvedEnvironment): K8sObject[] {
  const { config } = env;
  const external = config.cluster.external;
  if (external === undefined || !external.enabled) return [];
  const loadBalancer = external.type === 'LoadBalancer';
  return [
    k8sObject(
      'v1',
      'Service',
      { name: brokerNames(config).externalService, namespace: config.namespace, labels: commonLabels(env, 'broker'), annotations: external.annotations },
      {
        spec: {
          type: external.type,
          // The operator's broker pods carry only name and instance (not component=broker), so under
          // the operator those two select them; no other pod we render shares both (the operator's
          // own pods are named rivven-operator).
          selector: config.target === 'operator' ? brokerPodLabels(config) : brokerSelector(config),
          ports: [clientPort],
          loadBalancerSourceRanges: loadBalancer && external.loadBalancerSourceRanges ? [...external.loadBalancerSourceRanges] : undefined,
        },
      },
    ),
  ];
}
