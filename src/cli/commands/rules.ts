import { listRules, type RuleInfo } from '../../check/list-rules.js';
import { profiles } from '../../model/config.js';
import { codeInfo } from '../../errors/catalog.js';
import { parseCommandArgs } from '../args.js';
import type { CliContext, Command } from '../context.js';
import { exitCodes } from '../context.js';
import type { Style } from '../terminal.js';
import { UsageError } from '../usage-error.js';

const options = { format: { type: 'string' } } as const;

/** Rationales are wrapped to this width under an indent, so the listing reads in an 80-column terminal. */
const width = 96;
const indent = '       ';

export const rulesCommand: Command = {
  summary: 'list the policy rules of `check`: codes, severities per profile, rationale',
  help: [
    'Usage: rivven-gitops rules [CODE]... [--format text|json]',
    '',
    'Lists every rule `rivven-gitops check` applies: its stable code, title, default severity for each',
    'profile (development, staging, production; "off" means the rule does not run) and why it exists.',
    'With codes (rivven-gitops rules RG531 RG801), only those rules.',
    '',
    'Options:',
    '  --format FORMAT  text (default) or json',
    '',
    'Exit codes: 0, or 1 for a code that is no policy rule.',
  ].join('\n'),
  async run(argv: readonly string[], context: CliContext): Promise<number> {
    const { values, positionals } = parseCommandArgs(argv, options);
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}"`);
    const rules = selectRules(listRules(), positionals);
    context.stdout(format === 'json' ? JSON.stringify({ version: 1, rules }, null, 2) + '\n' : formatRulesText(rules, context.style));
    return exitCodes.ok;
  },
};

/** The rules named by `codes` (any case), in catalogue order; all of them when none is named. */
function selectRules(rules: readonly RuleInfo[], codes: readonly string[]): RuleInfo[] {
  if (codes.length === 0) return [...rules];
  const wanted = new Set(codes.map((c) => c.trim().toUpperCase()));
  for (const code of wanted) {
    if (rules.some((r) => r.code === code)) continue;
    const info = codeInfo(code);
    throw new UsageError(
      info === undefined
        ? `no policy rule ${code}: the rules are ${rules.map((r) => r.code).join(', ')}`
        : `no policy rule ${code}: ${code} ("${info.title}") is a validation error, not a policy rule, so it has no severities or rationale to list; the rules are ${rules.map((r) => r.code).join(', ')}`,
    );
  }
  return rules.filter((r) => wanted.has(r.code));
}

export function formatRulesText(rules: readonly RuleInfo[], style: Style): string {
  const blocks = rules.map((r) => {
    const severities = profiles.map((p) => `${p} ${colour(r.severity[p], style)}`).join(' · ');
    return [
      `${style.bold(r.code)}  ${r.title}${r.suppressible ? '' : style.dim(' (cannot be suppressed)')}`,
      `${indent}${severities}`,
      ...wrap(r.rationale, width - indent.length).map((line) => `${indent}${style.dim(line)}`),
    ].join('\n');
  });
  return blocks.join('\n\n') + '\n';
}

function colour(severity: string, style: Style): string {
  if (severity === 'error') return style.red(severity);
  if (severity === 'warning') return style.yellow(severity);
  if (severity === 'info') return style.cyan(severity);
  return style.dim(severity);
}

function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}
