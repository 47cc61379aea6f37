/** RG220: an environment names a Kubernetes cluster that `clusters` does not declare. */
import type { Finding, SourceLocation } from '../errors/diagnostic.js';
import { finding } from '../errors/catalog.js';
import { closestName } from './did-you-mean.js';

export function unknownClusterFinding(id: string, declared: readonly string[], loc: SourceLocation | undefined): Finding {
  const known = [...declared].sort();
  const close = closestName(id, known);
  const listed = known.length === 0 ? 'no clusters are declared' : `the declared clusters are ${known.map((k) => `'${k}'`).join(', ')}`;
  return finding('RG220', {
    path: 'kubeCluster',
    message: `kubeCluster names '${id}', which is not declared under clusters (${listed}): the environment would have no destination.`,
    ...(close === undefined ? {} : { hint: `Did you mean '${close}'?` }),
    ...(loc === undefined ? {} : { loc }),
  });
}
