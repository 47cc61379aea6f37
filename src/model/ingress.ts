import { z } from 'zod';
import { objectName, stringMap } from './primitives.js';

const httpRoute = z.strictObject({
  host: z.string().regex(/^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, 'Invalid host name'),
  /** TLS Secret for this host (cert-manager fills it when clusterIssuer is set). */
  tlsSecretName: objectName.optional(),
});

/**
 * Ingress for the HTTP endpoints only: the schema registry API and the broker's HTTP API
 * (`/health`, `/metrics` on 9094). The broker client protocol is custom TCP: see cluster.external.
 */
export const ingressSchema = z.strictObject({
  /** @default true once the block is present */
  enabled: z.boolean().default(true),
  className: z.string().min(1).optional(),
  annotations: stringMap.optional(),
  /** cert-manager ClusterIssuer that issues the hosts' certificates. */
  clusterIssuer: objectName.optional(),
  schemaRegistry: httpRoute.optional(),
  brokerApi: httpRoute.optional(),
  /**
   * The guide's broker Ingress (`backend-protocol: GRPC` on the client port). Refused (RG405): the
   * client protocol is not gRPC. Kept so a pasted guide value explains itself.
   */
  broker: httpRoute.extend({ backendProtocol: z.string().optional() }).optional(),
});
