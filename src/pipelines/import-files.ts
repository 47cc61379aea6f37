/**
 * `import`: YAML files (Rivven custom resources, the manual-deployment manifests, Helm-style values) →
 * a typed rivven.config.ts or environment file, written only when it does not exist (or `force`).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { finding } from '../errors/catalog.js';
import { UserError } from '../errors/diagnostic.js';
import { importManifests } from '../import/import-manifests.js';
import { importedFileText } from '../import/import-file.js';
import { readImportSources } from '../import/read-sources.js';
import type { ImportKind, ImportResult } from '../import/types.js';
import { isDnsLabel } from '../core/units.js';

export interface ImportOptions {
  /** YAML files or directories (searched for *.yaml and *.yml), relative to `cwd`. */
  readonly inputs: readonly string[];
  /** The directory inputs are relative to, and written paths are shown relative to. */
  readonly cwd: string;
  /** The project root the output file is written under. */
  readonly root: string;
  /** Write environments/<env>.ts (defineEnvironment) instead of rivven.config.ts. */
  readonly environment?: string;
  /** Write here instead (relative to `root`). */
  readonly out?: string;
  /** Overwrite the output file if it exists. @default false */
  readonly force?: boolean;
}

export interface ImportedFiles {
  readonly result: ImportResult;
  /** The file written, absolute. */
  readonly out: string;
  /** The file written as messages show it (relative to `cwd`). */
  readonly shownOut: string;
  /** How many distinct input files were read. */
  readonly files: number;
}

/** Throws UserError: RG932 bad environment name, RG927 nothing to import, RG930 the file exists, RG933 unwritable. */
export async function importFiles(options: ImportOptions): Promise<ImportedFiles> {
  const env = options.environment;
  if (env !== undefined && !isDnsLabel(env)) {
    throw new UserError([finding('RG932', { path: env, message: `"${env}" is not a valid environment name: it becomes the file environments/${env}.ts.` })]);
  }
  const kind: ImportKind = env === undefined ? 'config' : 'environment';
  const out = path.resolve(options.root, options.out ?? (env === undefined ? 'rivven.config.ts' : path.join('environments', `${env}.ts`)));
  const documents = await readImportSources(options.inputs, { cwd: options.cwd });
  const result = importManifests(documents, { kind });
  const shownOut = path.relative(options.cwd, out).split(path.sep).join('/') || out;
  if (result.imported.length === 0) {
    const why = result.notes.map((n) => `${n.path}: ${n.reason}`).join('; ');
    throw new UserError([finding('RG927', { path: options.inputs.join(' '), message: `Nothing to import${why === '' ? '' : ` (${why})`}; ${shownOut} was not written.` })]);
  }
  await writeOutput(out, importedFileText(result, kind, documents.map((d) => d.file)), options.force ?? false, shownOut);
  return { result, out, shownOut, files: new Set(documents.map((d) => d.file)).size };
}

async function writeOutput(file: string, text: string, force: boolean, shown: string): Promise<void> {
  try {
    await mkdir(path.dirname(file), { recursive: true });
    // `wx` fails when the file exists, with no window between a check and the write.
    await writeFile(file, text, { encoding: 'utf8', flag: force ? 'w' : 'wx' });
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    if (code === 'EEXIST') throw new UserError([finding('RG930', { path: shown, message: `${shown} exists and was not overwritten.` })]);
    throw new UserError([finding('RG933', { path: shown, message: `Cannot write ${shown}: ${error instanceof Error ? error.message : String(error)}.` })]);
  }
}
