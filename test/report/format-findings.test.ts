/**
 * The finding reporters: a cross-field finding shows both ends, in text (with a code frame for each) and
 * in JSON.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Finding } from '../../src/errors/diagnostic.js';
import { formatFindingsJson, formatFindingsText } from '../../src/report/format-findings.js';
import { createStyle } from '../../src/report/style.js';

const sources: Record<string, string> = {
  'rivven.config.ts': "export default {\n  topics: {\n    orders: { replicationFactor: 3 },\n  },\n};\n",
  'environments/prod.ts': "export default {\n  namespace: 'prod',\n  cluster: {\n    replicas: 1,\n  },\n};\n",
};

const crossField: Finding = {
  code: 'RG301',
  severity: 'error',
  path: 'topics.orders.replicationFactor',
  message: 'Topic "orders" has replicationFactor 3, but cluster.replicas is 1.',
  loc: { file: 'rivven.config.ts', line: 3, column: 15 },
  related: [{ message: 'cluster.replicas = 1', loc: { file: 'environments/prod.ts', line: 4, column: 5 } }],
};

test('text: the related location is printed with its own code frame, after the primary one', () => {
  const text = formatFindingsText([crossField], createStyle(false), (file) => sources[file]);
  const lines = text.split('\n');
  assert.is(lines[0], 'rivven.config.ts:3:15 error RG301 Topic "orders" has replicationFactor 3, but cluster.replicas is 1.');
  const related = lines.indexOf('  cluster.replicas = 1 set at environments/prod.ts:4:5');
  assert.ok(related > lines.findIndex((l) => l.includes('> 3 |')), text);
  assert.ok(lines.slice(related).some((l) => l.includes('> 4 |     replicas: 1,')), text);
});

test('text: a related place without a location is still named', () => {
  const text = formatFindingsText([{ ...crossField, related: [{ message: 'cluster.replicas = 1 (the default)' }] }], createStyle(false), () => undefined);
  assert.match(text, '\n  cluster.replicas = 1 (the default)');
});

test('json: related locations are part of the finding', () => {
  const json = JSON.parse(formatFindingsJson([crossField])) as { findings: Finding[] };
  assert.equal(json.findings[0]?.related, [{ message: 'cluster.replicas = 1', loc: { file: 'environments/prod.ts', line: 4, column: 5 } }]);
});

test('text: at most 20 findings per file are printed, errors first, then one line counting the rest; JSON keeps all', () => {
  const many: Finding[] = Array.from({ length: 30 }, (_, i) => ({
    code: 'RG425',
    severity: 'warning',
    path: `topics.t${i}`,
    message: `warning number ${i + 1}`,
    loc: { file: 'environments/prod.ts', line: i + 1, column: 3 },
  }));
  const error: Finding = { ...crossField, loc: { file: 'environments/prod.ts', line: 40, column: 1 }, related: [] };
  const other: Finding = { ...crossField, severity: 'warning', related: [] };
  const text = formatFindingsText([...many, error, other], createStyle(false), () => undefined);
  assert.match(text, 'environments/prod.ts:40:1 error RG301');
  assert.is(text.match(/environments\/prod\.ts:\d+:\d+ (?:error|warning)/g)?.length, 20);
  assert.match(text, 'warning number 19');
  assert.not.match(text, 'warning number 20');
  assert.match(text, 'rivven.config.ts:3:15 warning RG301');
  assert.match(text, '… and 11 more findings in environments/prod.ts (0 errors, 11 warnings): `validate --format json` and `check --format json` list every one.');
  const json = JSON.parse(formatFindingsJson([...many, error, other])) as { findings: Finding[] };
  assert.is(json.findings.length, 32);
});

test.run();
