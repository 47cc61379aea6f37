import type { CodeInfo } from '../code-info.js';

/**
 * RG7xx (RG700–RG749): the diff. RG700–RG719 are dangerous changes (severity `error` when the change
 * fails to sync or destroys data, `warning` when it changes behaviour in a way people must plan for);
 * RG730–RG749 are problems reading a git ref or a dump (a cluster's are RG750–RG799 in codes/live.ts).
 */
export const diffCodes = {
  RG700: {
    danger: true,
    title: 'Topic partitions decreased',
    hint: 'Partitions can never decrease: keep the current count. To have fewer, create a new topic and move producers and consumers to it.',
  },
  RG701: {
    danger: true,
    title: 'Topic partitions increased',
    hint: 'Records with the same key go to a different partition from now on, so per-key ordering breaks across the change. Plan it with the topic owners (pause keyed producers or accept the reordering).',
  },
  RG702: {
    danger: true,
    title: 'Topic replication factor changed',
    hint: 'Changing the replication factor moves partition replicas between brokers: check that there are enough brokers and plan for the data copied.',
  },
  RG703: {
    danger: true,
    title: 'Topic removed while deleteOnRemove is true: its data is deleted',
    hint: 'Set `deleteOnRemove: false` on the topic and sync that first if the data must survive, then remove the topic.',
  },
  RG704: {
    danger: true,
    title: 'Cleanup policy changed from compact to delete',
    hint: 'Compacted history older than the retention is deleted once the policy includes `delete`. Keep `compact` unless losing that history is intended.',
  },
  RG705: {
    danger: true,
    title: 'Immutable StatefulSet field changed: the sync fails',
    hint: 'The API server refuses updates to a StatefulSet other than replicas, template, updateStrategy, persistentVolumeClaimRetentionPolicy and minReadySeconds. Delete it with `kubectl delete statefulset <name> --cascade=orphan` (the pods and volumes stay) and sync again, or revert the change.',
  },
  RG706: {
    danger: true,
    title: 'Storage shrunk',
    hint: 'Kubernetes never shrinks a volume: the API server refuses a smaller PVC request. Keep the current size; to shrink, migrate the data to new, smaller volumes.',
  },
  RG707: {
    danger: true,
    title: 'Storage class changed',
    hint: 'Existing volumes keep their storage class; only new volumes get the new one. Migrate the data to new volumes, or revert the change.',
  },
  RG708: {
    danger: true,
    title: 'Service type changed',
    hint: 'Clients reach the Service differently after the change (a LoadBalancer gets a new external address; a NodePort opens ports on every node). Tell the clients and update DNS first.',
  },
  RG709: {
    danger: true,
    title: 'Service clusterIP changed: the object is replaced',
    hint: 'clusterIP is immutable: the Service must be deleted and created again, and clients that cached the old address break. Leave clusterIP unset unless a fixed address is needed.',
  },
  RG710: {
    danger: true,
    title: 'Broker replicas decreased',
    hint: 'Removing brokers leaves partition replicas on them unavailable until they are reassigned: move the partitions off the brokers being removed first, and keep at least as many brokers as the largest replication factor.',
  },
  RG711: {
    danger: true,
    title: 'RivvenCluster removed: its volumes are deleted',
    hint: "The operator's finalizer deletes the PersistentVolumeClaims of a removed RivvenCluster, and with them every broker's data. Back up first, or keep the cluster in the config.",
  },
  RG712: {
    danger: true,
    title: 'Broker storage size changed: not applied to existing volumes',
    hint: "The operator cannot change its StatefulSet's volumeClaimTemplates (immutable), so existing broker volumes keep their size. Expand each PVC data-rivven-<cluster>-<i> by hand (if its storage class allows expansion).",
  },
  RG713: {
    danger: true,
    title: 'Immutable field changed: the object is replaced',
    hint: 'The API server refuses this change as an update: the object must be deleted and created again (Argo CD sync option Replace=true), or revert the change.',
  },
  RG714: {
    danger: true,
    title: 'Namespace removed: everything in it is deleted',
    hint: 'Deleting a Namespace deletes every object in it, including volumes and objects nobody rendered. Make sure that is intended.',
  },
  RG715: {
    danger: true,
    title: 'PersistentVolumeClaim removed: its data may be deleted',
    hint: 'With the usual reclaim policy Delete, removing the claim deletes the volume and its data. Back it up or set the PersistentVolume to Retain first.',
  },
  RG716: {
    danger: true,
    title: 'Topic retention shortened',
    hint: 'Records older than the new retention are deleted at the next cleanup. Make sure no consumer still needs them.',
  },
  RG717: {
    danger: true,
    title: 'Topic deleteOnRemove switched on',
    hint: 'From now on, removing this topic from the config deletes it and its data. Keep `deleteOnRemove: false` for topics whose data must survive a mistaken removal.',
  },
  RG730: {
    title: 'Git ref cannot be read',
    hint: 'Give a commit, branch or tag that exists in this repository (git:HEAD, git:origin/main, git:v1.2.0), and run inside the git checkout.',
  },
  RG731: {
    title: 'Committed output cannot be evaluated',
    hint: 'The kustomization at that ref uses something the git source does not evaluate, or is broken. Compare with a ref whose out/ was written by rivven-gitops build.',
  },
  RG732: {
    title: 'Dump cannot be read',
    hint: 'Give a YAML file (multi-document, or a `kubectl get -o yaml` List) or a directory of them: file:path/to/dump.yaml.',
  },
  RG733: {
    title: 'Dump is not Kubernetes objects',
    hint: 'Every document must have apiVersion, kind and metadata.name (or be a List with items).',
  },
} satisfies Record<string, CodeInfo>;

/** The dangerous-change codes (RG700–RG719): the ones flagged `danger` above, so classify never lists them by hand. */
export type DangerCode = { [C in keyof typeof diffCodes]: (typeof diffCodes)[C] extends { readonly danger: true } ? C : never }[keyof typeof diffCodes];

function isDangerCode(code: keyof typeof diffCodes): code is DangerCode {
  const info: CodeInfo = diffCodes[code];
  return info.danger === true;
}

/** Every dangerous-change code, in catalog order. */
export const dangerCodes: readonly DangerCode[] = (Object.keys(diffCodes) as (keyof typeof diffCodes)[]).filter(isDangerCode);
