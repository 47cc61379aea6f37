import { realpathSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { finding } from '../../errors/catalog.js';
import { UserError } from '../../errors/diagnostic.js';
import { importManifests } from '../../import/import-manifests.js';
import { readImportSources } from '../../import/read-sources.js';
import type { ImportResult } from '../../import/types.js';
import { projectNameFrom, scaffoldFleet, scaffoldNotes } from '../../init/scaffold.js';
import { parseCommandArgs } from '../args.js';
import type { CliContext, Command } from '../context.js';
import { exitCodes } from '../context.js';
import { UsageError } from '../usage-error.js';
import { packageVersion } from '../../package-version.js';
import { libraryDir } from '../../load/public-api.js';

const options = {
  from: { type: 'string', multiple: true },
  force: { type: 'boolean' },
  ci: { type: 'string' },
} as const;

export const initCommand: Command = {
  summary: 'scaffold a fleet repository (config, dev/staging/prod, CI), optionally from existing YAML',
  help: [
    'Usage: rivven-gitops init [DIR] [--from <file|dir>]... [--ci full|sharded] [--force]',
    '',
    'Creates a fleet repository in DIR (default: the current directory): package.json depending on',
    'rivven-gitops, tsconfig.json, rivven.config.ts, environments/{dev,staging,prod}.ts, the CI workflow',
    '.github/workflows/rivven-gitops.yml, .gitignore and a README. It validates and builds as generated;',
    'prod meets the production checklist, dev is relaxed.',
    '',
    'Options:',
    '  --from PATH   import Rivven manifests or Helm-style values (as `rivven-gitops import` does) and',
    '                use them as the base configuration (repeatable)',
    '  --force       write into a directory that is not empty (files of the scaffold are overwritten)',
    '  --ci sharded  write .github/workflows/rivven-gitops-sharded.yml instead: `affected`, then check,',
    '                build --check and diff per affected environment in a matrix (large fleets)',
    '',
    'Exit codes: 0 created, 1 errors (directory not empty, unreadable or unsafe YAML).',
  ].join('\n'),
  async run(argv: readonly string[], context: CliContext): Promise<number> {
    const { values, positionals } = parseCommandArgs(argv, options);
    if (values.ci !== undefined && values.ci !== 'full' && values.ci !== 'sharded') throw new UsageError(`--ci must be full or sharded, not "${values.ci}"`);
    if (positionals.length > 1) throw new UsageError(`init takes one directory, not ${positionals.length}`);
    const dir = path.resolve(context.cwd, positionals[0] ?? '.');
    const shownDir = path.relative(context.cwd, dir) || '.';
    await refuseNonEmpty(dir, shownDir, values.force ?? false);
    let imported: { result: ImportResult; sources: string[] } | undefined;
    if (values.from !== undefined && values.from.length > 0) {
      const documents = await readImportSources(values.from, { cwd: context.cwd });
      const result = importManifests(documents, { kind: 'config' });
      if (result.imported.length === 0) {
        throw new UserError([finding('RG927', { path: values.from.join(' '), message: `Nothing to import from ${values.from.join(', ')}; ${shownDir} was not created.` })]);
      }
      imported = { result, sources: documents.map((d) => d.file) };
    }
    const checkout = checkoutRoot();
    // From a checkout, package.json links it: `npm install` of a version range fails while the package is not on the registry.
    const dependency = checkout === undefined ? undefined : `file:${path.relative(dir, checkout).split(path.sep).join('/')}`;
    const files = scaffoldFleet({
      project: projectNameFrom(path.basename(dir)),
      version: readVersion(),
      ...(dependency === undefined ? {} : { dependency }),
      ...(imported === undefined ? {} : { imported }),
      ...(values.ci === 'sharded' ? { ci: 'sharded' as const } : {}),
    });
    for (const [file, text] of files) {
      const target = path.join(dir, file);
      try {
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(target, text, 'utf8');
      } catch (error) {
        throw new UserError([finding('RG933', { path: file, message: `Cannot write ${path.join(shownDir, file)}: ${error instanceof Error ? error.message : String(error)}.` })]);
      }
    }
    const { style } = context;
    const lines = [`${style.green('✔')} created a fleet repository in ${shownDir}/`, ...[...files.keys()].sort().map((f) => `  ${f}`)];
    if (imported !== undefined) {
      const notes = scaffoldNotes(imported.result).length;
      lines.push('', `The base configuration was imported: ${imported.result.imported.length} objects, ${imported.result.mappedFields} fields mapped, ${notes} note${notes === 1 ? '' : 's'} (comments in rivven.config.ts).`);
    }
    const cd = shownDir === '.' ? '' : `cd ${shellWord(shownDir)} && `;
    lines.push('', `Next: ${style.bold(`${cd}npm install`)}, then ${style.bold('npx rivven-gitops validate')} and ${style.bold('npx rivven-gitops build')}; see README.md.`);
    if (dependency !== undefined) {
      lines.push(
        `package.json depends on rivven-gitops as ${dependency} (the checkout this command ran from), so npm install links it instead of asking the registry.`,
        `CI installs from the registry: once rivven-gitops ${readVersion()} is published there, change the dependency to ^${readVersion()}.`,
      );
    }
    context.stdout(lines.join('\n') + '\n');
    return exitCodes.ok;
  },
};

/** A fresh `git init` is still empty: only .git is allowed without --force. */
async function refuseNonEmpty(dir: string, shown: string, force: boolean): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return;
    throw new UserError([finding('RG933', { path: shown, message: `Cannot read ${shown}: ${error instanceof Error ? error.message : String(error)}.` })]);
  }
  const present = entries.filter((e) => e !== '.git').sort();
  if (present.length > 0 && !force) {
    throw new UserError([
      finding('RG931', { path: shown, message: `${shown} is not empty (${present.slice(0, 5).join(', ')}${present.length > 5 ? ', …' : ''}); nothing was written.` }),
    ]);
  }
}

/**
 * The package root when rivven-gitops runs from a checkout (a clone, or `npm link` to one), undefined
 * when it was installed into a node_modules directory (from the registry or a tarball).
 */
function checkoutRoot(): string | undefined {
  let root: string;
  try {
    root = realpathSync(path.dirname(libraryDir));
  } catch {
    return undefined;
  }
  return root.split(path.sep).includes('node_modules') ? undefined : root;
}

/** A directory name as one shell word (quoted only when it needs to be). */
function shellWord(word: string): string {
  return /^[A-Za-z0-9_./@%+=:,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function readVersion(): string {
  const version = packageVersion();
  // The scaffold pins this version in package.json: never write a guess.
  if (version === 'unknown') throw new Error('package.json of rivven-gitops has no version');
  return version;
}
