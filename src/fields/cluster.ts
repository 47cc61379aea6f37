/**
 * RivvenCluster ↔ `cluster` (operator target). The rows say which config line each CRD field comes
 * from, how summaries name it and which changes are dangerous. render/rivven-cluster.ts writes the spec
 * from these rows: `copy` rows are copied, `computed` rows (placement → affinity, auth → env) get the
 * value the renderer computes; a field without a row cannot be written. Rows added for render name the
 * config line the diff named before (`locateAs`), so diff findings point where they did.
 */
import { num } from './format.js';
import type { FieldRow, KindTable } from './row.js';

const none = { from: 'none' } as const;

const replicas: FieldRow = {
  config: ['replicas'],
  crd: 'spec.replicas',
  unit: 'plain',
  label: 'replicas',
  default: { from: 'model', value: 3, why: 'the CRD requires replicas and has no default; three brokers tolerate one loss' },
  danger: ({ before, after, subject }) => {
    const [n0, n1] = [num(before), num(after)];
    return n0 !== undefined && n1 !== undefined && n1 < n0 ? [{ code: 'RG710', severity: 'warning', message: `${subject} shrinks from ${n0} to ${n1} brokers.` }] : [];
  },
};

const storageSize: FieldRow = {
  config: ['storage', 'size'],
  crd: 'spec.storage.size',
  unit: 'plain',
  label: 'storage',
  default: { from: 'crd' },
  danger: ({ before: s0, after: s1, subject, compareQuantities }) => {
    const order = compareQuantities(s1, s0);
    if (order !== undefined && order < 0) {
      return [{ code: 'RG706', severity: 'error', message: `${subject} storage shrinks from ${String(s0)} to ${String(s1)}: volumes never shrink, and the operator cannot change its claim templates.` }];
    }
    if (order !== undefined && order > 0) {
      return [{ code: 'RG712', severity: 'warning', message: `${subject} storage grows from ${String(s0)} to ${String(s1)}: existing broker volumes keep ${String(s0)}.` }];
    }
    return [];
  },
};

const storageClassName: FieldRow = {
  config: ['storage', 'storageClassName'],
  crd: 'spec.storage.storageClassName',
  unit: 'plain',
  label: 'storage class',
  default: none,
  danger: ({ before, after, subject, listed }) => {
    const [k0, k1] = [typeof before === 'string' ? before : undefined, typeof after === 'string' ? after : undefined];
    if (k0 === k1 || !listed) return [];
    return [{ code: 'RG707', severity: 'warning', message: `${subject} storage class changes from ${k0 ?? '(cluster default)'} to ${k1 ?? '(cluster default)'}: existing broker volumes keep theirs.` }];
  },
};

/** The rows of the RivvenCluster; a field path matches the first row at or above it. */
export const clusterTable: KindTable = {
  kind: 'RivvenCluster',
  rows: [
    replicas,
    storageSize,
    storageClassName,
    { config: ['storage'], crd: 'spec.storage', unit: 'plain', default: none, role: 'diff' },
    // The image is computed from image/rivvenVersion (render/names.ts images()).
    { config: ['image'], crd: 'spec.image', unit: 'plain', label: 'image', default: { from: 'crd' }, write: 'computed' },
    { config: ['resources'], crd: 'spec.resources', unit: 'plain', default: none },
    { config: ['placement'], crd: 'spec.affinity', unit: 'plain', default: none, write: 'computed' },
    { config: ['placement', 'nodeSelector'], crd: 'spec.nodeSelector', unit: 'string-map', default: none },
    // Written as the model holds it, an empty list too (unit `list` would leave that out).
    { config: ['placement', 'tolerations'], crd: 'spec.tolerations', unit: 'plain', default: none },
    { config: ['tls'], crd: 'spec.tls', unit: 'plain', default: none, write: 'computed' },
    { config: ['pdb'], crd: 'spec.pdb', unit: 'plain', default: none, write: 'computed' },
    { config: ['broker'], crd: 'spec.broker', unit: 'plain', default: none, write: 'computed' },
    { config: ['auth'], crd: 'spec.env', unit: 'list', default: none, write: 'computed' },
    // Rows for render; the diff finds the coarse row above first, or named the entry itself (`[]`).
    { config: ['storage', 'accessModes'], crd: 'spec.storage.accessModes', unit: 'plain', default: { from: 'crd' }, locateAs: ['storage'] },
    { config: ['imagePullSecrets'], crd: 'spec.imagePullSecrets', unit: 'plain', default: none, locateAs: [] },
    { config: ['serviceAccountName'], crd: 'spec.serviceAccountName', unit: 'plain', default: none, locateAs: [] },
    { config: ['probes', 'liveness'], crd: 'spec.livenessProbe', unit: 'plain', default: none, locateAs: [] },
    { config: ['probes', 'readiness'], crd: 'spec.readinessProbe', unit: 'plain', default: none, locateAs: [] },
    { config: ['podAnnotations'], crd: 'spec.annotations', unit: 'string-map', default: none, locateAs: [] },
    { config: ['podLabels'], crd: 'spec.labels', unit: 'string-map', default: none, locateAs: [] },
    // Fixed by rivven-gitops (its own monitors; the restricted security contexts), from no config line.
    { config: [], crd: 'spec.metrics', unit: 'plain', default: none, write: 'computed' },
    { config: [], crd: 'spec.securityContext', unit: 'plain', default: none, write: 'computed' },
    { config: [], crd: 'spec.containerSecurityContext', unit: 'plain', default: none, write: 'computed' },
  ],
  classifyOrder: [replicas, storageSize, storageClassName],
};
