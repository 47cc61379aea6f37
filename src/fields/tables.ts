/** Every Rivven kind's table, by kind, and the model entry each kind's objects come from. */
import { clusterTable } from './cluster.js';
import { connectTable } from './connect.js';
import type { KindTable } from './row.js';
import { schemaRegistryTable } from './schema-registry.js';
import { topicTable } from './topic.js';

export interface KindEntry {
  readonly table: KindTable;
  /** Where one object's settings live in the config: `topics[name]` for a named entry, `cluster` for the one. */
  readonly root: readonly string[];
  /** Whether the object's name is the key of its entry under `root`. */
  readonly named: boolean;
}

export const kindEntries: Readonly<Record<string, KindEntry>> = {
  RivvenTopic: { table: topicTable, root: ['topics'], named: true },
  RivvenCluster: { table: clusterTable, root: ['cluster'], named: false },
  RivvenConnect: { table: connectTable, root: ['connect'], named: true },
  RivvenSchemaRegistry: { table: schemaRegistryTable, root: ['schemaRegistry'], named: false },
};

export const kindTables: readonly KindTable[] = Object.values(kindEntries).map((e) => e.table);
