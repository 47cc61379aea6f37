/**
 * The broker PodDisruptionBudget of the `manifests` target (the operator makes its own from the
 * RivvenCluster's `pdb`). By default one broker at a time may be drained, which keeps a Raft majority.
 */
import type { Finding } from '../errors/diagnostic.js';
import { finding } from '../errors/catalog.js';
import { defaults } from '../model/defaults.js';
import type { ResolvedEnvironment } from '../model/types.js';
import { k8sObject, type K8sObject } from './k8s-object.js';
import { brokerNames, brokerSelector, commonLabels } from './names.js';

export function renderBrokerPdb(env: ResolvedEnvironment): K8sObject[] {
  const { config } = env;
  const pdb = config.cluster.pdb;
  if (config.target !== 'manifests' || !pdb.enabled) return [];
  // The API server refuses a budget with both; minAvailable wins, as in the RivvenCluster (RG511 warns).
  const budget = pdb.minAvailable !== undefined ? { minAvailable: pdb.minAvailable } : { maxUnavailable: pdb.maxUnavailable ?? defaults.cluster.pdbMaxUnavailable };
  return [
    k8sObject('policy/v1', 'PodDisruptionBudget', { name: brokerNames(config).pdb, namespace: config.namespace, labels: commonLabels(env, 'broker') }, {
      spec: { ...budget, selector: { matchLabels: brokerSelector(config) } },
    }),
  ];
}

export function findBrokerPdbIssues(env: ResolvedEnvironment): Finding[] {
  const { config } = env;
  const pdb = config.cluster.pdb;
  if (config.target !== 'manifests' || !pdb.enabled || pdb.minAvailable === undefined || pdb.maxUnavailable === undefined) return [];
  return [
    finding('RG511', {
      severity: 'warning',
      path: 'cluster.pdb.maxUnavailable',
      message: `cluster.pdb sets both minAvailable (${pdb.minAvailable}) and maxUnavailable (${pdb.maxUnavailable}); a PodDisruptionBudget takes one, so only minAvailable is rendered.`,
    }),
  ];
}
