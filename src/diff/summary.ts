/**
 * One line per resource for people: what changes in the words of the config, e.g.
 * `orders-events: partitions 12 → 24, retention 7d → 3d`. Rivven resources get their own vocabulary;
 * other objects list the changed fields.
 */
import { formatRetention } from '../fields/format.js';
import type { FieldRow, KindTable } from '../fields/row.js';
import { kindEntries } from '../fields/tables.js';
import { topicCreatedRows, topicDeleteOnRemove, topicTable } from '../fields/topic.js';
import { rivvenGroup } from '../core/rivven.js';
import { getIn } from './json-value.js';
import type { FieldChange, ResourceChange } from './types.js';

interface Label {
  readonly path: string;
  readonly label: string;
  readonly format?: (v: unknown) => string;
}

const duration = (v: unknown) => (typeof v === 'number' ? formatRetention(v) : show(v));

/** The labelled rows of a kind's table, in its order. */
function tableLabels(table: KindTable): readonly Label[] {
  return table.rows.flatMap((row) =>
    row.label === undefined ? [] : [{ path: row.crd, label: row.label, ...(row.unit === 'duration-ms' ? { format: duration } : {}) }],
  );
}

const labelsByKind = new Map(Object.entries(kindEntries).map(([kind, entry]) => [kind, tableLabels(entry.table)]));

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
  const { partitions, replicationFactor, retention } = topicCreatedRows;
  const at = (row: FieldRow) => getIn(obj, row.crd.split('.'));
  const [p, rf, ms] = [at(partitions), at(replicationFactor), at(retention)];
  const parts = ['new topic'];
  if (typeof p === 'number') parts.push(`${p} ${partitions.label ?? ''}`);
  if (typeof rf === 'number') parts.push(`${replicationFactor.label ?? ''} ${rf}`);
  if (typeof ms === 'number') parts.push(`${retention.label ?? ''} ${formatRetention(ms)}`);
  return parts.join(', ');
}

function topicRemoved(obj: unknown): string {
  return getIn(obj, topicDeleteOnRemove.crd.split('.')) === false
    ? `topic removed (${topicDeleteOnRemove.label ?? ''}: false, data kept)`
    : `topic removed and its data deleted (${topicDeleteOnRemove.label ?? ''})`;
}

function labelsFor(change: ResourceChange): readonly Label[] {
  if (change.ref.group !== rivvenGroup) return change.ref.kind === 'Deployment' || change.ref.kind === 'StatefulSet' ? replicaLabels : [];
  return labelsByKind.get(change.ref.kind) ?? replicaLabels;
}

/** The one-line summary of a change. */
export function summarizeChange(change: ResourceChange): string {
  const name = change.ref.name;
  const isTopic = change.ref.group === rivvenGroup && change.ref.kind === topicTable.kind;
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
