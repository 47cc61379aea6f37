/** The resolve stage's entry points. */
export { resolveEnvironment, resolveFleet } from './resolve-environment.js';
export type { EnvironmentResolution, FleetResolution } from './resolve-environment.js';
export { mergeLayers } from './merge.js';
export type { MergeLayer, MergeResult } from './merge.js';
export { locateIn, addDefaultProvenance } from './provenance.js';
export { normalizeSchemaRegistry } from './schema-registry-aliases.js';
export type { NormalizedSchemaRegistry } from './schema-registry-aliases.js';
