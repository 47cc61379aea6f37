/** The namespace-free form of a rendered object that bases hold. */
import type { K8sObject } from '../render/k8s-object.js';

/**
 * The object as a base would hold it: the same in every environment because the namespace is gone.
 * Only the top level and metadata are copied (a deep copy of every rendered object was a tenth of the
 * stage); the rest is shared with `obj`, which nothing in the layout changes.
 */
export function stripNamespace(obj: K8sObject): K8sObject {
  // Rest and spread define properties (a `__proto__` key stays data), as cloneJson's parse did.
  const { namespace: _namespace, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}
