import path from 'node:path';
import { UserError } from '../../errors/diagnostic.js';
import { parseSourceSpec } from '../../live/source.js';
import { affectedEnvironments, affectedMatrix } from '../../pipelines/affected.js';
import { formatFindingsText, summarizeFindings } from '../../report/format-findings.js';
import { parseCommandArgs } from '../args.js';
import type { CliContext, Command } from '../context.js';
import { exitCodes } from '../context.js';
import { readSource } from '../read-source.js';
import { UsageError } from '../usage-error.js';

const options = {
  against: { type: 'string' },
  env: { type: 'string', multiple: true },
  format: { type: 'string' },
} as const;

export const affectedCommand: Command = {
  summary: "list the environments whose rendered output differs from a git ref's committed out/",
  help: [
    'Usage: rivven-gitops affected --against git:REF [--env SELECTOR]... [--format text|json]',
    '',
    'Renders the fleet and compares each environment with the out/ committed at REF: its objects (base',
    'plus its overlay) and its Argo CD Application(s). Lists the environments that differ, so CI can build',
    'and diff only those (see the sharded workflow in the README).',
    '',
    'Options:',
    '  --against git:REF  the ref to compare with (required), e.g. git:origin/main',
    '  --env SELECTOR     only consider these environments (names, globs, cluster=, region=, label:K=V)',
    '  --format FORMAT    text (default) or json: {"include":[{"environment":…,"cluster":…}],',
    '                     "environments":[…],"removed":[…]}, a GitHub Actions matrix',
    '',
    'Exit codes: 0 listed (even when none is affected), 1 errors.',
  ].join('\n'),
  async run(argv: readonly string[], context: CliContext): Promise<number> {
    const { values } = parseCommandArgs(argv, options);
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}"`);
    if (values.against === undefined) throw new UsageError('--against git:REF is required');
    const spec = parseSourceSpec(values.against);
    if (spec?.type !== 'git') throw new UsageError(`--against must be git:REF, not "${values.against}"`);
    const root = path.resolve(context.cwd, values.root ?? '.');
    try {
      const result = await affectedEnvironments({ root, ref: spec.ref, environments: values.env ?? [] });
      if (format === 'json') {
        context.stdout(JSON.stringify(affectedMatrix(result)) + '\n');
        return exitCodes.ok;
      }
      if (result.affected.length === 0) context.stdout(`no environment differs from ${values.against}\n`);
      for (const a of result.affected) context.stdout(`${a.environment}\tcluster ${a.cluster}\t${a.reasons.join(', ')}\n`);
      for (const name of result.removed) context.stdout(`${name}\tremoved\n`);
      return exitCodes.ok;
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      context.stderr(formatFindingsText(error.findings, context.style, (file) => readSource(root, file)) + '\n\n');
      context.stderr(`${context.style.red('✘')} affected failed: ${summarizeFindings(error.findings)}\n`);
      return exitCodes.error;
    }
  },
};
