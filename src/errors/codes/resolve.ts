import type { CodeInfo } from '../code-info.js';

/** RG2xx: merging layers and checking the merged shape. */
export const resolveCodes = {
  RG201: { title: 'Forbidden key', hint: 'Keys named __proto__, constructor or prototype are never merged; rename the key.' },
  RG202: { title: 'Unknown field', hint: 'Check the spelling; your editor lists the fields this object accepts.' },
  RG203: { title: 'Wrong type', hint: 'Give a value of the type shown.' },
  RG204: { title: 'Value out of range', hint: 'Give a value inside the allowed range.' },
  RG205: { title: 'Value not allowed', hint: 'Use one of the allowed values.' },
  RG206: { title: 'Invalid format', hint: 'Use the documented format.' },
  RG207: { title: 'Missing required field', hint: 'Add the field.' },
  RG208: { title: 'Invalid value', hint: 'See the message for the rule the value breaks.' },
  RG209: { title: 'Value contains itself', hint: 'Build the value without a reference back to itself (copy the object instead of nesting it in itself).' },
  RG220: { title: 'Unknown Kubernetes cluster', hint: 'Name a cluster declared under clusters in rivven.config.ts, or declare it there.' },
  RG221: { title: 'Cluster destination ambiguous', hint: 'Give a cluster exactly one of server (API server URL) or name (the cluster registered in Argo CD).' },
} satisfies Record<string, CodeInfo>;
