/**
 * The environment's Namespace. Pod Security Admission enforces the `restricted` profile: every pod
 * rivven-gitops renders (brokers, operator) complies, as do the pods the Rivven operator creates with
 * its default security contexts (non-root, no privilege escalation, all capabilities dropped,
 * RuntimeDefault seccomp). A pod that does not comply is refused at creation, which is the point; for
 * troubleshooting use `kubectl debug --profile=restricted`.
 */
import type { ResolvedEnvironment } from '../model/types.js';
import { k8sObject, type K8sObject } from './k8s-object.js';
import { commonLabels } from './names.js';

/** The Pod Security Standard the environment namespace enforces (other renderers' pods must meet it). */
export const namespacePodSecurity = 'restricted';

export function renderNamespace(env: ResolvedEnvironment): K8sObject[] {
  return [
    k8sObject('v1', 'Namespace', {
      name: env.config.namespace,
      labels: {
        ...commonLabels(env, 'namespace'),
        'pod-security.kubernetes.io/enforce': namespacePodSecurity,
        'pod-security.kubernetes.io/audit': namespacePodSecurity,
        'pod-security.kubernetes.io/warn': namespacePodSecurity,
      },
    }),
  ];
}
