/**
 * What staging and production add on top of a scaffold's base so that their first build passes the
 * production checklist (`rivven-gitops check`): only what the base does not already have, each value
 * the base would otherwise take from a default included. With an imported base, every value that
 * differs from what was imported carries a comment naming the import and the rule that asks for it,
 * so the user sees why the environment file disagrees with their YAML.
 */
import { isPublishedBrokerImage } from '../facts/rivvend.js';
import type { TypeScriptComment } from '../import/write-typescript.js';
import { defaults } from '../model/defaults.js';
import { clientTlsComment, overlayTopicsSentence } from './upstream-comments.js';
import { isPlainObject } from '../core/json.js';

type Json = Record<string, unknown>;

export interface HardenedOverlay {
  readonly value: Json;
  readonly comments: readonly TypeScriptComment[];
}

const issuerRef = { name: 'rivven-ca', kind: 'ClusterIssuer' };

const objectAt = (value: unknown, key: string): Json => (isPlainObject(value) && isPlainObject(value[key]) ? value[key] : {});

/** Starting sizes for the requests and memory limit a workload lacks (RG807 requires them). */
export function missingResources(resources: unknown): Json | undefined {
  const requests = objectAt({ resources }, 'resources')['requests'];
  const limits = objectAt({ resources }, 'resources')['limits'];
  const has = (block: unknown, key: string) => isPlainObject(block) && block[key] !== undefined;
  const out: Json = {};
  const addRequests: Json = {};
  if (!has(requests, 'cpu')) addRequests['cpu'] = '250m';
  if (!has(requests, 'memory')) addRequests['memory'] = '512Mi';
  if (Object.keys(addRequests).length > 0) out['requests'] = addRequests;
  if (!has(limits, 'memory')) out['limits'] = { memory: '1Gi' };
  return Object.keys(out).length > 0 ? out : undefined;
}

const sizing = (importedFrom: string | undefined) =>
  importedFrom === undefined ? 'Starting sizes: measure and adjust.' : `Starting sizes where ${importedFrom} had none (the checklist requires requests and a memory limit, RG807): measure and adjust.`;

/** Static comments: they explain choices, not differences from an import. */
export const hardenedComments: readonly TypeScriptComment[] = [
  { path: ['cluster', 'storage', 'storageClassName'], text: "Your cluster's SSD StorageClass: a claim's class can never change once bound." },
  { path: ['cluster', 'tls', 'certManager', 'issuerRef'], text: 'An issuer that can sign in-cluster names (a CA issuer; ACME cannot).' },
  { path: ['cluster', 'placement'], text: 'One broker per node, spread evenly over zones.' },
  { path: ['backup'], text: 'Replicas copy every mistake: daily CSI snapshots of the broker volumes, 14 kept.' },
];

/** A topic setting as the base resolves it: the topic's own, the base's topicDefaults, or the model default. */
function effectiveTopicValue(base: Json, topic: Json, key: 'replicationFactor' | 'minInsyncReplicas' | 'deleteOnRemove'): unknown {
  return topic[key] ?? objectAt(base, 'topicDefaults')[key] ?? defaults.topic[key];
}

/** Topic settings the checklist refuses in `profile`, with a comment for each value that differs from the import. */
function durableTopics(base: Json, profile: 'staging' | 'production', importedFrom: string | undefined): { topics: Json; comments: TypeScriptComment[] } {
  const topics: Json = {};
  const comments: TypeScriptComment[] = [];
  for (const [name, value] of Object.entries(objectAt(base, 'topics'))) {
    if (!isPlainObject(value)) continue;
    const fix: Json = {};
    const changes: string[] = [];
    const rf = effectiveTopicValue(base, value, 'replicationFactor');
    const isr = effectiveTopicValue(base, value, 'minInsyncReplicas');
    const remove = effectiveTopicValue(base, value, 'deleteOnRemove');
    if (typeof rf === 'number' && rf < 3) {
      fix['replicationFactor'] = 3;
      changes.push(`replicationFactor ${rf} → 3, so one lost broker loses no data (RG830)`);
    }
    if (typeof isr === 'number' && isr < 2) {
      fix['minInsyncReplicas'] = 2;
      changes.push(`minInsyncReplicas ${isr} → 2, so an acknowledged write survives a leader crash (RG831)`);
    }
    if (profile === 'production' && remove !== false) {
      fix['deleteOnRemove'] = false;
      changes.push(`deleteOnRemove ${String(remove ?? true)} → false, so removing the topic from Git keeps its data (RG832)`);
    }
    if (Object.keys(fix).length === 0) continue;
    topics[name] = fix;
    const unrendered = base['target'] === 'manifests' ? ` ${overlayTopicsSentence}` : '';
    if (importedFrom !== undefined) comments.push({ path: ['topics', name], text: `Imported from ${importedFrom}; ${profile} differs: ${changes.join('; ')}.${unrendered}` });
  }
  return { topics, comments };
}

/**
 * The staging or production overlay for `base`. Staging gets production's placement, policies and
 * topic durability (so it warns about nothing production would refuse), without backups.
 */
export function hardenedOverlay(project: string, base: Json, profile: 'staging' | 'production', importedFrom?: string): HardenedOverlay {
  const production = profile === 'production';
  const cluster = objectAt(base, 'cluster');
  const storage = objectAt(cluster, 'storage');
  const tls = objectAt(cluster, 'tls');
  const replicas = typeof cluster['replicas'] === 'number' ? cluster['replicas'] : defaults.cluster.replicas;
  const comments: TypeScriptComment[] = [...hardenedComments];
  const clusterResources = missingResources(cluster['resources']);
  if (importedFrom !== undefined && replicas < 3) {
    comments.push({ path: ['cluster', 'replicas'], text: `${importedFrom} runs ${replicas} broker${replicas === 1 ? '' : 's'}; ${profile} needs three for a Raft majority that survives a lost broker (RG801).` });
  }
  comments.push({ path: ['cluster', 'resources'], text: sizing(importedFrom) });
  // TLS is still worth it on the published image (it encrypts the HTTP API that carries Raft), and it
  // is what the checklist asks for (RG805); the warning it brings is said to be deliberate where it is set.
  if (base['target'] === 'manifests' && isPublishedBrokerImage(typeof cluster['image'] === 'string' ? cluster['image'] : undefined)) {
    comments.push({ path: ['cluster', 'tls'], text: clientTlsComment(false) });
  }
  const overlay: Json = {
    namespace: `${project}-${production ? 'prod' : 'staging'}`,
    profile,
    cluster: {
      ...(replicas < 3 ? { replicas: 3 } : {}),
      ...(typeof storage['storageClassName'] === 'string' ? {} : { storage: { storageClassName: 'fast-ssd' } }),
      ...(clusterResources === undefined ? {} : { resources: clusterResources }),
      placement: { antiAffinity: 'required', zoneSpread: true },
      ...(tls['enabled'] === true ? {} : { tls: { enabled: true, certManager: { issuerRef } } }),
    },
  };
  if (base['networkPolicy'] === undefined) overlay['networkPolicy'] = { allowedNamespaces: [] };
  if (base['monitoring'] === undefined) overlay['monitoring'] = { serviceMonitor: true };
  if (production && base['backup'] === undefined) overlay['backup'] = { method: 'volume-snapshot', schedule: '0 2 * * *', volumeSnapshot: { keep: 14 } };
  const durable = durableTopics(base, profile, importedFrom);
  if (Object.keys(durable.topics).length > 0) overlay['topics'] = durable.topics;
  comments.push(...durable.comments);
  // Under `manifests` the pipelines and the registry are not rendered (RG328): nothing to size.
  if (base['target'] === 'manifests') return { value: overlay, comments };
  const sized: Json = {};
  for (const [name, pipeline] of Object.entries(objectAt(base, 'connect'))) {
    const missing = missingResources(isPlainObject(pipeline) ? pipeline['resources'] : undefined);
    if (missing !== undefined) sized[name] = { resources: missing };
  }
  if (Object.keys(sized).length > 0) {
    overlay['connect'] = sized;
    comments.push({ path: ['connect'], text: sizing(importedFrom) });
  }
  const registry = base['schemaRegistry'];
  const registryResources = isPlainObject(registry) ? missingResources(registry['resources']) : undefined;
  if (registryResources !== undefined) {
    overlay['schemaRegistry'] = { resources: registryResources };
    comments.push({ path: ['schemaRegistry'], text: sizing(importedFrom) });
  }
  return { value: overlay, comments };
}
