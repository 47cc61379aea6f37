/** RG804: the cluster's default StorageClass is whatever an administrator last marked default. */
import { arrayAt, stringAt } from '../object-fields.js';
import { defineRule, violation } from '../rule.js';
import { brokerWorkload } from '../workloads.js';

export const storageClass = defineRule({
  code: 'RG804',
  rationale:
    "Broker volumes without a storageClassName get the cluster's default class, which differs between clusters and can change later. The class decides disk type, volume expansion and whether the data survives deleting the claim; it is fixed once a volume is bound.",
  severity: { development: 'off', staging: 'info', production: 'error' },
  check({ env, objects }) {
    const brokers = brokerWorkload(env, objects);
    if (brokers === undefined) return [];
    const object = brokers.object;
    const className =
      object.kind === 'RivvenCluster'
        ? stringAt(object, 'spec', 'storage', 'storageClassName')
        : arrayAt(object, 'spec', 'volumeClaimTemplates').map((t) => stringAt(t, 'spec', 'storageClassName')).find((c) => c !== undefined);
    if (className !== undefined && className !== '') return [];
    return [
      violation(env, ['cluster', 'storage', 'storageClassName'], {
        message: `${brokers.label} stores broker data on the cluster's default StorageClass: its disk type, expansion and reclaim policy are not chosen here, and a claim's class can never change once bound.`,
      }),
    ];
  },
});
