/**
 * External Secrets Operator objects for the Secrets of `secrets.items`: one `external-secrets.io/v1`
 * ExternalSecret per Secret, with exactly the keys the environment's other objects read (a Secret
 * mounted whole gets every property of its store key through `dataFrom.extract`). Only references
 * to the store are rendered, never a value. Pure.
 */
import type { ResolvedEnvironment } from '../model/types.js';
import { k8sObject, type K8sObject } from './k8s-object.js';
import { commonLabels } from './names.js';
import { secretInventory } from './secret-inventory.js';

export const externalSecretApiVersion = 'external-secrets.io/v1';
/** What the External Secrets Operator defaults to; rendered so Git shows it. */
export const defaultRefreshInterval = '1h';

/** The keys of each Secret the objects read, by name (`*`: mounted whole). */
export function keysReadBySecret(env: ResolvedEnvironment, objects: readonly K8sObject[]): Map<string, readonly string[]> {
  const read = new Map<string, readonly string[]>();
  for (const e of secretInventory(objects, { namespace: env.config.namespace })) {
    if (e.namespace === env.config.namespace && e.consumers.length > 0) read.set(e.name, e.keys);
  }
  return read;
}

export function renderExternalSecrets(env: ResolvedEnvironment, objects: readonly K8sObject[]): K8sObject[] {
  const secrets = env.config.secrets;
  if (secrets?.items === undefined || secrets.store === undefined) return [];
  const read = keysReadBySecret(env, objects);
  return Object.entries(secrets.items)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, item]) => {
      const declared = Object.keys(item.keys ?? {});
      const keysRead = read.get(name) ?? [];
      const whole = keysRead.includes('*') || keysRead.length === 0;
      // Whole mounts take what the item names; otherwise exactly the keys read.
      const dataKeys = whole ? declared : keysRead.filter((k) => item.keys?.[k] !== undefined || item.remoteKey !== undefined);
      const data = [...dataKeys].sort().map((secretKey) => {
        const ref = item.keys?.[secretKey] ?? { key: item.remoteKey ?? '', property: secretKey };
        return { secretKey, remoteRef: { key: ref.key, ...(ref.property === undefined ? {} : { property: ref.property }) } };
      });
      const dataFrom = whole && item.remoteKey !== undefined ? [{ extract: { key: item.remoteKey } }] : undefined;
      return k8sObject(externalSecretApiVersion, 'ExternalSecret', { name, namespace: env.config.namespace, labels: commonLabels(env, 'secrets') }, {
        spec: {
          secretStoreRef: { kind: secrets.store?.kind, name: secrets.store?.name },
          refreshInterval: secrets.refreshInterval ?? defaultRefreshInterval,
          target: { name, creationPolicy: 'Owner', deletionPolicy: 'Retain' },
          data: data.length > 0 ? data : undefined,
          dataFrom,
        },
      });
    });
}
