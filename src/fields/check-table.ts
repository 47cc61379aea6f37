/**
 * A table row may map only a field its kind's CRD has, with a type its unit can write: what the tests
 * hold every table to (a row the CRD lacks would render a field the API server prunes).
 */
import { crdSchemaOf, schemaAt } from './crd-schema.js';
import type { FieldUnit, KindTable } from './row.js';
import type { StructuralSchema } from '../schema-pack/types.js';

const unitTypes: Readonly<Record<FieldUnit, readonly string[] | undefined>> = {
  plain: undefined,
  'duration-ms': ['integer'],
  bytes: ['integer'],
  'bytes-or-unlimited': ['integer'],
  'string-map': ['object'],
  list: ['array'],
};

function typeProblem(unit: FieldUnit, schema: StructuralSchema): string | undefined {
  const allowed = unitTypes[unit];
  if (allowed === undefined || schema.type === undefined || allowed.includes(schema.type)) return undefined;
  return `unit ${unit} needs ${allowed.join(' or ')}, the CRD says ${schema.type}`;
}

/** What is wrong with the table against `schema` (its kind's CRD by default); empty when nothing is. */
export function checkTable(table: KindTable, schema: StructuralSchema = crdSchemaOf(table.kind)): string[] {
  const problems: string[] = [];
  for (const row of table.rows) {
    const at = schemaAt(schema, row.crd);
    if (at === undefined) {
      problems.push(`${table.kind} ${row.crd}: the CRD has no such field`);
      continue;
    }
    const type = typeProblem(row.unit, at);
    if (type !== undefined) problems.push(`${table.kind} ${row.crd}: ${type}`);
    if (row.default.from === 'crd' && !('default' in at)) problems.push(`${table.kind} ${row.crd}: the default is said to come from the CRD, which has none`);
    if (row.default.from !== 'crd' && 'default' in at) problems.push(`${table.kind} ${row.crd}: the CRD has a default (${JSON.stringify(at.default)}); the row must take it`);
    if (row.danger !== undefined && !table.classifyOrder.includes(row)) problems.push(`${table.kind} ${row.crd}: a dangerous field missing from classifyOrder`);
  }
  for (const row of table.classifyOrder) if (!table.rows.includes(row)) problems.push(`${table.kind} ${row.crd}: classified but not a row`);
  return problems;
}
