import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { finding } from '../../errors/catalog.js';
import { UserError } from '../../errors/diagnostic.js';
import { describeImported, importManifests } from '../../import/import-manifests.js';
import { importedFileText } from '../../import/import-file.js';
import { readImportSources } from '../../import/read-sources.js';
import type { ImportKind, ImportResult } from '../../import/types.js';
import { isDnsLabel } from '../../core/units.js';
import { parseCommandArgs } from '../args.js';
import type { CliContext, Command } from '../context.js';
import { exitCodes } from '../context.js';
import { UsageError } from '../usage-error.js';

const options = {
  env: { type: 'string' },
  out: { type: 'string' },
  force: { type: 'boolean' },
} as const;

export const importCommand: Command = {
  summary: 'turn Rivven manifests or Helm-style values into a typed rivven.config.ts or environment file',
  help: [
    'Usage: rivven-gitops import <file|dir>... [--env NAME] [--out PATH] [--force]',
    '',
    'Reads YAML (files, or directories searched for *.yaml and *.yml): Rivven custom resources',
    '(RivvenCluster, RivvenTopic, RivvenConnect, RivvenSchemaRegistry), the manual-deployment manifests',
    'of the deployment guide (StatefulSet, Services, ConfigMap, HorizontalPodAutoscaler, Ingress,',
    'Namespace) and Helm-style values (cluster.replicas, image.*, storage.*, tls.*, auth.*, ...). Writes a',
    'typed, formatted file in the DSL\'s friendly forms; every value that is not carried over as it was',
    'gets a comment there saying why, and is listed below the summary. Nothing in the input is executed.',
    '',
    'Options:',
    '  --env NAME    write environments/NAME.ts (defineEnvironment) instead of rivven.config.ts',
    '  --out PATH    write here instead (relative to --root)',
    '  --force       overwrite the output file if it exists',
    '',
    'Exit codes: 0 imported (notes allowed), 1 errors (unreadable or unsafe YAML, nothing to import,',
    'the output file exists).',
  ].join('\n'),
  async run(argv: readonly string[], context: CliContext): Promise<number> {
    const { values, positionals } = parseCommandArgs(argv, options);
    if (positionals.length === 0) throw new UsageError('name at least one YAML file or directory to import');
    const root = path.resolve(context.cwd, values.root ?? '.');
    if (values.env !== undefined && !isDnsLabel(values.env)) {
      throw new UserError([finding('RG932', { path: values.env, message: `"${values.env}" is not a valid environment name: it becomes the file environments/${values.env}.ts.` })]);
    }
    const kind: ImportKind = values.env === undefined ? 'config' : 'environment';
    const out = path.resolve(root, values.out ?? (values.env === undefined ? 'rivven.config.ts' : path.join('environments', `${values.env}.ts`)));
    const documents = await readImportSources(positionals, { cwd: context.cwd });
    const result = importManifests(documents, { kind });
    const shownOut = path.relative(context.cwd, out).split(path.sep).join('/') || out;
    if (result.imported.length === 0) {
      const why = result.notes.map((n) => `${n.path}: ${n.reason}`).join('; ');
      throw new UserError([finding('RG927', { path: positionals.join(' '), message: `Nothing to import${why === '' ? '' : ` (${why})`}; ${shownOut} was not written.` })]);
    }
    await writeOutput(out, importedFileText(result, kind, documents.map((d) => d.file)), values.force ?? false, shownOut);
    context.stdout(summarize(result, shownOut, new Set(documents.map((d) => d.file)).size, context));
    return exitCodes.ok;
  },
};

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

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function summarize(result: ImportResult, out: string, files: number, context: CliContext): string {
  const { style } = context;
  const lines = [
    `${style.green('✔')} imported ${plural(result.imported.length, 'object')} from ${plural(files, 'file')} into ${out}: ${plural(result.mappedFields, 'field')} mapped, ${plural(result.notes.length, 'note')}`,
    ...result.imported.map((o) => `  ${describeImported(o)}`),
  ];
  if (result.notes.length > 0) {
    lines.push('', `Notes (also comments in ${out}):`);
    for (const note of result.notes) {
      const where = note.loc === undefined ? note.path : `${note.loc.file}:${note.loc.line}:${note.loc.column} ${note.path.slice(note.path.indexOf(' ') + 1)}`;
      lines.push(`  ${style.yellow('•')} ${where}: ${note.reason}`);
    }
  }
  lines.push('', `Next: ${style.bold('npx rivven-gitops validate')}, then ${style.bold('npx rivven-gitops build')}.`);
  return lines.join('\n') + '\n';
}
