import path from 'node:path';
import type { Finding } from '../../errors/diagnostic.js';
import { UserError } from '../../errors/diagnostic.js';
import { visibleText } from '../../errors/visible-text.js';
import { buildProject } from '../../pipelines/build-project.js';
import { formatFindingsText, summarizeFindings } from '../../report/format-findings.js';
import { parseCommandArgs } from '../args.js';
import type { CliContext, Command } from '../context.js';
import { exitCodes } from '../context.js';
import { readSource } from '../read-source.js';
import { UsageError } from '../usage-error.js';
import { watchProject } from '../watch-project.js';

const options = {
  env: { type: 'string', multiple: true },
  check: { type: 'boolean' },
  out: { type: 'string' },
  crds: { type: 'string' },
  'no-typecheck': { type: 'boolean' },
  watch: { type: 'boolean' },
  force: { type: 'boolean' },
} as const;

export const buildCommand: Command = {
  summary: 'type-check, validate, render and write out/ (or --check it)',
  help: [
    'Usage: rivven-gitops build [--env NAME]... [--check] [--out DIR] [--crds DIR] [--no-typecheck] [--watch] [--force]',
    '',
    'Compiles rivven.config.ts and environments/**/*.ts into Kustomize base/overlays and Argo CD',
    'Applications under out/ (output.dir). Only files whose bytes change are written; files rivven-gitops',
    'wrote before and no longer renders are deleted; a failed build leaves out/ as it was.',
    '',
    'Options:',
    '  --env NAME      write (or check) only this environment\'s directories (repeatable); the fleet is',
    '                  still compiled whole, and a build that would change the shared base/ or argocd/',
    '                  is refused (RG903)',
    '  --check         compare out/ with what would be written; exit 2 and list stale files',
    '  --out DIR       output directory (default: output.dir from rivven.config.ts, "out")',
    '  --crds DIR      check Rivven custom resources against the CRD YAML in DIR (inside the project)',
    '                  instead of the shipped schema pack; overrides crdSchemas in rivven.config.ts',
    '  --no-typecheck  skip the TypeScript type-check',
    '  --watch         rebuild when a file of the project changes (saved in place or by rename, added,',
    '                  deleted, in subfolders, helper modules), once per burst of saves',
    '  --force         take over an output directory rivven-gitops did not create',
    '',
    'Exit codes: 0 built (or up to date with --check), 1 errors, 2 out/ is stale (--check).',
  ].join('\n'),
  async run(argv: readonly string[], context: CliContext): Promise<number> {
    const { values } = parseCommandArgs(argv, options);
    if (values.watch && values.check) throw new UsageError('--watch and --check cannot be combined');
    const root = path.resolve(context.cwd, values.root ?? '.');
    let lastOut: string | undefined;
    const once = () => buildOnce(root, values, context, !values.watch, (dir) => (lastOut = dir));
    if (!values.watch) return once();
    return watchAndBuild(root, once, context, () => lastOut);
  },
};

interface BuildFlags {
  readonly env?: string[] | undefined;
  readonly check?: boolean | undefined;
  readonly out?: string | undefined;
  readonly crds?: string | undefined;
  readonly 'no-typecheck'?: boolean | undefined;
  readonly force?: boolean | undefined;
}

/**
 * `beside`: type-check in a worker thread beside the rest of the build (a one-shot process); a watch
 * loop checks in its own thread, where TypeScript and its parsed lib files stay warm between builds.
 */
async function buildOnce(root: string, flags: BuildFlags, context: CliContext, beside: boolean, onOutDir: (dir: string) => void = () => undefined): Promise<number> {
  const { style } = context;
  const printFindings = (findings: readonly Finding[]) => context.stderr(formatFindingsText(findings, style, (file) => readSource(root, file)) + '\n\n');
  const result = await buildProject({
    root,
    typecheck: !flags['no-typecheck'],
    typecheckBeside: beside,
    check: flags.check ?? false,
    force: flags.force ?? false,
    ...(flags.env === undefined ? {} : { environments: flags.env }),
    ...(flags.out === undefined ? {} : { out: flags.out }),
    ...(flags.crds === undefined ? {} : { crdSchemas: flags.crds }),
    onFindings: printFindings,
    onOutDir,
  });
  if (result.kind === 'not-compiled') {
    printFindings(result.findings);
    context.stderr(`${style.red('✘')} build failed: ${summarizeFindings(result.findings)}; out/ was not touched\n`);
    return exitCodes.error;
  }
  const relOut = path.relative(context.cwd, result.outDir) || '.';
  if (flags.check) {
    if (result.stale.length === 0) {
      context.stdout(`${style.green('✔')} ${relOut}/ is up to date (${result.files} files)\n`);
      return exitCodes.ok;
    }
    context.stdout(`${style.yellow('✘')} ${relOut}/ is stale: ${result.stale.length} file${result.stale.length === 1 ? '' : 's'} differ from what build would write\n`);
    for (const file of result.stale) context.stdout(`  ${path.join(relOut, file)}\n`);
    context.stdout(`Run ${style.bold('npx rivven-gitops build')} and commit ${relOut}/.\n`);
    return exitCodes.differences;
  }
  context.stdout(
    `${style.green('✔')} built ${result.environments.join(', ')} into ${relOut}/: ${result.written.length} written, ${result.deleted.length} deleted, ${result.unchanged} unchanged\n`,
  );
  return exitCodes.ok;
}

async function watchAndBuild(root: string, once: () => Promise<number>, context: CliContext, outDir: () => string | undefined): Promise<number> {
  const { style } = context;
  // One build at a time; changes that arrive during a build cause exactly one more build after it.
  let building = false;
  let again = false;
  const rebuild = async (): Promise<void> => {
    if (building) {
      again = true;
      return;
    }
    building = true;
    try {
      do {
        again = false;
        try {
          await once();
        } catch (error) {
          // Watching goes on after a failed build: the next save may fix it.
          if (!(error instanceof UserError)) throw error;
          context.stderr(formatFindingsText(error.findings, style, (file) => readSource(root, file)) + '\n\n');
          context.stderr(`${style.red('✘')} build failed: ${summarizeFindings(error.findings)}\n`);
        }
      } while (again);
    } finally {
      building = false;
    }
  };
  let failure: unknown;
  let stop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const run = () => rebuild().catch((error: unknown) => {
    failure = error;
    stop();
  });
  await run();
  const watcher = watchProject(root, {
    isOutput: (dir) => dir === outDir(),
    onChange: (changed) => {
      context.stdout(style.dim(`changed: ${changed.slice(0, 3).map(visibleText).join(', ')}${changed.length > 3 ? ` and ${changed.length - 3} more` : ''}\n`));
      void run();
    },
  });
  context.stdout(style.dim('watching the project (rivven.config.ts, environments/ and the modules they import; Ctrl-C to stop)\n'));
  const onSignal = () => stop();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  await stopped;
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  watcher.close();
  if (failure !== undefined) throw failure;
  return exitCodes.ok;
}
