import path from 'node:path';
import type { Finding } from '../../errors/diagnostic.js';
import { UserError } from '../../errors/diagnostic.js';
import { doctorPassed } from '../../live/preflight/doctor-report.js';
import { doctorProject } from '../../pipelines/doctor.js';
import { doctorReporters } from '../../report/doctor-format.js';
import { formatFindingsText, summarizeFindings } from '../../report/format-findings.js';
import { parseCommandArgs } from '../args.js';
import type { CliContext, Command } from '../context.js';
import { exitCodes } from '../context.js';
import { readSource } from '../read-source.js';
import { UsageError } from '../usage-error.js';

const options = {
  env: { type: 'string', multiple: true },
  format: { type: 'string' },
  context: { type: 'string' },
  kubeconfig: { type: 'string' },
} as const;

export const doctorCommand: Command = {
  summary: 'check that a live cluster has what each environment needs before Argo CD syncs it (alias: preflight)',
  help: [
    'Usage: rivven-gitops doctor [--env NAME]... [--format text|json] [--context NAME] [--kubeconfig PATH]',
    '',
    'Reads the cluster read-only (the same client as diff --against live) and reports, per environment,',
    'every prerequisite its rendered objects need that the cluster lacks:',
    '  RG775 a CRD not installed         RG776 a CRD without the needed version',
    '  RG777 an operator not found       RG778 a Secret missing (by name; values are never read)',
    '  RG779 a SecretStore missing       RG780 a StorageClass missing',
    '  RG781 a cert-manager issuer missing',
    '  RG783 no default StorageClass, while a volume claim names no class',
    '  RG782 (warning) a prerequisite that could not be checked (403, server error)',
    '  RG784 (warning) more than one default StorageClass (Kubernetes picks the newest)',
    'Each finding points at the config line (file:line:col) that creates the need and names the live object.',
    '',
    'Options:',
    '  --env NAME          only this environment (repeatable; default: all)',
    '  --format FORMAT     text (default) or json',
    '  --context NAME      kubeconfig context (default: current-context)',
    '  --kubeconfig PATH   kubeconfig file (default KUBECONFIG, ~/.kube/config, in-cluster)',
    '',
    'Exit codes: 0 every prerequisite is in place, 1 something is missing or the cluster cannot be read.',
  ].join('\n'),
  async run(argv: readonly string[], context: CliContext): Promise<number> {
    const { values } = parseCommandArgs(argv, options);
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}"`);
    const root = path.resolve(context.cwd, values.root ?? '.');
    const readProjectSource = (file: string) => readSource(root, file);
    const printFindings = (findings: readonly Finding[]) => context.stderr(formatFindingsText(findings, context.style, readProjectSource) + '\n\n');
    try {
      const report = await doctorProject({
        root,
        environments: values.env ?? [],
        env: context.env,
        ...(values.context === undefined ? {} : { context: values.context }),
        ...(values.kubeconfig === undefined ? {} : { kubeconfigPath: values.kubeconfig }),
        onFindings: (findings) => {
          const shown = findings.filter((f) => f.severity === 'error');
          if (shown.length > 0) printFindings(shown);
        },
      });
      context.stdout(doctorReporters[format](report, { style: context.style, readSource: readProjectSource }));
      return doctorPassed(report) ? exitCodes.ok : exitCodes.error;
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      printFindings(error.findings);
      context.stderr(`${context.style.red('✘')} doctor failed: ${summarizeFindings(error.findings)}\n`);
      return exitCodes.error;
    }
  },
};
