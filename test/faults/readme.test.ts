/**
 * test/faults/README.md lists every case of the corpus with its expected code, exit code and location:
 * the table is generated from the case definitions and must match them (UPDATE=1 rewrites it).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { catalog, codeInfo } from '../../src/errors/catalog.js';
import { loadCases } from './cases-load.js';
import { outputCases, yaml11Note } from './cases-output.js';
import { valueCases } from './cases-values.js';
import { expectedLocation, repoRoot, type FaultCase } from './harness.js';

const readme = path.join(repoRoot, 'test/faults/README.md');
const start = '<!-- cases:start (generated from test/faults/cases-*.ts; UPDATE=1 npm test -- faults/readme rewrites it) -->';
const end = '<!-- cases:end -->';
const all: readonly FaultCase[] = [...loadCases, ...valueCases, ...outputCases];

function cell(text: string): string {
  const shown = text.length > 110 ? `${text.slice(0, 80)}…${text.slice(-12)}` : text;
  return shown.replace(/\|/g, '\\|');
}

function command(c: FaultCase): string {
  const argv = (c.argv ?? ['build']).map((a) => (a.length > 40 ? `${a.slice(0, 12)}…` : a)).join(' ');
  const how = c.runner === 'child' ? ' (child process)' : c.runner === 'nobody' ? ' (child process, as nobody when root)' : '';
  return `\`${argv}\`${how}`;
}

function location(c: FaultCase): string {
  const where = expectedLocation(c);
  if (where === undefined) return '— (no file at fault)';
  return c.at?.needle === undefined ? `\`${cell(where)}\` (the file)` : `\`${cell(where)}\``;
}

function table(cases: readonly FaultCase[]): string[] {
  return [
    '| Case | Bad input | Command | Code | Exit | Location |',
    '| --- | --- | --- | --- | --- | --- |',
    ...cases.map((c) => `| \`${c.id}\` | ${cell(c.title)} | ${command(c)} | ${c.code} ${cell(codeInfo(c.code)?.title ?? '')} | 1 | ${location(c)} |`),
  ];
}

function generated(): string {
  const lines: string[] = [];
  const active = all.filter((c) => c.pending === undefined);
  const groups = [...new Set(active.map((c) => c.group))];
  for (const group of groups) lines.push(`### ${group}`, '', ...table(active.filter((c) => c.group === group)), '');
  const pending = all.filter((c) => c.pending !== undefined);
  if (pending.length > 0) {
    const commands = [...new Set(pending.map((c) => c.pending))].map((p) => `\`${p}\``).join(', ');
    lines.push(
      `### Pending: ${commands} not registered in src/cli/main.ts yet`,
      '',
      'These cases are written and run by themselves as soon as the command is registered (until then the test',
      'only checks the command is still unknown). Expected as below:',
      '',
      ...table(pending),
      '',
      `Not an error, so not in the tables: \`${yaml11Note.id}\` (\`deleteOnRemove: no\` and other YAML 1.1 booleans and`,
      'octals): import reads YAML 1.2 and adds a note saying how kubectl would read the scalar; exit 0.',
      '',
    );
  }
  lines.push(`${active.length} cases${pending.length > 0 ? ` (+${pending.length} pending)` : ''}.`);
  return lines.join('\n');
}

test('case ids are unique, codes are catalogued, and there are at least 40 cases', () => {
  const ids = all.map((c) => c.id);
  assert.equal(ids.filter((id, i) => ids.indexOf(id) !== i), []);
  for (const c of all) assert.ok(Object.prototype.hasOwnProperty.call(catalog, c.code), `${c.id}: ${c.code}`);
  assert.ok(all.filter((c) => c.pending === undefined).length >= 40);
});

test('README.md lists every case with its code, exit code and location', () => {
  const text = readFileSync(readme, 'utf8');
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  assert.ok(from >= 0 && to > from, 'README.md has the generated-section markers');
  const expected = `${text.slice(0, from + start.length)}\n${generated()}\n${text.slice(to)}`;
  if (process.env['UPDATE'] === '1') writeFileSync(readme, expected);
  else assert.fixture(text, expected, 'run UPDATE=1 npm test -- faults/readme to regenerate the table');
});

test.run();
