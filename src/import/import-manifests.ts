/**
 * The import stage's entry (pure): parsed YAML documents → a config object for `rivven.config.ts` or an
 * environment file, and a note for every value that could not be carried over as it was.
 *
 * 1. classify each document and decide the facts they share (plan.ts);
 * 2. map each document with the mapper of its kind;
 * 3. take out values the model refuses, add the Secret references validation needs, then render the
 *    result and note whatever the rendered objects do not reproduce (verify-import.ts);
 * 4. note YAML 1.1 readings and unknown tags of the values that were carried over.
 */
import { configSchema } from '../model/config.js';
import { defaults } from '../model/defaults.js';
import { pathKey, type PathSegment } from '../core/path.js';
import { completeConfig } from './complete-config.js';
import { ImportBuilder } from './import-context.js';
import { mapRivvenCluster } from './map-cluster.js';
import { mapRivvenConnect } from './map-connect.js';
import { mapHelmValues } from './map-helm-values.js';
import { mapRivvenSchemaRegistry } from './map-schema-registry.js';
import { mapBrokerStatefulSet } from './map-statefulset.js';
import { mapRivvenTopic } from './map-topic.js';
import { mapConfigMap, mapHpa, mapIngress, mapNamespace, mapService } from './map-workload-objects.js';
import { classifyDocument, planImport, type DocumentRole, type ImportPlan } from './plan.js';
import type { ImportDocument, ImportedObject, ImportNote, ImportOptions, ImportResult } from './types.js';
import { asRecord, asString, isForbiddenKey } from './values.js';
import { removeRefusedValues, verifyRendered, type VerifiedDocument } from './verify-import.js';
import { compareText } from '../core/order.js';
import { isPlainObject } from '../core/json.js';
import { unescapePointerSegment } from '../core/json-pointer.js';

function targetOf(role: DocumentRole, doc: ImportDocument): PathSegment[] {
  const name = asString(asRecord(asRecord(doc.value)?.['metadata'])?.['name']) ?? '';
  if (role.type === 'rivven') {
    if (role.kind === 'RivvenTopic') return ['topics', name];
    if (role.kind === 'RivvenConnect') return ['connect', name];
    if (role.kind === 'RivvenSchemaRegistry') return ['schemaRegistry'];
    return ['cluster'];
  }
  if (role.type === 'workload') {
    if (role.kind === 'Namespace') return ['namespace'];
    if (role.kind === 'HorizontalPodAutoscaler') return ['autoscaling'];
    if (role.kind === 'Ingress') return ['ingress'];
  }
  return role.type === 'values' || role.type === 'workload' ? ['cluster'] : [];
}

/** Why a workload object is not imported next to Rivven custom resources (the operator makes its own). */
const operatorOwned: Readonly<Record<string, string>> = {
  StatefulSet: 'the operator creates the broker StatefulSet from the RivvenCluster; this one is not imported',
  Service: 'the operator creates the broker Services from the RivvenCluster; this one is not imported',
  HorizontalPodAutoscaler: 'the operator re-applies the RivvenCluster replicas every 300 s and would fight an HPA; not imported',
  ConfigMap: 'rivven-gitops imports no ConfigMaps',
};

function mapDocument(builder: ImportBuilder, doc: ImportDocument, role: DocumentRole, plan: ImportPlan, seen: Set<string>): boolean {
  const m = builder.document(doc);
  if (role.type === 'unknown') {
    m.note([], `not imported: ${role.why}.`, []);
    return false;
  }
  if (role.type === 'values') {
    mapHelmValues(m, plan);
    return true;
  }
  const single = ['RivvenCluster', 'RivvenSchemaRegistry', 'StatefulSet', 'HorizontalPodAutoscaler', 'Namespace'];
  if (single.includes(role.kind) && seen.has(role.kind)) {
    m.note([], `a second ${role.kind}: an environment has one, so only the first is imported.`, targetOf(role, doc));
    return false;
  }
  seen.add(role.kind);
  switch (role.kind) {
    case 'RivvenCluster':
      mapRivvenCluster(m, plan);
      return true;
    case 'RivvenTopic':
      mapRivvenTopic(m, plan);
      return true;
    case 'RivvenConnect':
      mapRivvenConnect(m, plan);
      return true;
    case 'RivvenSchemaRegistry':
      mapRivvenSchemaRegistry(m, plan);
      return true;
    case 'Namespace':
      mapNamespace(m);
      return true;
    case 'Ingress':
      mapIngress(m, plan);
      return !m.isNoted(['spec']);
    default:
  }
  if (plan.target === 'operator') {
    m.note([], `${operatorOwned[role.kind] ?? 'not imported'}.`, ['cluster']);
    return false;
  }
  switch (role.kind) {
    case 'StatefulSet':
      mapBrokerStatefulSet(m, plan);
      return true;
    case 'Service':
      mapService(m, plan);
      return true;
    case 'HorizontalPodAutoscaler':
      mapHpa(m);
      return true;
    case 'ConfigMap':
      mapConfigMap(m);
      return false;
  }
}

/** Removes keys the merge refuses (`__proto__`, `constructor`, `prototype`) at any depth, with a note. */
function dropForbiddenKeys(builder: ImportBuilder, value: unknown, path: PathSegment[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => dropForbiddenKeys(builder, item, [...path, i]));
    return;
  }
  if (!isPlainObject(value)) return;
  for (const key of Object.keys(value)) {
    if (isForbiddenKey(key)) {
      const origin = builder.remove([...path, key]);
      builder.noteValue(origin, `the key "${key}" is refused by rivven-gitops (it would change an object's prototype); not carried over.`, path);
    } else dropForbiddenKeys(builder, value[key], [...path, key]);
  }
}

/** A document path from its `pathKey`, with list indices as numbers (the key does not say which is which). */
function fromKey(doc: ImportDocument, key: string): PathSegment[] {
  const path: PathSegment[] = [];
  let node: unknown = doc.value;
  for (const raw of key === '' ? [] : key.split('/').slice(1)) {
    const segment = unescapePointerSegment(raw);
    const index = Array.isArray(node) && /^\d+$/.test(segment) ? Number(segment) : undefined;
    path.push(index ?? segment);
    node = index !== undefined && Array.isArray(node) ? node[index] : isPlainObject(node) ? node[segment] : undefined;
  }
  return path;
}

function noteYamlReadings(builder: ImportBuilder, doc: ImportDocument, fallback: readonly PathSegment[]): void {
  const origins = [...builder.origins.values()].filter((o) => o.doc === doc);
  const targetFor = (key: string): readonly PathSegment[] => {
    let best: (typeof origins)[number] | undefined;
    for (const o of origins) {
      const prefix = pathKey(o.from);
      if ((key === prefix || key.startsWith(`${prefix}/`)) && (best === undefined || o.from.length > best.from.length)) best = o;
    }
    return best?.target ?? builder.notedTarget(doc, fromKey(doc, key)) ?? fallback;
  };
  const explained = builder.explainedYaml11.get(doc);
  for (const [key, scalar] of doc.yaml11 ?? []) {
    if (explained?.has(key)) continue;
    builder.note(
      doc,
      fromKey(doc, key),
      `plain ${scalar.source} is ${JSON.stringify(scalar.yaml12)} in YAML 1.2 (as import reads YAML) but ${JSON.stringify(scalar.yaml11)} in YAML 1.1, which kubectl and Helm read: quote it, or write ${JSON.stringify(scalar.yaml11)}, to say which you mean.`,
      targetFor(key),
      false,
    );
  }
  for (const [key, tag] of doc.unresolvedTags ?? []) {
    builder.note(doc, fromKey(doc, key), `the tag ${tag} is not one import knows; it was ignored (nothing is ever evaluated) and the value read as a plain string.`, targetFor(key));
  }
}

/**
 * rivven-gitops labels every object `app.kubernetes.io/part-of: <project>`: output it rendered (or
 * objects labelled the same way) says which project it was. Base configs only (project is fleet-wide).
 */
function setProjectFromLabels(builder: ImportBuilder, documents: readonly VerifiedDocument[]): void {
  for (const { doc } of documents) {
    const labels = asRecord(asRecord(asRecord(doc.value)?.['metadata'])?.['labels']);
    const project = asString(labels?.['app.kubernetes.io/part-of']);
    if (project !== undefined && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(project) && project.length <= 63) {
      builder.set(['project'], project, { doc, from: ['metadata', 'labels', 'app.kubernetes.io/part-of'] });
      return;
    }
  }
}

/** Top-level keys in the model's order; named collections sorted by name. */
function orderConfig(config: Record<string, unknown>): Record<string, unknown> {
  const order = Object.keys(configSchema.shape);
  const sortRecord = (value: unknown): unknown => (isPlainObject(value) ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, value[k]])) : value);
  const out: Record<string, unknown> = {};
  for (const key of [...order, ...Object.keys(config).filter((k) => !order.includes(k))]) {
    const value = config[key];
    if (value === undefined) continue;
    if (key === 'topics') out[key] = sortRecord(value);
    else if (key === 'connect' && isPlainObject(value)) {
      out[key] = Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((name) => {
            const pipeline = value[name];
            if (!isPlainObject(pipeline)) return [name, pipeline];
            return [name, { ...pipeline, ...(pipeline['sources'] ? { sources: sortRecord(pipeline['sources']) } : {}), ...(pipeline['sinks'] ? { sinks: sortRecord(pipeline['sinks']) } : {}) }];
          }),
      );
    } else out[key] = value;
  }
  return out;
}

function sortNotes(notes: readonly ImportNote[]): ImportNote[] {
  return notes
    .map((note, i) => ({ note, i }))
    .sort((a, b) => {
      const x = a.note.loc;
      const y = b.note.loc;
      if (x === undefined || y === undefined) return x === y ? a.i - b.i : x === undefined ? 1 : -1;
      return compareText(x.file, y.file) || x.line - y.line || x.column - y.column || a.i - b.i;
    })
    .map(({ note }) => note);
}

export function importManifests(documents: readonly ImportDocument[], options: ImportOptions): ImportResult {
  const classified = documents.map((doc) => ({ doc, role: classifyDocument(doc) }));
  const plan = planImport(classified, options.kind);
  const builder = new ImportBuilder();
  const imported: ImportedObject[] = [];
  const verified: VerifiedDocument[] = [];
  const seen = new Set<string>();
  for (const { doc, role } of classified) {
    if (!mapDocument(builder, doc, role, plan, seen)) continue;
    const name = role.type === 'values' ? doc.file : (asString(asRecord(asRecord(doc.value)?.['metadata'])?.['name']) ?? '(unnamed)');
    imported.push({ kind: role.type === 'values' ? 'values' : role.type === 'unknown' ? 'unknown' : role.kind, name, file: doc.file });
    verified.push({ doc, role, target: targetOf(role, doc) });
  }
  const first = verified[0];
  // Nothing understood: there is nothing to complete or verify, only the reasons to report.
  if (first === undefined) return { config: {}, notes: sortNotes(builder.notes), imported, mappedFields: 0 };
  if (options.kind === 'config') setProjectFromLabels(builder, verified);
  if (plan.target === 'manifests') builder.set(['target'], 'manifests', { doc: first.doc, from: [] });
  // Topics, pipelines and the registry name their cluster: without a RivvenCluster, that name is the config's.
  if (builder.get(['cluster', 'name']) === undefined && plan.clusterName !== defaults.cluster.name) {
    builder.set(['cluster', 'name'], plan.clusterName, undefined);
  }
  dropForbiddenKeys(builder, builder.config, []);
  removeRefusedValues(builder);
  completeConfig(builder, plan);
  removeRefusedValues(builder);
  verifyRendered(builder, verified, plan);
  for (const { doc, target } of verified) noteYamlReadings(builder, doc, target);
  return { config: orderConfig(builder.config), notes: sortNotes(builder.notes), imported, mappedFields: builder.mappedFields };
}

/** For summaries: `RivvenTopic orders-events (topics.yaml)`. */
export function describeImported(object: ImportedObject): string {
  return object.kind === 'values' ? `Helm-style values (${object.file})` : `${object.kind} ${object.name} (${object.file})`;
}
