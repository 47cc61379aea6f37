/**
 * The thin CLI: parse, call the library, format, exit. Commands are imported lazily so `--help` and
 * small commands never load the TypeScript compiler.
 */
import path from 'node:path';
import { UserError, InternalError } from '../errors/diagnostic.js';
import { formatFindingsText } from '../report/format-findings.js';
import { readSource } from './read-source.js';
import { colorEnabled, createStyle } from './terminal.js';
import { UsageError } from './usage-error.js';
import type { CliContext, Command } from './context.js';
import { exitCodes } from './context.js';
import { packageVersion } from '../package-version.js';

const commands: Record<string, () => Promise<Command>> = {
  build: async () => (await import('./commands/build.js')).buildCommand,
  validate: async () => (await import('./commands/validate.js')).validateCommand,
  explain: async () => (await import('./commands/explain.js')).explainCommand,
  check: async () => (await import('./commands/check.js')).checkCommand,
  rules: async () => (await import('./commands/rules.js')).rulesCommand,
  diff: async () => (await import('./commands/diff.js')).diffCommand,
  comment: async () => (await import('./commands/comment.js')).commentCommand,
  import: async () => (await import('./commands/import.js')).importCommand,
  init: async () => (await import('./commands/init.js')).initCommand,
  doctor: async () => (await import('./commands/doctor.js')).doctorCommand,
  preflight: async () => (await import('./commands/doctor.js')).doctorCommand,
  affected: async () => (await import('./commands/affected.js')).affectedCommand,
};

const summaries: Record<string, string> = {
  build: 'type-check, validate, render and write out/ (or --check it)',
  validate: 'type-check and validate the fleet without rendering',
  explain: 'show a resolved value, the file:line:col that set it and what it overrode',
  check: "hold every environment to its profile's production checklist",
  rules: 'list the policy rules of `check`: codes, severities per profile, rationale',
  diff: 'show what would change per environment, against a git ref, a live cluster or a dump',
  comment: 'post or update the pull-request comment written by `diff --format markdown`',
  import: 'turn Rivven manifests or Helm-style values into a typed rivven.config.ts or environment file',
  init: 'scaffold a fleet repository (config, dev/staging/prod, CI), optionally from existing YAML',
  doctor: 'check the live cluster has each environment\'s CRDs, operators, Secrets, storage class and issuer (alias: preflight)',
  affected: "list the environments whose rendered output differs from a git ref's committed out/",
};

function mainHelp(): string {
  const width = Math.max(...Object.keys(summaries).map((c) => c.length));
  return [
    'Usage: rivven-gitops <command> [options]',
    '',
    'Commands:',
    ...Object.entries(summaries).map(([name, text]) => `  ${name.padEnd(width)}  ${text}`),
    '',
    'Global options:',
    '  --root DIR    fleet repository root (default: current directory)',
    '  --no-color    plain output (NO_COLOR is respected too)',
    '  --debug       show stack traces of internal errors',
    '  -h, --help    help for a command: rivven-gitops <command> --help',
    '',
    'Exit codes: 0 success, 1 errors (bad config or command line), 2 differences found (build --check, diff).',
  ].join('\n');
}

export async function main(argv: readonly string[], partial: Partial<CliContext> = {}): Promise<number> {
  const isTTY = partial.isTTY ?? Boolean(process.stdout.isTTY);
  const env = partial.env ?? process.env;
  const context: CliContext = {
    cwd: partial.cwd ?? process.cwd(),
    env,
    isTTY,
    stdout: partial.stdout ?? ((t) => void process.stdout.write(t)),
    stderr: partial.stderr ?? ((t) => void process.stderr.write(t)),
    style: partial.style ?? createStyle(colorEnabled(env, isTTY, argv.includes('--no-color') ? false : undefined)),
  };
  const debug = argv.includes('--debug');
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    context.stdout(mainHelp() + '\n');
    return name === undefined ? exitCodes.error : exitCodes.ok;
  }
  if (name === '--version' || name === '-v') {
    context.stdout(`${packageVersion()}\n`);
    return exitCodes.ok;
  }
  const load = commands[name];
  if (!load) {
    context.stderr(`${context.style.red('error RG901')} unknown command "${name}"\n\n${mainHelp()}\n`);
    return exitCodes.error;
  }
  // A one-shot build starts its type-check now, in a worker, while the build's own modules load (the
  // check after an edit is most of such a build: src/load/typecheck-beside.ts). --watch checks in this thread.
  if (name === 'build' && !rest.some((a) => a === '--watch' || a === '--no-typecheck' || a === '--help' || a === '-h')) {
    await (await import('../load/typecheck-beside.js')).prestartTypecheck(rootOf(rest, context.cwd));
  }
  const command = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    context.stdout(command.help + '\n');
    return exitCodes.ok;
  }
  try {
    return await command.run(rest, context);
  } catch (error) {
    return reportFailure(error, context, name, command, debug, rest);
  }
}

/** The project root a command was pointed at (`--root DIR`), which finding locations are relative to. */
function rootOf(argv: readonly string[], cwd: string): string {
  const at = argv.indexOf('--root');
  const given = at >= 0 ? argv[at + 1] : argv.find((a) => a.startsWith('--root='))?.slice('--root='.length);
  return given === undefined ? cwd : path.resolve(cwd, given);
}

function reportFailure(error: unknown, context: CliContext, name: string, command: Command, debug: boolean, argv: readonly string[]): number {
  const { style } = context;
  if (error instanceof UsageError) {
    context.stderr(`${style.red(`error ${error.code}`)} ${error.message}\n\n${command.help}\n`);
    return exitCodes.error;
  }
  if (error instanceof UserError) {
    const root = rootOf(argv, context.cwd);
    context.stderr(formatFindingsText(error.findings, style, (file) => readSource(root, file)) + '\n');
    return exitCodes.error;
  }
  const internal = error instanceof InternalError ? error : new InternalError(error instanceof Error ? error.message : String(error), { cause: error });
  context.stderr(`${style.red('internal error')} in "rivven-gitops ${name}": ${internal.message}\n`);
  if (debug) {
    const cause = internal.cause instanceof Error ? internal.cause : internal;
    context.stderr(`${cause.stack ?? ''}\n`);
  } else context.stderr(style.dim('Run again with --debug for the stack trace.\n'));
  return exitCodes.error;
}
