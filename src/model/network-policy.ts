import { z } from 'zod';
import { dnsLabel } from './primitives.js';

/**
 * NetworkPolicies: default deny for the namespace, then client port from the allowed namespaces,
 * cluster port between brokers, metrics from the monitoring namespace, DNS egress.
 */
export const networkPolicySchema = z.strictObject({
  /** @default true once the block is present */
  enabled: z.boolean().default(true),
  /** Namespaces whose pods may reach the client port (9092); the environment's own always may. */
  allowedNamespaces: z.array(dnsLabel).default([]),
  /** Also allow the client port from pods with these labels in the namespace. */
  allowedPodLabels: z.record(z.string(), z.string()).optional(),
  /** Allow egress to anywhere (connectors reach databases and object stores). @default true */
  allowEgress: z.boolean().default(true),
});
