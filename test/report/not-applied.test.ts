import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderDiffMarkdown } from '../../src/report/diff-markdown.js';
import { renderDiffText } from '../../src/report/diff-text.js';
import { renderDiffJson } from '../../src/report/diff-json.js';
import { createStyle } from '../../src/report/style.js';
import { reportEnvironment } from '../../src/diff/environment-report.js';
import type { DiffReport } from '../../src/diff/types.js';
import { resolvedEnvironment } from '../support/resolved.js';

const env = resolvedEnvironment({
  project: 'rivven',
  target: 'manifests',
  cluster: { name: 'main', replicas: 3 },
  topics: { orders: { retention: '3d', cleanupPolicy: 'compact', deleteOnRemove: false }, plain: { deleteOnRemove: false, replicationFactor: 3, minInsyncReplicas: 2 } },
}, 'prod');

function report(): DiffReport {
  const diff = { name: 'prod', namespace: 'rivven-prod', changes: [], unchanged: 4, ignored: [] };
  return { against: 'git:HEAD', environments: [reportEnvironment(diff, env)], problems: [] };
}

test('topic settings 0.0.22 cannot apply appear in the PR comment, even with no changes', () => {
  const markdown = renderDiffMarkdown(report());
  assert.match(markdown, /Not applied by Rivven 0\.0\.22 \(1\)/);
  assert.match(markdown, /RG425/);
  assert.match(markdown, /orders/);
  assert.match(markdown, /cleanupPolicy compact/);
  assert.not.match(markdown, /"plain"/);
});

test('and in the text and JSON diff', () => {
  assert.match(renderDiffText(report(), createStyle(false)), /Not applied by Rivven 0\.0\.22[\s\S]*RG425/);
  const json = JSON.parse(renderDiffJson(report())) as { environments: { notApplied: { code: string }[] }[] };
  assert.equal(json.environments[0]?.notApplied.map((f) => f.code), ['RG425']);
});

test.run();
