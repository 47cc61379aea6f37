import path from 'node:path';
import { compileProject } from '../../pipelines/compile-project.js';
import { UserError } from '../../errors/diagnostic.js';
import { parseCommandArgs } from '../args.js';
import type { CliContext, Command } from '../context.js';
import { exitCodes } from '../context.js';
import { summarizeFindings } from '../../report/format-findings.js';
import { findingsReporters, formatNames, isFormatOf, type FindingsReport } from '../../report/reporters.js';
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
    if (!isFormatOf(findingsReporters, format)) throw new UsageError(`--format must be ${formatNames(findingsReporters)}, not "${format}"`);
    const root = path.resolve(context.cwd, values.root ?? '.');
    let report: FindingsReport;
    try {
      const result = await compileProject({ root, environments: values.env ?? [], typecheck: !values['no-typecheck'], policy: false, ...(values.crds === undefined ? {} : { crdSchemas: values.crds }) });
      const environments = result.fleet.environments.map((e) => e.name);
      const names = environments.length > 0 ? ` (${environments.join(', ')})` : '';
      report = { findings: result.findings, ok: true, environments, headline: `valid${names}: ${summarizeFindings(result.findings)}` };
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      report = { findings: error.findings, ok: false, environments: [], headline: `invalid: ${summarizeFindings(error.findings)}` };
    }
    const output = findingsReporters[format](report, { style: context.style, readSource: (file) => readSource(root, file) });
    if (output.stdout) context.stdout(output.stdout);
    if (output.stderr) context.stderr(output.stderr);
    return report.ok ? exitCodes.ok : exitCodes.error;
  },
};
