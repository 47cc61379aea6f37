import path from 'node:path';
import { blockingFindings } from '../../gate/evaluate-gate.js';
import { failOnValues, type FailOn } from '../../gate/types.js';
import { parseCommitRange } from '../../live/git-commits.js';
import { gateDiff } from '../../pipelines/gate-diff.js';
import type { Finding } from '../../errors/diagnostic.js';
import { UserError } from '../../errors/diagnostic.js';
import { parseSourceSpec } from '../../live/source.js';
import { diffProject } from '../../pipelines/diff-project.js';
import { formatFindingsText, summarizeFindings } from '../../report/format-findings.js';
import { diffReporters, formatNames, isFormatOf } from '../../report/reporters.js';
import { parseCommandArgs } from '../args.js';
import type { CliContext, Command } from '../context.js';
import { exitCodes } from '../context.js';
import { readSource } from '../read-source.js';
import { UsageError } from '../usage-error.js';

const options = {
  env: { type: 'string', multiple: true },
  against: { type: 'string' },
  format: { type: 'string' },
  context: { type: 'string' },
  kubeconfig: { type: 'string' },
  typecheck: { type: 'boolean' },
  commit: { type: 'string' },
  split: { type: 'boolean' },
  'fail-on': { type: 'string' },
  'acknowledge-from': { type: 'string' },
} as const;


export const diffCommand: Command = {
  summary: 'show what would change per environment, against a git ref, a live cluster or a dump',
  help: [
    'Usage: rivven-gitops diff [--env NAME]... --against <git:REF|live|file:PATH> [--format text|json|markdown] [--split] [--commit SHA]',
    '                          [--fail-on never|danger|change] [--acknowledge-from git:BASE..HEAD]',
    '                          [--context NAME] [--kubeconfig PATH] [--typecheck]',
    '',
    'Renders every environment and compares it, object by object (matched by group/kind/namespace/name),',
    'with what the source holds. Server-set fields, API server and CRD defaults, quantities written',
    'differently and fields other controllers own are not differences. Dangerous changes (partitions',
    'decreased, data deleted, a sync that will fail) are listed first with a code and the config line.',
    '',
    'Sources:',
    '  git:REF     the committed out/ at REF (what Argo CD syncs from it), read with git; no checkout',
    '  live        each environment\'s cluster, read-only (kubeconfig, --context, in-cluster config)',
    '  file:PATH   a dump: multi-document YAML, a `kubectl get -o yaml` List, or a directory of them',
    '',
    'Options:',
    '  --env NAME          only this environment (repeatable; default: all)',
    '  --against SOURCE    what to compare with (required)',
    '  --format FORMAT     text (default), json (a versioned schema, see src/report/diff-json.ts) or',
    '                      markdown (a pull-request comment, see docs/pr-comments.md)',
    '  --commit SHA        markdown: the commit the comment describes (shown and kept in its marker)',
    '  --split             markdown: numbered comment parts instead of cutting resources to fit 65,000 bytes',
    '  --context NAME      kubeconfig context (live only)',
    '  --kubeconfig PATH   kubeconfig file (live only; default KUBECONFIG, ~/.kube/config, in-cluster)',
    '  --typecheck         type-check the config first (build and validate do; diff skips it for speed)',
    '  --fail-on WHAT      change (default): exit 2 for changes, 3 for unacknowledged dangerous changes;',
    '                      danger: exit 3 for unacknowledged dangerous changes, else 0; never: exit 0',
    '                      (errors still exit 1). See docs/danger-gate.md',
    '  --acknowledge-from git:BASE..HEAD',
    '                      read "Rivven-Acknowledge: <code> <env>/<object> <reason>" trailers from these',
    '                      commits (default with --against git:REF: REF..HEAD; otherwise none)',
    '',
    'Exit codes: 0 nothing to fail on, 1 errors, 2 changes found (--fail-on change),',
    '3 dangerous changes no commit of the range acknowledges (--fail-on danger or change).',
  ].join('\n'),
  async run(argv: readonly string[], context: CliContext): Promise<number> {
    const { values } = parseCommandArgs(argv, options);
    const format = values.format ?? 'text';
    if (!isFormatOf(diffReporters, format)) throw new UsageError(`--format must be ${formatNames(diffReporters)}, not "${format}"`);
    if ((values.split || values.commit !== undefined) && format !== 'markdown') throw new UsageError('--split and --commit apply to --format markdown only');
    if (values.against === undefined) throw new UsageError('--against is required: git:REF, live or file:PATH');
    const spec = parseSourceSpec(values.against);
    if (spec === undefined) throw new UsageError(`--against must be git:REF, live or file:PATH, not "${values.against}"`);
    if (spec.type !== 'live' && (values.context !== undefined || values.kubeconfig !== undefined)) {
      throw new UsageError('--context and --kubeconfig apply to --against live only');
    }
    const failOn = values['fail-on'] ?? 'change';
    if (!isFailOn(failOn)) throw new UsageError(`--fail-on must be never, danger or change, not "${failOn}"`);
    const acknowledgeFrom = parseAcknowledgeFrom(values['acknowledge-from']);
    const root = path.resolve(context.cwd, values.root ?? '.');
    const printFindings = (findings: readonly Finding[]) => context.stderr(formatFindingsText(findings, context.style, (file) => readSource(root, file)) + '\n\n');
    try {
      const report = await diffProject({
        root,
        environments: values.env ?? [],
        source: spec,
        against: values.against,
        typecheck: values.typecheck ?? false,
        cwd: context.cwd,
        env: context.env,
        ...(values.context === undefined ? {} : { context: values.context }),
        ...(values.kubeconfig === undefined ? {} : { kubeconfig: values.kubeconfig }),
        onFindings: (findings) => {
          if (findings.length > 0) printFindings(findings);
        },
      });
      const gate = await gateDiff(report, { root, failOn, source: spec, ...(acknowledgeFrom === undefined ? {} : { acknowledgeFrom }) });
      context.stdout(
        await diffReporters[format](report, {
          style: context.style,
          gate,
          ...(values.commit === undefined ? {} : { commit: values.commit }),
          ...(values.split ? { split: true } : {}),
        }),
      );
      // The text output already lists these; for JSON and Markdown (written to a file in CI) the log says
      // why the step failed and which trailers were not read.
      if (format !== 'text') {
        const findings = [...gate.problems, ...(gate.verdict === 'blocked' ? blockingFindings(gate) : [])];
        if (findings.length > 0) printFindings(findings);
      }
      if (gate.verdict === 'blocked') {
        const blocking = gate.dangers.filter((d) => d.status === 'blocking').length;
        context.stderr(`${context.style.red('✘')} gate (--fail-on ${failOn}): ${blocking} dangerous change${blocking === 1 ? ' is' : 's are'} not acknowledged (exit ${gate.exitCode})\n`);
      }
      return gate.exitCode;
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      printFindings(error.findings);
      context.stderr(`${context.style.red('✘')} diff failed: ${summarizeFindings(error.findings)}\n`);
      return exitCodes.error;
    }
  },
};

function isFailOn(value: string): value is FailOn {
  return failOnValues.some((v) => v === value);
}

function parseAcknowledgeFrom(value: string | undefined): { base: string; head: string } | undefined {
  if (value === undefined) return undefined;
  const range = value.startsWith('git:') ? parseCommitRange(value.slice('git:'.length)) : undefined;
  if (range === undefined) throw new UsageError(`--acknowledge-from must be git:BASE..HEAD (two refs, two dots), not "${value}"`);
  return range;
}
