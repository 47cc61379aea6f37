/** Kept for existing imports (tests, bench): the pipeline lives in src/pipelines/compile-project.ts. */
export { compileProject, validateProject } from './pipelines/compile-project.js';
export type { CompiledFleet, CompileOptions, ValidatedFleet } from './pipelines/compile-project.js';
