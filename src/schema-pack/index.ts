export type { CrdSource, PackedCrd, PackOrigin, SchemaPack, StructuralSchema } from './types.js';
export { defaultCrdSource, isSupportedRivvenVersion, schemaPackFor, supportedRivvenVersions } from './packs.js';
export { CrdShapeError, normalizeCrd, normalizeCrds, normalizeSchema } from './normalize-crd.js';
export { rivvenRuntimeFacts } from './rivven-runtime-facts.js';
export { addonCrds } from './addon-crds.js';
