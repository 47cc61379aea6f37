/**
 * The load stage: find the files, type-check them together, evaluate them, and record where every
 * property was written. It collects every problem it can before giving up, so one run shows them all.
 */
import fs from 'node:fs';
import path from 'node:path';
import type * as TS from 'typescript';
import { finding } from '../errors/catalog.js';
import { hasErrors, sortFindings, UserError } from '../errors/diagnostic.js';
import type { Finding } from '../errors/diagnostic.js';
import { createEvaluator } from './evaluate.js';
import type { EvaluationTarget } from './evaluate.js';
import { baseConfigFile, environmentNameFromPath, findProjectFiles } from './find-files.js';
import type { EnvironmentFileRef } from './find-files.js';
import { filePositions } from './file-positions.js';
import { isKnownCleanCheck } from './typecheck-cache.js';
import { cacheDirectory } from './cache-dir.js';
import { preferTypecheckFailure, startTypecheck, takePrestartedTypecheck, typecheckVerdict } from './typecheck-beside.js';
import { readObjectFiles } from './read-object-files.js';
import { readSealedFiles } from './read-sealed-files.js';
import { withTransformTakenOut } from './take-transform.js';
import type { LoadedEnvironmentFile, LoadedFile, LoadOptions, LoadResult } from './types.js';

export const defaultTimeoutMs = 5000;

/**
 * Loads the project at `options.root`. Throws `UserError` with every finding when loading cannot
 * continue (no base file, type errors, a file that fails to evaluate); otherwise returns the project
 * and any non-error findings. With `typecheckBeside`, the type-check may still be running: the caller
 * joins `typecheck` (typecheck-beside.ts) before it reports or writes anything.
 */
export async function loadProject(options: LoadOptions): Promise<LoadResult> {
  const root = path.resolve(options.root);
  const files = await findProjectFiles(root);
  const findings: Finding[] = [...files.findings];
  if (files.allFiles.length === 0) throw new UserError(sortFindings(findings));

  const selected = selectEnvironments(files, options.environments, findings);

  // TypeScript is loaded only when there is something to check (typecheck.ts imports it).
  const beside = options.typecheckBeside === true;
  const pending =
    options.typecheck !== false && !isKnownCleanCheck(root, files.allFiles)
      ? ((beside ? takePrestartedTypecheck(root, files.allFiles, [...findings]) : undefined) ?? startTypecheck(root, files.allFiles, { beside, earlier: [...findings] }))
      : undefined;
  if (pending === undefined || !beside) {
    let parsed: ReadonlyMap<string, TS.SourceFile> = new Map();
    if (pending !== undefined) {
      const verdict = await typecheckVerdict(pending);
      // Evaluating code that does not type-check mostly produces confusing echoes of the same mistakes.
      if (verdict.failure !== undefined) throw verdict.failure;
      findings.push(...verdict.findings);
      parsed = verdict.sourceFiles;
    }
    return evaluateProject(root, selected, parsed, findings, options);
  }
  // The check runs beside evaluation; if evaluating fails, its errors (when it has any) are the ones to show.
  try {
    // The worker first leaves in the derived cache what evaluation needs TypeScript for (typecheck-worker.ts).
    if (cacheDirectory() !== undefined) await pending.derived;
    return { ...(await evaluateProject(root, selected, new Map(), findings, options)), typecheck: pending };
  } catch (error) {
    throw await preferTypecheckFailure(pending, error);
  }
}

/** Evaluates the base and the selected environment files, and reads the object files they name. */
async function evaluateProject(
  root: string,
  selected: readonly EnvironmentFileRef[],
  parsed: ReadonlyMap<string, TS.SourceFile>,
  findings: Finding[],
  options: LoadOptions,
): Promise<LoadResult> {
  const evaluator = await createEvaluator({ root, timeoutMs: options.timeoutMs ?? defaultTimeoutMs });
  const load = async (file: string, target: EvaluationTarget): Promise<LoadedFile | undefined> => {
    const sourceFile = parsed.get(file);
    const { exportLoc, positions } = await filePositions(root, file, sourceFile?.text ?? fs.readFileSync(path.join(root, file), 'utf8'), sourceFile);
    const result = evaluator.evaluate(file, target, exportLoc);
    if (!result.ok) {
      findings.push(...result.findings);
      return undefined;
    }
    // What the code did wins over what its syntax suggests; the syntax fills in what no literal made.
    const merged = new Map(result.positions);
    for (const [key, loc] of positions) if (!merged.has(key)) merged.set(key, loc);
    const layer = target.kind === 'base' ? 'base' : 'environment';
    return withTransformTakenOut({ file, value: result.value, positions: merged }, layer, evaluator.wrapFunction);
  };

  const base = await load(baseConfigFile, { kind: 'base' });
  const environments: LoadedEnvironmentFile[] = [];
  for (const { name, file } of selected) {
    const loaded = await load(file, { kind: 'environment', name, base: base?.value, ...(base === undefined ? {} : { basePositions: base.positions }) });
    if (loaded !== undefined) environments.push({ ...loaded, name });
  }

  if (base === undefined || hasErrors(findings)) throw new UserError(sortFindings(findings));
  const objectFiles = readObjectFiles(root, [base, ...environments]);
  findings.push(...objectFiles.findings);
  const sealedFiles = readSealedFiles(root, [base, ...environments]);
  findings.push(...sealedFiles.findings);
  if (hasErrors(findings)) throw new UserError(sortFindings(findings));
  return {
    project: { root, base, environments, ...(objectFiles.files.size > 0 ? { objectFiles: objectFiles.files } : {}), ...(sealedFiles.files.size > 0 ? { sealedFiles: sealedFiles.files } : {}) },
    findings: sortFindings(findings),
  };
}

/** Narrows to the requested environments; an unknown name is an error that lists the known ones. */
function selectEnvironments(
  files: { readonly allFiles: readonly string[]; readonly environments: readonly EnvironmentFileRef[] },
  requested: readonly string[] | undefined,
  findings: Finding[],
): readonly EnvironmentFileRef[] {
  if (requested === undefined) return files.environments;
  // Names of every environment file, valid or not: a clash or bad name is already reported as such.
  const known = new Set(files.allFiles.filter((f) => f !== baseConfigFile).map(environmentNameFromPath));
  for (const name of requested) {
    if (known.has(name)) continue;
    findings.push(finding('RG110', { path: name, params: { name, known: [...known] } }));
  }
  return files.environments.filter((e) => requested.includes(e.name));
}
