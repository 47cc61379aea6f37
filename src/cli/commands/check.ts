import path from 'node:path';
import { compileProject } from '../../compile.js';
import { checkFleet } from '../../check/check-fleet.js';
import { checkUnvalidatedFleet } from '../../check/check-unvalidated.js';
import { loadProject } from '../../load/load-project.js';
import { defaults } from '../../model/defaults.js';
import { resolveFleet } from '../../resolve/resolve-environment.js';
import type { Finding } from '../../errors/diagnostic.js';
import { UserError, hasErrors } from '../../errors/diagnostic.js';
import { parseCommandArgs } from '../args.js';
import type { CliContext, Command } from '../context.js';
import { exitCodes } from '../context.js';
import { formatFindingsJson, formatFindingsText, summarizeFindings } from '../../report/format-findings.js';
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
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}"`);
    const root = path.resolve(context.cwd, values.root ?? '.');
    const wanted = values.env ?? [];
    const print = (findings: readonly Finding[], verdict: string | undefined, environments: readonly string[], unchecked?: readonly string[]) => {
      const ok = !hasErrors(findings) && verdict === undefined;
      if (format === 'json') {
        const coverage = unchecked === undefined ? {} : { checked: environments, unchecked };
        context.stdout(formatFindingsJson(findings, { ok, environments, ...coverage }));
        return;
      }
      const text = formatFindingsText(findings, context.style, (file) => readSource(root, file));
      const out = ok ? context.stdout : context.stderr;
      if (text) out(text + '\n\n');
      const names = environments.length > 0 ? ` (${environments.join(', ')})` : '';
      const summary = `${summarizeFindings(findings)}${infoCount(findings)}`;
      out(ok ? `${context.style.green('✔')} check passed${names}: ${summary}\n` : `${context.style.red('✘')} ${verdict ?? `check failed${names}`}: ${summary}\n`);
    };
    let compiled;
    try {
      compiled = await compileProject({ root, typecheck: !values['no-typecheck'], policy: false, ...(values.crds === undefined ? {} : { crdSchemas: values.crds }) });
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      const partial = await checkDespiteErrors(root, !values['no-typecheck'], wanted);
      if (partial === undefined) {
        print(error.findings, 'stopped after validation: the fleet does not load, so no policy rule was checked', [], []);
        return exitCodes.error;
      }
      print([...error.findings, ...partial.findings], partial.verdict, partial.checked, partial.unchecked);
      return exitCodes.error;
    }
    const known = compiled.fleet.environments.map((e) => e.name);
    const unknown = wanted.filter((name) => !known.includes(name));
    if (unknown.length > 0) throw new UsageError(`no environment ${unknown.map((n) => `"${n}"`).join(', ')}: the fleet has ${known.join(', ')}`);
    const findings = checkFleet(compiled.fleet, compiled.render, { environments: wanted });
    print(findings, undefined, wanted.length > 0 ? known.filter((n) => wanted.includes(n)) : known);
    return hasErrors(findings) ? exitCodes.error : exitCodes.ok;
  },
};

/**
 * The policy of the environments that resolve, for a fleet that does not validate: so that one run shows
 * every rule a change breaks. Undefined when the fleet does not even load.
 */
async function checkDespiteErrors(
  root: string,
  typecheck: boolean,
  wanted: readonly string[],
): Promise<{ findings: Finding[]; checked: string[]; unchecked: string[]; verdict: string } | undefined> {
  let project;
  try {
    ({ project } = await loadProject({ root, typecheck }));
  } catch (error) {
    if (error instanceof UserError) return undefined;
    throw error;
  }
  const { fleet } = resolveFleet(project);
  const outDir = fleet.environments[0]?.config.output.dir ?? defaults.output.dir;
  const { findings, checked } = checkUnvalidatedFleet(fleet, { outDir, environments: wanted });
  const all = project.environments.map((e) => e.name).filter((n) => wanted.length === 0 || wanted.includes(n));
  const unchecked = all.filter((n) => !checked.includes(n));
  const verdict =
    checked.length === 0
      ? `stopped after validation: ${unchecked.length === 1 ? `${unchecked[0]} does` : 'no environment does'} not resolve, so no policy rule was checked`
      : unchecked.length === 0
        ? `the fleet does not validate; the policy rules were checked anyway (${checked.join(', ')})`
        : `the fleet does not validate; the policy rules were checked for ${checked.join(', ')} only, not for ${unchecked.join(', ')}`;
  return { findings, checked, unchecked, verdict };
}

function infoCount(findings: readonly Finding[]): string {
  const infos = findings.filter((f) => f.severity === 'info').length;
  return infos === 0 ? '' : `, ${infos} info${infos === 1 ? '' : 's'}`;
}
