/**
 * Which line of the user's config caused a change: a map from (kind, name, field) to the config path
 * that renders it, looked up in the environment's provenance. Only the resources that map one-to-one
 * onto a config entry are listed (the Rivven custom resources, the broker StatefulSet, the Namespace);
 * other objects are derived from several settings and name no single line.
 */
import type { SourceLocation } from '../errors/diagnostic.js';
import type { ResolvedEnvironment } from '../model/types.js';
import { kindEntries } from '../fields/tables.js';
import type { KindTable } from '../fields/row.js';
import { brokerNames } from '../render/names.js';
import { rivvenGroup } from '../core/rivven.js';
import { locateIn, locatePresentOrRemoved } from '../resolve/provenance.js';
import type { PathSegment } from '../core/path.js';
import { isAtOrUnder } from './field-path.js';
import { isKind } from '../core/object-ref.js';
import type { ObjectRef } from './types.js';

/** [field path prefix in the object, config path suffix]; the first prefix that matches wins. */
type FieldMap = readonly (readonly [string, readonly PathSegment[]])[];

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

/**
 * The table row at or above `fieldPath`; a row whose list items are the model's named entries maps
 * only paths into one item (`spec.sources[name=x]…` → `sources.x`).
 */
function mapRow(table: KindTable, fieldPath: string | undefined): readonly PathSegment[] {
  if (fieldPath === undefined) return [];
  for (const row of table.rows) {
    if (row.keyedByName === true) {
      const item = new RegExp(`^${row.crd.replace(/\./g, '\\.')}\\[name=([^\\]]+)\\]`).exec(fieldPath);
      if (item?.[1] !== undefined) return [...row.config, item[1]];
    } else if (isAtOrUnder(fieldPath, row.crd)) return row.locateAs ?? row.config;
  }
  return [];
}

/** The config path that renders `field` of the object `ref` in `env`, or undefined when none does. */
export function configPathFor(ref: ObjectRef, env: ResolvedEnvironment, fieldPath?: string): PathSegment[] | undefined {
  if (ref.group === rivvenGroup) {
    const entry = kindEntries[ref.kind];
    if (entry === undefined) return undefined;
    return [...entry.root, ...(entry.named ? [ref.name] : []), ...mapRow(entry.table, fieldPath)];
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
