import path from 'node:path';
import { validateProject } from '../../compile.js';
import { finding } from '../../errors/catalog.js';
import { UserError } from '../../errors/diagnostic.js';
import { explainValue } from '../../resolve/explain.js';
import { parseCommandArgs } from '../args.js';
import type { CliContext, Command } from '../context.js';
import { exitCodes } from '../context.js';
import { UsageError } from '../usage-error.js';
import { explainObject, parseObjectPath } from './explain-object.js';

const options = { format: { type: 'string' }, 'no-typecheck': { type: 'boolean' } } as const;

export const explainCommand: Command = {
  summary: 'show a resolved value, the file:line:col that set it and what it overrode',
  help: [
    'Usage: rivven-gitops explain <environment> <config.path> [--format text|json]',
    '',
    'Prints the value an environment resolves to, the file:line:col that set it, and every value it overrode.',
    'Paths are dotted; quote names with dots in brackets: topics["cdc.events"].partitions',
    '(topics.cdc.events.partitions also works when it is unambiguous).',
    '',
    'A built object\'s field is explained as Kind/name:field.path; a value an escape hatch (customize) set',
    'points at the line of the patch, partial object, extra object or transform that set it.',
    '',
    'Examples:',
    '  rivven-gitops explain prod cluster.replicas',
    '  rivven-gitops explain prod StatefulSet/rivven-main:spec.template.spec.priorityClassName',
    '  rivven-gitops explain dev topics.orders-events',
    '',
    'Exit codes: 0 found, 1 unknown environment or path, or invalid configuration.',
  ].join('\n'),
  async run(argv: readonly string[], context: CliContext): Promise<number> {
    const { values, positionals } = parseCommandArgs(argv, options);
    const [envName, configPath, ...extra] = positionals;
    if (envName === undefined || configPath === undefined || extra.length > 0) throw new UsageError('expected <environment> <config.path>');
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}"`);
    const root = path.resolve(context.cwd, values.root ?? '.');
    if (parseObjectPath(configPath) !== undefined) return explainObjectCommand(root, envName, configPath, format, !values['no-typecheck'], context);
    const { fleet, project } = await validateProject({ root, environments: [envName], typecheck: !values['no-typecheck'] });
    const environment = fleet.environments.find((e) => e.name === envName);
    if (!environment) throw new UserError([finding('RG110', { path: envName, params: { name: envName, known: fleet.environments.map((e) => e.name) } })]);
    const explanation = explainValue(environment, project, configPath);
    if (!explanation) {
      throw new UserError([
        finding('RG902', { path: configPath, message: `"${configPath}" is not a path of the resolved configuration of ${envName}.` }),
      ]);
    }
    if (format === 'json') {
      context.stdout(JSON.stringify({ version: 1, environment: envName, ...explanation }, null, 2) + '\n');
      return exitCodes.ok;
    }
    const { style } = context;
    const where = (o: { layer: string; loc?: { file: string; line: number; column: number } }) =>
      o.loc ? `${o.loc.file}:${o.loc.line}:${o.loc.column}` : `(${o.layer} value)`;
    const lines = [
      `${style.bold(explanation.path)} = ${explanation.display ?? formatValue(explanation.value)}`,
      `  set by     ${where(explanation.origin)}${explanation.removed ? ' (removed by null)' : ''}`,
      ...explanation.overridden.map((o) => `  overrides  ${where(o)}${o.value === undefined ? '' : ` = ${o.display ?? formatValue(o.value)}`}`),
    ];
    context.stdout(lines.join('\n') + '\n');
    return exitCodes.ok;
  },
};

async function explainObjectCommand(root: string, envName: string, text: string, format: string, typecheck: boolean, context: CliContext): Promise<number> {
  const explanation = await explainObject(root, envName, text, typecheck);
  if (explanation === undefined) {
    throw new UserError([finding('RG902', { path: text, message: `"${text}" is not a field of an object built for ${envName}.` })]);
  }
  if (format === 'json') {
    context.stdout(JSON.stringify({ version: 1, environment: envName, ...explanation }, null, 2) + '\n');
    return exitCodes.ok;
  }
  const origin = explanation.origin;
  const where = origin === undefined ? '(rendered from the configuration)' : `${origin.loc ? `${origin.loc.file}:${origin.loc.line}:${origin.loc.column}` : '(no line)'} (${origin.path})`;
  context.stdout(`${context.style.bold(`${explanation.object}:${explanation.field}`)} = ${formatValue(explanation.value)}\n  set by     ${where}\n`);
  return exitCodes.ok;
}

function formatValue(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? 'undefined' : text.length > 200 ? `${text.slice(0, 197)}...` : text;
}
