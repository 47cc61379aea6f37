/**
 * The library's pipelines, `import … from 'rivven-gitops/pipelines'`: what each command of the CLI calls,
 * for tools that drive rivven-gitops as a library. A separate entry from 'rivven-gitops' (the DSL that
 * config files import), so that type-checking a config never loads the compiler's declarations.
 */
export { compileProject, validateProject } from './compile-project.js';
export type { CompileOptions, CompiledFleet, ValidatedFleet } from './compile-project.js';
export { buildProject } from './build-project.js';
export type { BuildOptions, BuildResult } from './build-project.js';
export { checkProject } from './check-project.js';
export type { CheckOptions, CheckResult, CheckCoverage } from './check-project.js';
export { diffProject } from './diff-project.js';
export type { DiffOptions, SourceOptions } from './diff-project.js';
export { importFiles } from './import-files.js';
export type { ImportOptions, ImportedFiles } from './import-files.js';
export { gateDiff } from './gate-diff.js';
export type { GateOptions } from './gate-diff.js';
export type { GateResult, GateVerdict, FailOn, Acknowledgement, DangerStatus } from '../gate/types.js';
export { affectedEnvironments, affectedMatrix } from './affected.js';
export type { AffectedOptions, AffectedResult, AffectedEnvironment } from './affected.js';
