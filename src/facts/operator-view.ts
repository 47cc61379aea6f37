/**
 * The operator's view of each kind: the spec fields crd.rs deserializes, with their types, and whether
 * each survives the CRD schemas a user may install. Kept as data in a schema-like shape so it can
 * become a second schema source for validation; the operator-target renderers emit only fields that
 * survive the chosen source.
 */
import { cite, files, type Citation } from './citation.js';
import type { CrdSchemaSource } from './operator-defects.js';

export type FieldType = 'integer' | 'string' | 'boolean' | 'object' | 'array' | 'map' | 'any';

export interface OperatorField {
  readonly type: FieldType;
  readonly default?: string;
  /** CRD schema sources under which the API server keeps the field (`patched` keeps everything). */
  readonly survives: readonly CrdSchemaSource[];
  readonly note?: string;
}

export interface OperatorKindView {
  readonly kind: 'RivvenCluster' | 'RivvenTopic' | 'RivvenConnect' | 'RivvenSchemaRegistry';
  /** spec field path (dotted) → what the operator deserializes. */
  readonly spec: Readonly<Record<string, OperatorField>>;
  readonly cite: readonly Citation[];
}

const all: readonly CrdSchemaSource[] = ['deploy-yaml', 'print-crd', 'patched'];
const generated: readonly CrdSchemaSource[] = ['print-crd', 'patched'];
/** Fields `#[schemars(skip)]` leaves out of the generated schema (pruned there, kept by the YAML). */
const yamlOnly: readonly CrdSchemaSource[] = ['deploy-yaml', 'patched'];

export const operatorViews: readonly OperatorKindView[] = [
  {
    kind: 'RivvenCluster',
    cite: [cite(files.crd, '186-313'), cite(files.deployCluster, '30-325')],
    spec: {
      replicas: { type: 'integer', default: '3', survives: all },
      version: { type: 'string', default: '0.0.1', survives: generated },
      image: { type: 'string', survives: all },
      imagePullPolicy: { type: 'string', default: 'IfNotPresent', survives: generated },
      imagePullSecrets: { type: 'array', survives: all },
      storage: { type: 'object', survives: all },
      'storage.size': { type: 'string', default: '10Gi', survives: all },
      'storage.storageClassName': { type: 'string', survives: all },
      'storage.accessModes': { type: 'array', default: '[ReadWriteOnce]', survives: all },
      resources: { type: 'object', survives: yamlOnly },
      config: { type: 'object', survives: generated, note: 'must hold defaultReplicationFactor ≤ replicas' },
      'config.defaultPartitions': { type: 'integer', default: '3', survives: generated },
      'config.defaultReplicationFactor': { type: 'integer', default: '2', survives: generated },
      tls: { type: 'object', survives: all },
      'tls.enabled': { type: 'boolean', default: 'false', survives: all },
      'tls.certSecretName': { type: 'string', survives: generated, note: 'the deploy YAML calls it secretName' },
      'tls.mtlsEnabled': { type: 'boolean', default: 'false', survives: generated },
      'tls.caSecretName': { type: 'string', survives: generated },
      metrics: { type: 'object', survives: all },
      'metrics.enabled': { type: 'boolean', default: 'true', survives: all },
      'metrics.port': { type: 'integer', default: '9090', survives: generated },
      'metrics.serviceMonitor': { type: 'object', survives: generated, note: 'a boolean in the deploy YAML' },
      affinity: { type: 'object', survives: yamlOnly },
      nodeSelector: { type: 'map', survives: all },
      tolerations: { type: 'array', survives: yamlOnly },
      podDisruptionBudget: { type: 'object', survives: generated, note: 'the deploy YAML calls it pdb' },
      'podDisruptionBudget.enabled': { type: 'boolean', default: 'true', survives: generated },
      'podDisruptionBudget.minAvailable': { type: 'string', survives: generated },
      'podDisruptionBudget.maxUnavailable': { type: 'string', default: '"1"', survives: generated },
      serviceAccount: { type: 'string', survives: generated, note: 'the deploy YAML calls it serviceAccountName' },
      podAnnotations: { type: 'map', survives: generated, note: 'the deploy YAML calls it annotations' },
      podLabels: { type: 'map', survives: generated, note: 'the deploy YAML calls it labels' },
      env: { type: 'array', survives: yamlOnly },
      livenessProbe: { type: 'object', survives: all },
      readinessProbe: { type: 'object', survives: all },
      securityContext: { type: 'object', survives: yamlOnly },
      containerSecurityContext: { type: 'object', survives: yamlOnly },
    },
  },
  {
    kind: 'RivvenTopic',
    cite: [cite(files.crd, '1192-1598')],
    spec: {
      clusterRef: { type: 'object', survives: all },
      partitions: { type: 'integer', default: '3', survives: all },
      replicationFactor: { type: 'integer', default: '1', survives: all },
      config: { type: 'object', survives: all, note: 'must be written (derived default fails)' },
      acls: { type: 'array', survives: all },
      deleteOnRemove: { type: 'boolean', default: 'true', survives: all },
      topicLabels: { type: 'map', survives: all },
    },
  },
  {
    kind: 'RivvenConnect',
    cite: [cite(files.crd, '1027-2194')],
    spec: {
      clusterRef: { type: 'object', survives: all },
      replicas: { type: 'integer', default: '1', survives: all },
      config: { type: 'object', survives: all, note: 'must be written (derived default fails)' },
      sources: { type: 'array', survives: all },
      sinks: { type: 'array', survives: all },
      settings: { type: 'object', survives: all },
      tls: { type: 'object', survives: all },
      resources: { type: 'any', survives: all },
    },
  },
  {
    kind: 'RivvenSchemaRegistry',
    cite: [cite(files.crd, '2986-3918')],
    spec: {
      clusterRef: { type: 'object', survives: all },
      replicas: { type: 'integer', default: '1', survives: all },
      server: { type: 'object', survives: all },
      storage: { type: 'object', survives: all },
      compatibility: { type: 'object', survives: all },
      schemas: { type: 'object', survives: all },
      external: { type: 'object', survives: all, note: 'must be written (derived default fails)' },
      podDisruptionBudget: { type: 'object', survives: all, note: 'values must be strings' },
    },
  },
];

/** Does `path` of `kind` survive `source`? Unknown paths survive nowhere but `patched`. */
export function fieldSurvives(kind: OperatorKindView['kind'], path: string, source: CrdSchemaSource): boolean {
  const field = operatorViews.find((v) => v.kind === kind)?.spec[path];
  return field === undefined ? source === 'patched' : field.survives.includes(source);
}

/**
 * Spec fields of an object that the chosen CRD schemas would prune, or whose type is not what the
 * operator deserializes: the operator's view used as a schema (top level and the nested paths the
 * view lists). The integrator can wire it into the conform stage as the schema for `print-crd`/`patched`.
 */
export function operatorViewProblems(kind: string, spec: Readonly<Record<string, unknown>>, source: CrdSchemaSource): string[] {
  const view = operatorViews.find((v) => v.kind === kind);
  if (view === undefined) return [];
  const problems: string[] = [];
  const visit = (value: unknown, prefix: string) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
    for (const [key, child] of Object.entries(value)) {
      const path = prefix === '' ? key : `${prefix}.${key}`;
      const field = view.spec[path];
      if (field === undefined) {
        // Only the top level is complete in the view; deeper unknown paths are not judged.
        if (prefix === '') problems.push(`spec.${path}: not a field the operator reads`);
        continue;
      }
      if (!field.survives.includes(source)) problems.push(`spec.${path}: pruned by the ${source} CRD schemas`);
      if (child !== null && !typeMatches(field.type, child)) problems.push(`spec.${path}: expected ${field.type}, got ${JSON.stringify(child)}`);
      visit(child, path);
    }
  };
  visit(spec, '');
  return problems;
}

function typeMatches(type: FieldType, value: unknown): boolean {
  switch (type) {
    case 'integer':
      return Number.isInteger(value);
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
    case 'map':
      return typeof value === 'object' && !Array.isArray(value);
    case 'any':
      return true;
  }
}
