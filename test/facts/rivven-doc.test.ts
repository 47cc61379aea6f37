import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderRivvenFactsDoc } from '../../src/facts/render-doc.js';
import { featureFacts } from '../../src/facts/features.js';
import { operatorDefects } from '../../src/facts/operator-defects.js';
import { codeInfo } from '../../src/errors/catalog.js';
import { guideFacts } from '../../src/facts/guide-facts.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const docPath = path.join(repoRoot, 'docs/rivven-0.0.22.md');

test('docs/rivven-0.0.22.md is generated from the fact table (UPDATE=1 rewrites it)', () => {
  const expected = renderRivvenFactsDoc();
  if (process.env['UPDATE'] === '1') writeFileSync(docPath, expected);
  assert.is(readFileSync(docPath, 'utf8'), expected, 'the committed doc is stale: run the test with UPDATE=1 and commit docs/rivven-0.0.22.md');
});

test('every feature has a verdict per target and every code it names is catalogued', () => {
  for (const f of featureFacts) {
    assert.ok(f.cite.length > 0, `${f.feature} has no citation`);
    for (const code of f.codes) assert.ok(codeInfo(code) !== undefined, `${f.feature} names ${code}, which is not in the catalog`);
  }
  const doc = renderRivvenFactsDoc();
  assert.match(doc, /\| Brokers start \| works \| does not work \|/);
  assert.match(doc, /\| TLS and mTLS on the client port \(9092\) \| does not work \| does not work \|/);
});

test('each operator defect is one catalogued code whose title comes from the table', () => {
  const codes = operatorDefects.map((d) => d.code);
  assert.equal(new Set(codes).size, codes.length);
  for (const d of operatorDefects) {
    assert.is(codeInfo(d.code)?.title, d.title);
    assert.ok(d.cite.length > 0);
  }
});

test('the guide codes RG401–RG413 read their title and hint from the fact table', () => {
  for (const [code, fact] of Object.entries(guideFacts)) {
    assert.is(codeInfo(code)?.title, fact.title);
    assert.is(codeInfo(code)?.hint, fact.hint);
  }
});

test.run();
