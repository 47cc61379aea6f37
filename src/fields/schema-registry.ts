/** RivvenSchemaRegistry ↔ `schemaRegistry`: the rows the diff and summaries read (render/rivven-schema-registry.ts assembles the spec). */
import type { KindTable } from './row.js';

export const schemaRegistryTable: KindTable = {
  kind: 'RivvenSchemaRegistry',
  rows: [{ config: ['replicas'], crd: 'spec.replicas', unit: 'plain', label: 'replicas', default: { from: 'crd' } }],
  classifyOrder: [],
};
