import path from 'node:path';
import type { Finding } from '../../errors/diagnostic.js';
import { checkProject } from '../../pipelines/check-project.js';
import { summarizeFindings } from '../../report/format-findings.js';
import { findingsReporters, formatNames, isFormatOf, type FindingsReport } from '../../report/reporters.js';
import { parseCommandArgs } from '../args.js';
import type { CliContext, Command } from '../context.js';
import { exitCodes } from '../context.js';
import { readSource } from '../read-source.js';
import { UsageError } from '../usage-error.js';

const options = {
  env: { type: 'string', multiple: true },
  format: { type: 'string' },
  'no-typecheck': { type: 'boolean' },
  crds: { type: 'string' },
} as const;

export const checkCommand: Command = {
  summary: "hold every environment to its profile's production checklist",
  help: [
    'Usage: rivven-gitops check [--env NAME]... [--format text|json] [--crds DIR] [--no-typecheck]',
    '',
    "Compiles the fleet and holds each environment to the policy of its profile (development, staging,",
    'production): brokers, placement, TLS, NetworkPolicies, resources, probes, monitoring, backups,',
    'workload hygiene, topic durability and capacity, production against staging. Each finding has a',
    'stable code (`rivven-gitops rules` lists them) and the file:line:col of the value at fault.',
    'Suppress a rule per environment with checks.suppress: { RG804: "reason" }; suppressed findings',
    'are still shown, as info, with their reason.',
    '',
    'Options:',
    '  --env NAME       report only this environment (repeatable; default: all). The whole fleet is',
    '                   still compiled, so production is compared with staging either way',
    '  --format FORMAT  text (default) or json',
    '  --crds DIR       check Rivven custom resources against the CRD YAML in DIR (inside the project)',
    '                   instead of the shipped schema pack; overrides crdSchemas in rivven.config.ts',
    '  --no-typecheck   skip the TypeScript type-check (faster; values are still validated)',
    '',
    'Exit codes: 0 no error findings (warnings allowed), 1 error findings or an invalid fleet.',
  ].join('\n'),
  async run(argv: readonly string[], context: CliContext): Promise<number> {
    const { values } = parseCommandArgs(argv, options);
    const format = values.format ?? 'text';
    if (!isFormatOf(findingsReporters, format)) throw new UsageError(`--format must be ${formatNames(findingsReporters)}, not "${format}"`);
    const root = path.resolve(context.cwd, values.root ?? '.');
    const result = await checkProject({ root, environments: values.env ?? [], typecheck: !values['no-typecheck'], ...(values.crds === undefined ? {} : { crdSchemas: values.crds }) });
    if (result.kind === 'unknown-environments') {
      throw new UsageError(`no environment ${result.unknown.map((n) => `"${n}"`).join(', ')}: the fleet has ${result.known.join(', ')}`);
    }
    const names = result.environments.length > 0 ? ` (${result.environments.join(', ')})` : '';
    const summary = `${summarizeFindings(result.findings)}${infoCount(result.findings)}`;
    const headline = result.ok ? `check passed${names}: ${summary}` : `${result.verdict ?? `check failed${names}`}: ${summary}`;
    const report: FindingsReport = { findings: result.findings, ok: result.ok, environments: result.environments, headline, ...(result.coverage === undefined ? {} : { coverage: result.coverage }) };
    const output = findingsReporters[format](report, { style: context.style, readSource: (file) => readSource(root, file) });
    if (output.stdout) context.stdout(output.stdout);
    if (output.stderr) context.stderr(output.stderr);
    return result.ok ? exitCodes.ok : exitCodes.error;
  },
};

function infoCount(findings: readonly Finding[]): string {
  const infos = findings.filter((f) => f.severity === 'info').length;
  return infos === 0 ? '' : `, ${infos} info${infos === 1 ? '' : 's'}`;
}
