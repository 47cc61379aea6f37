import path from 'node:path';
import { compileProject, type CompiledFleet } from '../../compile.js';
import { failedEnvironment, reportEnvironment } from '../../diff/environment-report.js';
import { diffEnvironment } from '../../diff/diff-environment.js';
import type { DiffReport, EnvironmentReport } from '../../diff/types.js';
import { UserError } from '../../errors/diagnostic.js';
import type { K8sObject } from '../../render/k8s-object.js';
import { parseCommandArgs } from '../args.js';
import type { CliContext, Command } from '../context.js';
import { exitCodes } from '../context.js';
import { formatFindingsText, summarizeFindings } from '../../report/format-findings.js';
import { readSource } from '../read-source.js';
import { UsageError } from '../usage-error.js';
import { liveEnvironmentSource, parseSourceSpec, planLiveReads, type EnvironmentSource, type SourceSpec } from '../../live/source.js';

const options = {
  env: { type: 'string', multiple: true },
  against: { type: 'string' },
  format: { type: 'string' },
  context: { type: 'string' },
  kubeconfig: { type: 'string' },
  typecheck: { type: 'boolean' },
  commit: { type: 'string' },
  split: { type: 'boolean' },
} as const;

const formats = ['text', 'json', 'markdown'] as const;
type Format = (typeof formats)[number];
const isFormat = (value: string): value is Format => (formats as readonly string[]).includes(value);

export const diffCommand: Command = {
  summary: 'show what would change per environment, against a git ref, a live cluster or a dump',
  help: [
    'Usage: rivven-gitops diff [--env NAME]... --against <git:REF|live|file:PATH> [--format text|json|markdown] [--split] [--commit SHA]',
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
    '',
    'Exit codes: 0 no changes, 1 errors, 2 changes found.',
  ].join('\n'),
  async run(argv: readonly string[], context: CliContext): Promise<number> {
    const { values } = parseCommandArgs(argv, options);
    const format = values.format ?? 'text';
    if (!isFormat(format)) throw new UsageError(`--format must be text, json or markdown, not "${format}"`);
    if ((values.split || values.commit !== undefined) && format !== 'markdown') throw new UsageError('--split and --commit apply to --format markdown only');
    if (values.against === undefined) throw new UsageError('--against is required: git:REF, live or file:PATH');
    const spec = parseSourceSpec(values.against);
    if (spec === undefined) throw new UsageError(`--against must be git:REF, live or file:PATH, not "${values.against}"`);
    if (spec.type !== 'live' && (values.context !== undefined || values.kubeconfig !== undefined)) {
      throw new UsageError('--context and --kubeconfig apply to --against live only');
    }
    const root = path.resolve(context.cwd, values.root ?? '.');
    const requested = values.env ?? [];
    try {
      // The diff shows what a change does even when it breaks the production checklist: build --check and
      // check are the gates; a reviewer still needs to see the change.
      const compiled = await compileProject({ root, environments: requested, typecheck: values.typecheck ?? false, policy: false });
      if (compiled.findings.length > 0) {
        context.stderr(formatFindingsText(compiled.findings, context.style, (file) => readSource(root, file)) + '\n\n');
      }
      const report = await buildReport(compiled, spec, values.against, requested, {
        cwd: context.cwd,
        env: context.env,
        ...(values.context === undefined ? {} : { context: values.context }),
        ...(values.kubeconfig === undefined ? {} : { kubeconfig: values.kubeconfig }),
      });
      if (format === 'json') {
        const { renderDiffJson } = await import('../../report/diff-json.js');
        context.stdout(renderDiffJson(report));
      } else if (format === 'markdown') {
        const { renderDiffMarkdown, renderDiffMarkdownParts } = await import('../../report/diff-markdown.js');
        const markdownOptions = values.commit === undefined ? {} : { commit: values.commit };
        // Split parts are written one after another; each starts with its own marker, which is how the
        // comment command tells them apart.
        const body = values.split ? renderDiffMarkdownParts(report, markdownOptions).join('\n') : renderDiffMarkdown(report, markdownOptions);
        context.stdout(body.endsWith('\n') ? body : `${body}\n`);
      } else {
        const { renderDiffText } = await import('../../report/diff-text.js');
        context.stdout(renderDiffText(report, context.style));
      }
      return exitCode(report);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      context.stderr(formatFindingsText(error.findings, context.style, (file) => readSource(root, file)) + '\n\n');
      context.stderr(`${context.style.red('✘')} diff failed: ${summarizeFindings(error.findings)}\n`);
      return exitCodes.error;
    }
  },
};

function exitCode(report: DiffReport): number {
  if (report.problems.some((p) => p.severity === 'error') || report.environments.some((e) => e.status === 'error')) return exitCodes.error;
  return report.environments.some((e) => e.status !== 'unchanged') ? exitCodes.differences : exitCodes.ok;
}

interface SourceOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly context?: string;
  readonly kubeconfig?: string;
}

/** One comparison to make: rendered objects of an environment (or of Argo CD) and how to get the source's. */
interface Comparison {
  readonly name: string;
  readonly namespace: string;
  readonly rendered: readonly K8sObject[];
  readonly source: () => Promise<EnvironmentSource>;
}

async function comparisonsFor(compiled: CompiledFleet, spec: SourceSpec, requested: readonly string[], options: SourceOptions): Promise<Comparison[]> {
  const rendered = compiled.render.environments;
  const names = new Set(rendered.map((e) => e.name));
  const argoNamespace = compiled.render.argocd[0]?.metadata.namespace ?? 'argocd';
  if (spec.type === 'git') {
    const git = await import('../../live/git-source.js');
    const output = await git.readGitOutput(compiled.project.root, spec.ref, compiled.outDir, compiled.tree);
    // Environments removed since the ref (only when all are compared; --env names existing files): all of
    // their objects are deletions.
    const removed = requested.length > 0 ? [] : git.gitEnvironments(output).filter((n) => !names.has(n));
    const comparisons: Comparison[] = [
      ...rendered.map((e) => ({ name: e.name, namespace: e.namespace, rendered: e.objects, source: async () => git.gitEnvironmentSource(output, e.name, compiled.tree) })),
      ...removed.map((n) => {
        const source = git.gitEnvironmentSource(output, n);
        const namespace = source.objects.find((o) => o.kind === 'Namespace')?.metadata.name ?? source.objects[0]?.metadata.namespace ?? '';
        return { name: n, namespace, rendered: [], source: async () => source };
      }),
    ];
    if (requested.length === 0 && !names.has('argocd')) {
      comparisons.push({ name: 'argocd', namespace: argoNamespace, rendered: compiled.render.argocd, source: async () => git.gitArgoCdSource(output, compiled.tree) });
    }
    return comparisons;
  }
  if (spec.type === 'file') {
    const file = await import('../../live/file-source.js');
    const objects = await file.readDump(path.resolve(options.cwd, spec.path));
    return rendered.map((e) => ({
      name: e.name,
      namespace: e.namespace,
      rendered: e.objects,
      source: async () => file.dumpEnvironmentSource(objects, file.scopeOf(e.namespace, e.objects)),
    }));
  }
  const { readLiveObjects } = await import('../../live/cluster/read-live-objects.js');
  return rendered.map((e) => ({
    name: e.name,
    namespace: e.namespace,
    rendered: e.objects,
    source: async () => {
      const reads = planLiveReads(e.namespace, e.objects);
      const snapshots = await Promise.all(
        reads.map(async (read) => ({
          read,
          snapshot: await readLiveObjects({
            namespace: read.namespace,
            kinds: read.kinds,
            clusterScoped: read.clusterScoped,
            env: options.env,
            ...(options.kubeconfig === undefined ? {} : { kubeconfigPath: path.resolve(options.cwd, options.kubeconfig) }),
            ...(options.context === undefined ? {} : { context: options.context }),
          }),
        })),
      );
      return liveEnvironmentSource(snapshots);
    },
  }));
}

async function buildReport(compiled: CompiledFleet, spec: SourceSpec, against: string, requested: readonly string[], options: SourceOptions): Promise<DiffReport> {
  const comparisons = await comparisonsFor(compiled, spec, requested, options);
  const resolved = new Map(compiled.fleet.environments.map((e) => [e.name, e]));
  const environments: EnvironmentReport[] = [];
  for (const c of comparisons) {
    let source: EnvironmentSource;
    try {
      source = await c.source();
    } catch (error) {
      // A source that cannot be evaluated for one environment (e.g. a hand-edited kustomization at the
      // ref) fails that environment only; a cluster that cannot be reached fails them all.
      if (!(error instanceof UserError) || spec.type === 'live') throw error;
      environments.push(failedEnvironment(c.name, c.namespace, error.findings));
      continue;
    }
    const diff = source.sameAsRendered
      ? { name: c.name, namespace: c.namespace, changes: [], unchanged: c.rendered.length, ignored: [] }
      : diffEnvironment({ name: c.name, namespace: c.namespace, rendered: c.rendered, source }, { sourceLabel: against });
    environments.push(reportEnvironment(diff, resolved.get(c.name), source.problems));
  }
  return { against, environments, problems: [] };
}
