import type { Finding, SourceLocation } from '../errors/diagnostic.js';
import type { PendingTypecheck } from './typecheck-beside.js';
import type { LoadedObjectFile, LoadedTransform } from '../model/customize-types.js';

/** One evaluated user file. */
export interface LoadedFile {
  /** Project-relative path with forward slashes: `environments/prod.ts`. */
  readonly file: string;
  /**
   * The default export after evaluation; for the function form, the function's result.
   * Unchecked: resolve/validate give it a shape.
   */
  readonly value: unknown;
  /**
   * Source position of every object-literal property and array element of the exported value, keyed by
   * `pathKey(segments)` relative to the exported object (`/cluster/replicas`). The position is that of
   * the property name (or of the element), which is where an editor puts the cursor for a fix.
   */
  readonly positions: ReadonlyMap<string, SourceLocation>;
  /** `customize.transform`, taken out of `value` (a function is not configuration data to merge). */
  readonly transform?: LoadedTransform;
}

export interface LoadedEnvironmentFile extends LoadedFile {
  /** Environment name from the path: `environments/prod.ts` → `prod`, `environments/eu/prod.ts` → `eu-prod`. */
  readonly name: string;
}

export interface LoadedProject {
  /** Absolute project root. */
  readonly root: string;
  readonly base: LoadedFile;
  /** Sorted by name. */
  readonly environments: readonly LoadedEnvironmentFile[];
  /** The YAML files `customize.objectFiles` name, by the pattern as written. */
  readonly objectFiles?: ReadonlyMap<string, readonly LoadedObjectFile[]>;
  /** The SealedSecret files `secrets.sealed` names, by the pattern as written (every document a SealedSecret). */
  readonly sealedFiles?: ReadonlyMap<string, readonly LoadedObjectFile[]>;
}

export interface LoadOptions {
  readonly root: string;
  /** Type-check with the TypeScript compiler API first. @default true */
  readonly typecheck?: boolean;
  /** Only evaluate these environments (all files are still type-checked together). */
  readonly environments?: readonly string[];
  /** Bound for evaluating one file. @default 5000 */
  readonly timeoutMs?: number;
  /**
   * Type-check beside evaluation (a worker thread, typecheck-beside.ts) and return before the check has
   * finished: the caller joins `LoadResult.typecheck`. For one-shot builds; a process that loads again and
   * again (watch) checks in its own thread, where TypeScript and its parsed lib files stay warm. @default false
   */
  readonly typecheckBeside?: boolean;
}

export interface LoadResult {
  readonly project: LoadedProject;
  /** Warnings and infos so far (errors are thrown as a UserError). */
  readonly findings: readonly Finding[];
  /** The type-check still under way (only with `typecheckBeside`): join it before reporting anything. */
  readonly typecheck?: PendingTypecheck;
}
