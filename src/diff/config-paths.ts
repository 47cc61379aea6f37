/**
 * Which line of the user's config caused a change: a map from (kind, name, field) to the config path
 * that renders it, looked up in the environment's provenance. Only the resources that map one-to-one
 * onto a config entry are listed (the Rivven custom resources, the broker StatefulSet, the Namespace);
 * other objects are derived from several settings and name no single line.
 */
import type { SourceLocation } from '../errors/diagnostic.js';
import type { ResolvedEnvironment } from '../model/types.js';
import { brokerNames } from '../render/names.js';
import { locateIn, locatePresentOrRemoved } from '../resolve/provenance.js';
import type { PathSegment } from '../core/path.js';
import { isAtOrUnder } from './field-path.js';
import { isKind } from '../core/object-ref.js';
import type { ObjectRef } from './types.js';
import { rivvenGroup } from '../core/rivven.js';


/** [field path prefix in the object, config path suffix]; the first prefix that matches wins. */
type FieldMap = readonly (readonly [string, readonly PathSegment[]])[];

const topicFields: FieldMap = [
  ['spec.partitions', ['partitions']],
  ['spec.replicationFactor', ['replicationFactor']],
  ['spec.config.retentionMs', ['retention']],
  ['spec.config.retentionBytes', ['retentionBytes']],
  ['spec.config.segmentBytes', ['segmentBytes']],
  ['spec.config.cleanupPolicy', ['cleanupPolicy']],
  ['spec.config.compressionType', ['compressionType']],
  ['spec.config.minInsyncReplicas', ['minInsyncReplicas']],
  ['spec.config.maxMessageBytes', ['maxMessageBytes']],
  ['spec.config.messageTimestampEnabled', ['messageTimestampEnabled']],
  ['spec.config.messageTimestampType', ['messageTimestampType']],
  ['spec.config.idempotentWrites', ['idempotentWrites']],
  ['spec.config.flushIntervalMs', ['flushInterval']],
  ['spec.config.custom', ['custom']],
  ['spec.acls', ['acls']],
  ['spec.deleteOnRemove', ['deleteOnRemove']],
  ['spec.topicLabels', ['labels']],
  ['metadata.labels', ['objectLabels']],
];

const clusterFields: FieldMap = [
  ['spec.replicas', ['replicas']],
  ['spec.storage.size', ['storage', 'size']],
  ['spec.storage.storageClassName', ['storage', 'storageClassName']],
  ['spec.storage', ['storage']],
  ['spec.image', ['image']],
  ['spec.resources', ['resources']],
  ['spec.affinity', ['placement']],
  ['spec.nodeSelector', ['placement', 'nodeSelector']],
  ['spec.tolerations', ['placement', 'tolerations']],
  ['spec.tls', ['tls']],
  ['spec.pdb', ['pdb']],
  ['spec.broker', ['broker']],
  ['spec.env', ['auth']],
];

const statefulSetFields: FieldMap = [
  ['spec.replicas', ['replicas']],
  ['spec.volumeClaimTemplates', ['storage']],
  ['spec.template.spec.affinity', ['placement']],
  ['spec.template.spec.topologySpreadConstraints', ['placement']],
];

function mapField(fields: FieldMap, fieldPath: string | undefined): readonly PathSegment[] {
  if (fieldPath === undefined) return [];
  return fields.find(([prefix]) => isAtOrUnder(fieldPath, prefix))?.[1] ?? [];
}

/** `spec.sources[name=x]…` → ['sources', 'x']. */
function connectField(fieldPath: string | undefined): readonly PathSegment[] {
  const m = fieldPath === undefined ? null : /^spec\.(sources|sinks)\[name=([^\]]+)\]/.exec(fieldPath);
  if (m?.[1] !== undefined && m[2] !== undefined) return [m[1], m[2]];
  if (fieldPath !== undefined && isAtOrUnder(fieldPath, 'spec.replicas')) return ['replicas'];
  return [];
}

/** The config path that renders `field` of the object `ref` in `env`, or undefined when none does. */
export function configPathFor(ref: ObjectRef, env: ResolvedEnvironment, fieldPath?: string): PathSegment[] | undefined {
  if (ref.group === rivvenGroup) {
    switch (ref.kind) {
      case 'RivvenTopic':
        return ['topics', ref.name, ...mapField(topicFields, fieldPath)];
      case 'RivvenCluster':
        return ['cluster', ...mapField(clusterFields, fieldPath)];
      case 'RivvenConnect':
        return ['connect', ref.name, ...connectField(fieldPath)];
      case 'RivvenSchemaRegistry':
        return ['schemaRegistry', ...(fieldPath !== undefined && isAtOrUnder(fieldPath, 'spec.replicas') ? ['replicas'] : [])];
      default:
        return undefined;
    }
  }
  if (isKind(ref, 'Namespace')) return ['namespace'];
  if (isKind(ref, 'apps/StatefulSet') && ref.name === brokerNames(env.config).statefulSet) {
    return ['cluster', ...mapField(statefulSetFields, fieldPath)];
  }
  return undefined;
}

/**
 * file:line:col of the config line behind `field` of `ref`: the closest path with a position (a topic's
 * default points at the topic), undefined when the value came from a built-in default only.
 */
export function locateChange(ref: ObjectRef, env: ResolvedEnvironment | undefined, fieldPath?: string): SourceLocation | undefined {
  if (env === undefined) return undefined;
  const path = configPathFor(ref, env, fieldPath);
  if (path === undefined) return undefined;
  // The object itself (a delete): what is gone points only at the line that removed it, if any.
  return fieldPath === undefined ? locatePresentOrRemoved(env.provenance, env.config, path) : locateIn(env.provenance, path);
}
