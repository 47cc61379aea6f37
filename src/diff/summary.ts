/**
 * One line per resource for people: what changes in the words of the config, e.g.
 * `orders-events: partitions 12 → 24, retention 7d → 3d`. Rivven resources get their own vocabulary;
 * other objects list the changed fields.
 */
import { getIn } from './json-value.js';
import type { FieldChange, ResourceChange } from './types.js';
import { rivvenGroup } from '../core/rivven.js';
import { formatDuration, retentionDurationStyle } from '../core/units.js';


interface Label {
  readonly path: string;
  readonly label: string;
  readonly format?: (v: unknown) => string;
}

const duration = (v: unknown) => (typeof v === 'number' ? formatDuration(v, retentionDurationStyle) : show(v));

const topicLabels: readonly Label[] = [
  { path: 'spec.partitions', label: 'partitions' },
  { path: 'spec.replicationFactor', label: 'replication factor' },
  { path: 'spec.config.retentionMs', label: 'retention', format: duration },
  { path: 'spec.config.retentionBytes', label: 'retention bytes' },
  { path: 'spec.config.segmentBytes', label: 'segment bytes' },
  { path: 'spec.config.cleanupPolicy', label: 'cleanup policy' },
  { path: 'spec.config.compressionType', label: 'compression' },
  { path: 'spec.config.minInsyncReplicas', label: 'min in-sync replicas' },
  { path: 'spec.config.maxMessageBytes', label: 'max message bytes' },
  { path: 'spec.config.flushIntervalMs', label: 'flush interval', format: duration },
  { path: 'spec.deleteOnRemove', label: 'deleteOnRemove' },
];

const clusterLabels: readonly Label[] = [
  { path: 'spec.replicas', label: 'replicas' },
  { path: 'spec.storage.size', label: 'storage' },
  { path: 'spec.storage.storageClassName', label: 'storage class' },
  { path: 'spec.image', label: 'image' },
];

const replicaLabels: readonly Label[] = [{ path: 'spec.replicas', label: 'replicas' }];

function show(value: unknown): string {
  if (value === undefined) return '(unset)';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return JSON.stringify(value);
}

function isScalar(value: unknown): boolean {
  return value === undefined || value === null || typeof value !== 'object';
}

function describeField(field: FieldChange, label: string, format: (v: unknown) => string = show): string {
  if (field.op === 'add' && !isScalar(field.after)) return `${label} added`;
  if (field.op === 'remove' && !isScalar(field.before)) return `${label} removed`;
  if (!isScalar(field.before) || !isScalar(field.after)) return `${label} changed`;
  return `${label} ${format(field.before)} → ${format(field.after)}`;
}

function shortPath(path: string): string {
  return path.replace(/^spec\./, '');
}

/** Known fields by label, then the rest by path, at most `max` in all. */
function describeFields(fields: readonly FieldChange[], labels: readonly Label[], max = 4): string {
  const parts: string[] = [];
  const used = new Set<FieldChange>();
  for (const l of labels) {
    const field = fields.find((f) => f.path === l.path);
    if (field === undefined) continue;
    used.add(field);
    parts.push(describeField(field, l.label, l.format));
  }
  const rest = fields.filter((f) => !used.has(f));
  const other = rest.slice(0, Math.max(0, max - parts.length));
  for (const f of other) parts.push(describeField(f, shortPath(f.path)));
  const hidden = rest.length - other.length;
  if (hidden > 0) parts.push(`${hidden} more field${hidden === 1 ? '' : 's'}`);
  return parts.join(', ');
}

function topicCreated(obj: unknown): string {
  const partitions = getIn(obj, ['spec', 'partitions']);
  const rf = getIn(obj, ['spec', 'replicationFactor']);
  const retention = getIn(obj, ['spec', 'config', 'retentionMs']);
  const parts = ['new topic'];
  if (typeof partitions === 'number') parts.push(`${partitions} partitions`);
  if (typeof rf === 'number') parts.push(`replication factor ${rf}`);
  if (typeof retention === 'number') parts.push(`retention ${formatDuration(retention, retentionDurationStyle)}`);
  return parts.join(', ');
}

function topicRemoved(obj: unknown): string {
  return getIn(obj, ['spec', 'deleteOnRemove']) === false ? 'topic removed (deleteOnRemove: false, data kept)' : 'topic removed and its data deleted (deleteOnRemove)';
}

function labelsFor(change: ResourceChange): readonly Label[] {
  if (change.ref.group !== rivvenGroup) return change.ref.kind === 'Deployment' || change.ref.kind === 'StatefulSet' ? replicaLabels : [];
  if (change.ref.kind === 'RivvenTopic') return topicLabels;
  if (change.ref.kind === 'RivvenCluster') return clusterLabels;
  return replicaLabels;
}

/** The one-line summary of a change. */
export function summarizeChange(change: ResourceChange): string {
  const name = change.ref.name;
  const isTopic = change.ref.group === rivvenGroup && change.ref.kind === 'RivvenTopic';
  switch (change.action) {
    case 'create':
      return `${name}: ${isTopic ? topicCreated(change.after) : 'created'}`;
    case 'delete':
      return `${name}: ${isTopic ? topicRemoved(change.before) : 'deleted'}`;
    case 'unknown':
      return `${name}: not known (the source could not be read)`;
    default: {
      const apiVersion =
        change.apiVersion.before !== change.apiVersion.after ? [`apiVersion ${change.apiVersion.before ?? ''} → ${change.apiVersion.after ?? ''}`] : [];
      const fields = change.fields.filter((f) => f.path !== 'apiVersion');
      const text = [...apiVersion, ...(fields.length > 0 ? [describeFields(fields, labelsFor(change))] : [])].join(', ');
      return `${name}: ${change.action === 'replace' ? 'replaced, ' : ''}${text}`;
    }
  }
}
