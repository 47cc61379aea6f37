/**
 * Shorthands for the rows of the workload kinds' tables (RivvenConnect, RivvenSchemaRegistry), whose
 * specs name most fields as the config does, and the pod-template rows those two CRDs share.
 */
import type { FieldRow } from './row.js';

const none = { from: 'none' } as const;

/**
 * A field copied from the config at the same path (`server.port` → `spec.server.port`). It keeps the
 * location the diff named before the row existed (`locateAs: []`: the workload's own block).
 */
export function sameRow(path: string, extra: Partial<FieldRow> = {}): FieldRow {
  return { config: path.split('.'), crd: `spec.${path}`, unit: 'plain', default: none, locateAs: [], ...extra };
}

/** A field the renderer computes (from `config`, or from no config line when `config` is empty). */
export function computedRow(name: string, config: readonly string[] = [], extra: Partial<FieldRow> = {}): FieldRow {
  return { config, crd: `spec.${name}`, unit: 'plain', default: none, write: 'computed', ...(config.length > 0 ? { locateAs: [] } : {}), ...extra };
}

/** The pod-template fields both CRDs carry under the same names, in their order. */
export const podTemplateRows: readonly FieldRow[] = [
  sameRow('podAnnotations', { unit: 'string-map' }),
  sameRow('podLabels', { unit: 'string-map' }),
  computedRow('env', ['env']),
  sameRow('nodeSelector', { unit: 'string-map' }),
  sameRow('tolerations'),
  sameRow('serviceAccount'),
  computedRow('securityContext'),
  computedRow('containerSecurityContext'),
];
