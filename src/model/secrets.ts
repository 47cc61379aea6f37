import { z } from 'zod';
import { objectName, promDuration } from './primitives.js';

/** Where one Secret key comes from in the external store (`spec.data[].remoteRef` of an ExternalSecret). */
export const remoteRefSchema = z.strictObject({
  /** The key (path) of the secret in the external store, e.g. `'rivven/prod/cluster'`. */
  key: z.string().min(1),
  /** One property of a structured (JSON) secret in the store. */
  property: z.string().min(1).optional(),
});

/** One Secret delivered by the External Secrets Operator. */
export const externalSecretItemSchema = z
  .strictObject({
    /**
     * The store key whose properties become this Secret's keys: each key a consumer reads is fetched
     * as the property of the same name (`remoteRef: { key: remoteKey, property: <secret key> }`); a
     * Secret mounted whole gets every property (`dataFrom.extract`).
     */
    remoteKey: z.string().min(1).optional(),
    /**
     * Per Secret key, where it comes from; overrides `remoteKey` for the keys it names.
     * @becomes ExternalSecret `spec.data[]`
     */
    keys: z.record(z.string().regex(/^[-._a-zA-Z0-9]+$/, 'Invalid Secret key: letters, digits, "-", "_" and "." only'), remoteRefSchema).optional(),
  })
  .refine((item) => item.remoteKey !== undefined || item.keys !== undefined, {
    message: 'A secret item needs remoteKey (the store key holding its properties) or keys (a remoteRef per Secret key)',
    params: { code: 'RG353' },
  });

export const secretStoreRefSchema = z.strictObject({
  /** @default 'ClusterSecretStore' */
  kind: z.enum(['ClusterSecretStore', 'SecretStore']).default('ClusterSecretStore'),
  name: objectName,
});

/**
 * How the Secrets the fleet references reach the cluster. Only references live in Git: no secret value
 * is ever written or printed. Every Secret a rendered object reads must be delivered here (an
 * ExternalSecret or a SealedSecret file), be rendered by rivven-gitops (the cert-manager TLS Secret), or be
 * declared `external`; anything else is RG350 at the line that names it.
 */
export const secretsSchema = z.strictObject({
  /**
   * The External Secrets Operator store every ExternalSecret reads from.
   * @becomes ExternalSecret `spec.secretStoreRef`
   */
  store: secretStoreRefSchema.optional(),
  /** How often the operator re-reads the store. @default '1h' */
  refreshInterval: promDuration.optional(),
  /**
   * Secrets delivered by ExternalSecrets, by Secret name: each becomes one `external-secrets.io/v1`
   * ExternalSecret carrying exactly the keys the fleet's objects read.
   */
  items: z.record(objectName, externalSecretItemSchema).optional(),
  /** Secrets created outside this fleet (by hand, another tool): declared so every reference resolves. */
  external: z.array(objectName).optional(),
  /**
   * SealedSecret files kept in the repository: paths or globs relative to the project root, e.g.
   * `['secrets/sealed/prod/*.yaml']`. Usually set in each environment file, since every cluster's
   * Sealed Secrets controller has its own sealing key (an environment's list replaces the base's). Each
   * file holds only `bitnami.com/v1alpha1` SealedSecrets (`kubeseal --format yaml`), sealed for this
   * environment's namespace; they are emitted into the environment's overlay, in the secrets sync wave.
   * @becomes SealedSecret objects (the Sealed Secrets controller writes each Secret)
   */
  sealed: z.array(z.string().min(1)).optional(),
});

export type SecretsConfig = z.infer<typeof secretsSchema>;
