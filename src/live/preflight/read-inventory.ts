/**
 * Reads, read-only, what the prerequisite checks need and nothing more: `/apis` and the APIResourceList
 * of each needed group version, Deployments matching the operators' labels (every namespace), the names
 * of Secrets in the namespaces that need some (a metadata-only list: never a value), and a GET per named
 * StorageClass, issuer or SecretStore, and the StorageClasses as metadata (which is default) when a volume
 * claim names no class. A 403 or a failing API makes that one fact unknown; a cluster that
 * cannot be reached at all is a coded error.
 */
import { isRecord } from '../../core/json.js';
import { RequestFailure, type ClusterClient } from '../cluster/cluster-client.js';
import type { Prerequisites } from '../../render/prerequisites.js';
import { namedPrerequisites } from './check-named-objects.js';
import { known, objectKey, unknown, type LiveDeployment, type LiveInventory, type LiveStorageClass, type Lookup } from './live-inventory.js';

/** The annotation that marks the default StorageClass, and its beta form that Kubernetes still honours. */
const defaultClassAnnotations = ['storageclass.kubernetes.io/is-default-class', 'storageclass.beta.kubernetes.io/is-default-class'];

const namedApis: Readonly<Record<string, string>> = {
  StorageClass: '/apis/storage.k8s.io/v1/storageclasses',
  Issuer: '/apis/cert-manager.io/v1/namespaces/{ns}/issuers',
  ClusterIssuer: '/apis/cert-manager.io/v1/clusterissuers',
  SecretStore: '/apis/external-secrets.io/v1/namespaces/{ns}/secretstores',
  ClusterSecretStore: '/apis/external-secrets.io/v1/clustersecretstores',
};

function reasonOf(failure: RequestFailure): string {
  return failure.reason === 'forbidden' ? `not allowed (${failure.detail})` : `${failure.reason}: ${failure.detail}`;
}

/** Failures that make every answer meaningless are rethrown; the rest make one fact unknown. */
async function lookup<T>(read: () => Promise<T>): Promise<Lookup<T>> {
  try {
    return known(await read());
  } catch (failure) {
    if (!(failure instanceof RequestFailure)) throw failure;
    if (['unreachable', 'tls', 'unauthorized'].includes(failure.reason)) throw failure;
    return unknown(reasonOf(failure));
  }
}

function listOf(body: unknown, field: string): unknown[] {
  const list = isRecord(body) ? body[field] : undefined;
  return Array.isArray(list) ? list : [];
}

function nameOf(value: unknown, field = 'name'): string | undefined {
  const v = isRecord(value) ? value[field] : undefined;
  return typeof v === 'string' ? v : undefined;
}

export async function readInventory(client: ClusterClient, prerequisites: Prerequisites): Promise<LiveInventory> {
  const groups = await lookup(async () => {
    const body = await client.getJson('/apis');
    return new Map(listOf(body, 'groups').flatMap((g) => {
      const name = nameOf(g);
      return name === undefined ? [] : [[name, listOf(g, 'versions').flatMap((v) => nameOf(v, 'version') ?? [])] as const];
    }));
  });
  const kinds = new Map<string, Lookup<readonly string[]>>();
  for (const gv of [...new Set(prerequisites.apis.map((a) => `${a.group}/${a.version}`))].sort()) {
    const [group] = gv.split('/');
    if (!groups.known || !(groups.value.get(group ?? '') ?? []).includes(gv.slice((group ?? '').length + 1))) continue;
    kinds.set(gv, await lookup(async () => listOf(await client.getJson(`/apis/${gv}`), 'resources').filter((r) => !(nameOf(r) ?? '/').includes('/')).flatMap((r) => nameOf(r, 'kind') ?? [])));
  }
  const listNames = client.listNames?.bind(client);
  const selectors = [...new Set(prerequisites.operators.flatMap((o) => o.selectors))].sort();
  const deployments = await lookup(async () => {
    const found = new Map<string, LiveDeployment>();
    for (const labelSelector of selectors) {
      if (listNames === undefined) throw new RequestFailure('bad-response', '/apis/apps/v1/deployments', 'this client cannot list metadata', undefined, 0);
      for (const d of await listNames('/apis/apps/v1/deployments', { labelSelector })) found.set(`${d.namespace}/${d.name}`, d);
    }
    return [...found.values()];
  });
  const secretNames = new Map<string, Lookup<readonly string[]>>();
  for (const namespace of [...new Set(prerequisites.secrets.map((s) => s.namespace))].sort()) {
    secretNames.set(namespace, await lookup(async () => {
      if (listNames === undefined) throw new RequestFailure('bad-response', 'secrets', 'this client cannot list metadata', undefined, 0);
      try {
        return (await listNames(`/api/v1/namespaces/${encodeURIComponent(namespace)}/secrets`)).map((s) => s.name);
      } catch (failure) {
        // A namespace that does not exist yet holds no Secret.
        if (failure instanceof RequestFailure && failure.reason === 'not-found') return [];
        throw failure;
      }
    }));
  }
  const objects = new Map<string, Lookup<boolean>>();
  for (const n of namedPrerequisites(prerequisites)) {
    const base = (namedApis[n.kind] ?? '').replace('{ns}', encodeURIComponent(n.namespace));
    objects.set(objectKey(n.kind, n.namespace, n.name), await lookup(async () => {
      try {
        await client.getJson(`${base}/${encodeURIComponent(n.name)}`);
        return true;
      } catch (failure) {
        // 404: the object, or its whole API, does not exist; either way it is missing.
        if (failure instanceof RequestFailure && failure.reason === 'not-found') return false;
        throw failure;
      }
    }));
  }
  if (prerequisites.defaultStorageClass === undefined) return { groups, kinds, deployments, secretNames, objects };
  const storageClasses = await lookup(async (): Promise<LiveStorageClass[]> => {
    const listMetadata = client.listMetadata?.bind(client);
    if (listMetadata === undefined) throw new RequestFailure('bad-response', '/apis/storage.k8s.io/v1/storageclasses', 'this client cannot list metadata', undefined, 0);
    const listed = await listMetadata('/apis/storage.k8s.io/v1/storageclasses');
    // Only the exact value "true" marks a default (the API server's own test).
    return listed.map((c) => ({ name: c.name, isDefault: defaultClassAnnotations.some((a) => c.annotations[a] === 'true'), created: c.creationTimestamp }));
  });
  return { groups, kinds, deployments, secretNames, objects, storageClasses };
}
