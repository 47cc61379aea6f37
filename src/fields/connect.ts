/** RivvenConnect ↔ `connect[name]`: the rows the diff and summaries read (render/rivven-connect.ts assembles the spec). */
import type { KindTable } from './row.js';

export const connectTable: KindTable = {
  kind: 'RivvenConnect',
  rows: [
    { config: ['replicas'], crd: 'spec.replicas', unit: 'plain', label: 'replicas', default: { from: 'crd' } },
    { config: ['sources'], crd: 'spec.sources', unit: 'list', keyedByName: true, default: { from: 'none' } },
    { config: ['sinks'], crd: 'spec.sinks', unit: 'list', keyedByName: true, default: { from: 'none' } },
  ],
  classifyOrder: [],
};
