/** The pod spec inside a workload, for the readers that care about what its pods need to start. */
import { isRecord, type JsonObject } from '../../src/core/json.js';
import type { K8sObject } from '../../src/render/k8s-object.js';

const podTemplateKinds = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job']);

/** The pod spec of a workload (CronJob: its job template's; Pod: its own spec), else undefined. */
export function podSpecOf(obj: K8sObject): JsonObject | undefined {
  const spec = obj['spec'];
  if (!isRecord(spec)) return undefined;
  if (obj.kind === 'Pod') return spec;
  if (obj.kind === 'CronJob') {
    const job = spec['jobTemplate'];
    const jobSpec = isRecord(job) ? job['spec'] : undefined;
    const template = isRecord(jobSpec) ? jobSpec['template'] : undefined;
    return isRecord(template) && isRecord(template['spec']) ? template['spec'] : undefined;
  }
  if (!podTemplateKinds.has(obj.kind)) return undefined;
  const template = spec['template'];
  return isRecord(template) && isRecord(template['spec']) ? template['spec'] : undefined;
}
