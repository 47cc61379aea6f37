/**
 * `build`: compile the fleet and write out/ (or, with `check`, compare it). `--env` writes only the
 * selected environments' directories (select-environments.ts). A fleet that does not compile leaves
 * out/ as it was.
 */
import { selectEnvironmentNames } from './environment-selection.js';
import { finding } from '../errors/catalog.js';
import type { Finding } from '../errors/diagnostic.js';
import { UserError } from '../errors/diagnostic.js';
import { emitTree } from '../emit/emit-tree.js';
import { resolveProjectOutDir } from '../emit/project-out-dir.js';
import { rebaseArgoPath } from '../render/argocd.js';
import { locate } from '../validate/locate.js';
import { compileProject, type CompiledFleet } from './compile-project.js';
import { partialTree, relevantPaths } from './select-environments.js';

export interface BuildOptions {
  readonly root: string;
  /** Write (or check) only these environments' directories; the fleet is still compiled whole. */
  readonly environments?: readonly string[];
  /** Compare out/ with what would be written instead of writing. @default false */
  readonly check?: boolean;
  /** The output directory (relative to the root) instead of output.dir. */
  readonly out?: string;
  readonly crdSchemas?: string;
  /** @default true */
  readonly typecheck?: boolean;
  /** Type-check in a worker thread beside the other stages (compile-project.ts). @default false */
  readonly typecheckBeside?: boolean;
  /** Take over an output directory rivven-gitops did not create. @default false */
  readonly force?: boolean;
  /** The findings worth showing (warnings and errors; infos are for `check`), once the fleet compiles. */
  readonly onFindings?: (findings: readonly Finding[]) => void;
  /** The absolute output directory, once it is known. */
  readonly onOutDir?: (dir: string) => void;
}

export type BuildResult =
  | { readonly kind: 'not-compiled'; readonly findings: readonly Finding[] }
  | {
      readonly kind: 'built';
      /** Absolute. */
      readonly outDir: string;
      /** Files the whole build renders. */
      readonly files: number;
      /** The environments written: the selected ones, else all. */
      readonly environments: readonly string[];
      /** Files that differ from what build writes (check), relative to outDir. */
      readonly stale: readonly string[];
      readonly written: readonly string[];
      readonly deleted: readonly string[];
      readonly unchanged: number;
    };

/** Throws UserError for refusals after compiling (an unknown environment, out/ not ours, a partial build that would change shared files). */
export async function buildProject(options: BuildOptions): Promise<BuildResult> {
  const { root } = options;
  // Checked before compiling: a refused --out fails fast, and the Applications are named after it.
  const requestedOut = options.out === undefined ? undefined : resolveProjectOutDir(root, options.out);
  let compiled;
  try {
    compiled = await compileProject({
      root,
      typecheck: options.typecheck ?? true,
      ...(options.typecheckBeside === undefined ? {} : { typecheckBeside: options.typecheckBeside }),
      ...(options.crdSchemas === undefined ? {} : { crdSchemas: options.crdSchemas }),
      ...(requestedOut === undefined ? {} : { outDir: requestedOut.relative }),
    });
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return { kind: 'not-compiled', findings: error.findings };
  }
  // Infos (suppressed rules, estimates that could not be made) are for `check`; build shows what needs action.
  const shown = [...compiled.findings.filter((f) => f.severity !== 'info'), ...unmovedArgoPaths(compiled)];
  if (shown.length > 0) options.onFindings?.(shown);
  const outDir = (requestedOut ?? resolveProjectOutDir(root, compiled.outDir)).absolute;
  options.onOutDir?.(outDir);
  const selected = new Set(await selectEnvironmentNames(root, options.environments));
  const known = new Set(compiled.fleet.environments.map((e) => e.name));
  const unknown = [...selected].filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new UserError(unknown.map((name) => finding('RG110', { path: name, params: { name, known: [...known], fleet: true } })));
  }
  const force = options.force ?? false;
  const check = options.check ?? false;
  let tree = compiled.tree;
  if (selected.size > 0 && !check) {
    const probe = await emitTree(outDir, tree, { check: true, force, root });
    tree = await partialTree(outDir, tree, probe.stale, selected);
  }
  const emitted = await emitTree(outDir, tree, { check, force, root });
  const stale = selected.size > 0 && check ? relevantPaths(emitted.stale, selected) : emitted.stale;
  const environments = selected.size > 0 ? [...selected].sort() : compiled.fleet.environments.map((e) => e.name);
  return { kind: 'built', outDir, files: compiled.tree.size, environments, stale, written: emitted.written, deleted: emitted.deleted, unchanged: emitted.unchanged };
}

/** RG634 for each environment whose explicit argocd.path cannot follow `build --out` (it does not end with output.dir). */
function unmovedArgoPaths(compiled: CompiledFleet): Finding[] {
  return compiled.fleet.environments.flatMap((env) => {
    const configured = env.config.argocd.path;
    if (configured === undefined || !env.config.argocd.enabled) return [];
    if (env.config.output.dir === compiled.outDir || rebaseArgoPath(configured, env.config.output.dir, compiled.outDir) !== configured) return [];
    const loc = locate(env, ['argocd', 'path']);
    return [
      finding('RG634', {
        severity: 'warning',
        path: 'argocd.path',
        message: `argocd.path is ${JSON.stringify(configured)}, which does not end with output.dir ${JSON.stringify(env.config.output.dir)}: the Applications of ${env.name} keep syncing ${configured}/overlays/${env.name}, not the ${compiled.outDir}/ this build writes.`,
        ...(loc === undefined ? {} : { loc }),
      }),
    ];
  });
}
