import path from 'node:path';
import { compileProject } from '../../compile.js';
import { UserError } from '../../errors/diagnostic.js';
import { parseCommandArgs } from '../args.js';
import type { CliContext, Command } from '../context.js';
import { exitCodes } from '../context.js';
import { formatFindingsJson, formatFindingsText, summarizeFindings } from '../../report/format-findings.js';
import { readSource } from '../read-source.js';
import { UsageError } from '../usage-error.js';

const options = {
  env: { type: 'string', multiple: true },
  format: { type: 'string' },
  crds: { type: 'string' },
  'no-typecheck': { type: 'boolean' },
} as const;

export const validateCommand: Command = {
  summary: 'type-check and validate the fleet, and check every object it renders against its schema, without writing',
  help: [
    'Usage: rivven-gitops validate [--env NAME]... [--format text|json] [--crds DIR] [--no-typecheck]',
    '',
    'Type-checks rivven.config.ts and environments/**/*.ts, merges each environment over the base and',
    'validates the result, then renders it in memory and checks every object against the schema its API',
    'server enforces (the Rivven CRDs of the pinned version, Kubernetes and add-on schemas, metadata',
    'rules). Nothing is written. Every problem is reported with its code and file:line:col.',
    '',
    'Options:',
    '  --env NAME       only this environment (repeatable; default: all)',
    '  --format FORMAT  text (default) or json',
    '  --crds DIR       check Rivven custom resources against the CRD YAML in DIR (inside the project)',
    '                   instead of the shipped schema pack; overrides crdSchemas in rivven.config.ts',
    '  --no-typecheck   skip the TypeScript type-check (faster; values are still validated)',
    '',
    'Exit codes: 0 valid (warnings allowed), 1 errors.',
  ].join('\n'),
  async run(argv: readonly string[], context: CliContext): Promise<number> {
    const { values } = parseCommandArgs(argv, options);
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}"`);
    const root = path.resolve(context.cwd, values.root ?? '.');
    const print = (findings: Parameters<typeof formatFindingsText>[0], ok: boolean, environments: readonly string[]) => {
      if (format === 'json') {
        context.stdout(formatFindingsJson(findings, { ok, environments }));
        return;
      }
      const text = formatFindingsText(findings, context.style, (file) => readSource(root, file));
      const out = ok ? context.stdout : context.stderr;
      if (text) out(text + '\n\n');
      const names = environments.length > 0 ? ` (${environments.join(', ')})` : '';
      out(ok ? `${context.style.green('✔')} valid${names}: ${summarizeFindings(findings)}\n` : `${context.style.red('✘')} invalid: ${summarizeFindings(findings)}\n`);
    };
    try {
      const result = await compileProject({ root, environments: values.env ?? [], typecheck: !values['no-typecheck'], policy: false, ...(values.crds === undefined ? {} : { crdSchemas: values.crds }) });
      print(result.findings, true, result.fleet.environments.map((e) => e.name));
      return exitCodes.ok;
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      print(error.findings, false, []);
      return exitCodes.error;
    }
  },
};
