import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { sortFindings } from '../../src/errors/diagnostic.js';
import type { Finding } from '../../src/errors/diagnostic.js';
import type { Code } from '../../src/errors/catalog.js';

const at = (file: string | undefined, line: number, code: Code = 'RG301', path = ''): Finding => ({
  code,
  severity: 'error',
  path,
  message: 'm',
  ...(file === undefined ? {} : { loc: { file, line, column: 1 } }),
});

test('findings sort by code units, not by the locale: upper case before lower case, on every machine', () => {
  const sorted = sortFindings([at('environments/prod.ts', 1), at('Environments/prod.ts', 1), at('environments/dev.ts', 9), at(undefined, 0), at('_shared.ts', 1)]);
  // localeCompare (en) would put environments/… before Environments/… and _shared.ts first.
  assert.equal(
    sorted.map((f) => f.loc?.file ?? '(none)'),
    ['Environments/prod.ts', '_shared.ts', 'environments/dev.ts', 'environments/prod.ts', '(none)'],
  );
});

test('errors come first, then file, line and column, then code and path', () => {
  const warning: Finding = { ...at('a.ts', 1), severity: 'warning' };
  const sorted = sortFindings([warning, at('b.ts', 2, 'RG302', 'z'), at('b.ts', 2, 'RG302', 'Z'), at('b.ts', 2, 'RG301'), at('b.ts', 1)]);
  assert.equal(
    sorted.map((f) => `${f.severity} ${f.loc?.file}:${f.loc?.line} ${f.code} ${f.path}`),
    ['error b.ts:1 RG301 ', 'error b.ts:2 RG301 ', 'error b.ts:2 RG302 Z', 'error b.ts:2 RG302 z', 'warning a.ts:1 RG301 '],
  );
});

test.run();
