/**
 * The `default:` values of the four Rivven CRDs, read from the schema pack the field tables use
 * (src/fields/crd-schema.ts). The API server applies a structural-schema default where the field is
 * missing and its parent map exists, and also to every item of a list — the same rule as default-rules.ts.
 */
import { crdDefaultsOf, crdSchemaOf } from '../fields/crd-schema.js';
import { kindTables } from '../fields/tables.js';
import { rivvenGroup } from '../core/rivven.js';
import type { DefaultRule, KindDefaults } from './default-rules.js';

/** Field path (pattern, `[]` = every list item) → default. */
export type CrdDefaultTable = Readonly<Record<string, unknown>>;

/** Every kind's defaults, parents before children (the schema's order). */
export const rivvenCrdDefaultTables: Readonly<Record<string, CrdDefaultTable>> = Object.fromEntries(
  kindTables.map((t) => [t.kind, Object.fromEntries(crdDefaultsOf(crdSchemaOf(t.kind)))]),
);

function toRules(kind: string, table: CrdDefaultTable): DefaultRule[] {
  // Parents come before children in the table; the split puts the field after the last dot.
  return Object.entries(table).map(([path, value]) => {
    const dot = path.lastIndexOf('.');
    return { at: path.slice(0, dot), field: path.slice(dot + 1), value, source: `rivven crds/${kind.toLowerCase()}-crd.yaml` };
  });
}

export const rivvenCrdDefaults: readonly KindDefaults[] = Object.entries(rivvenCrdDefaultTables).map(([kind, table]) => ({
  kinds: [`${rivvenGroup}/${kind}`],
  rules: toRules(kind, table),
}));
