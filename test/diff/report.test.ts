/**
 * The text and JSON reports of a diff, as golden files (test/fixtures/diff/report/; `UPDATE=1 npm test --
 * diff/report` rewrites them, and a reviewer reads that diff): an environment with a dangerous change, a
 * creation and a deletion; an unchanged one; one whose source could not be evaluated.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createStyle } from '../../src/report/style.js';
import { diffEnvironment } from '../../src/diff/diff-environment.js';
import { failedEnvironment, reportEnvironment } from '../../src/diff/environment-report.js';
import type { DiffReport } from '../../src/diff/types.js';
import { finding } from '../../src/errors/catalog.js';
import type { K8sObject } from '../../src/render/k8s-object.js';
import { renderDiffJson, toDiffJson } from '../../src/report/diff-json.js';
import { renderDiffText } from '../../src/report/diff-text.js';
import { fixturesDir, find, mapAt, readObjects } from './fixtures.js';

const rendered = readObjects('unchanged/rendered.yaml');
const live = readObjects('unchanged/live.yaml');

function topic(name: string, partitions: number): K8sObject {
  const copy = structuredClone(find(rendered, 'RivvenTopic', 'orders'));
  copy.metadata.name = name;
  mapAt(copy, 'spec')['partitions'] = partitions;
  return copy;
}

function sampleReport(): DiffReport {
  const prodRendered = [...rendered.filter((o) => o.kind !== 'CronJob').map((o) => (o.kind === 'RivvenTopic' ? topic('orders', 12) : o)), topic('payments', 6)];
  const prod = diffEnvironment({ name: 'prod', namespace: 'shop-prod', rendered: prodRendered, source: { objects: live, deletions: 'tracked' } }, { sourceLabel: 'live' });
  const dev = diffEnvironment({ name: 'dev', namespace: 'shop-dev', rendered: [], source: { objects: [], deletions: 'tracked' } }, { sourceLabel: 'live' });
  return {
    against: 'live',
    problems: [],
    environments: [
      reportEnvironment(dev, undefined),
      reportEnvironment(prod, undefined),
      failedEnvironment('staging', 'shop-staging', [finding('RG731', { path: 'overlays/staging/kustomization.yaml', message: 'overlays/staging/kustomization.yaml: "images" is not evaluated by the git source.' })]),
    ],
  };
}

function golden(name: string, actual: string): void {
  const file = path.join(fixturesDir, 'report', name);
  if (process.env['UPDATE'] === '1') fs.writeFileSync(file, actual);
  assert.fixture(actual, fs.readFileSync(file, 'utf8'));
}

test('text report: status per environment, dangers first, then each resource with its diff', () => {
  golden('report.txt', renderDiffText(sampleReport(), createStyle(false)));
});

test('JSON report: schema version 1, worst status, counts, nulls for absent values', () => {
  const text = renderDiffJson(sampleReport());
  golden('report.json', text);
  const json = toDiffJson(sampleReport());
  assert.is(json.status, 'error');
  assert.equal(json.summary.counts, { create: 1, update: 1, delete: 1, replace: 0, unknown: 0 });
  assert.equal(json.summary.dangers, { error: 1, warning: 0 });
});

test('colours: red removals, green additions, cyan hunks; none without colour', () => {
  const coloured = renderDiffText(sampleReport(), createStyle(true));
  assert.match(coloured, /\u001b\[31m-  partitions: 24\u001b\[39m/);
  assert.match(coloured, /\u001b\[32m\+  partitions: 12\u001b\[39m/);
  assert.match(coloured, /\u001b\[36m@@ /);
  assert.not.match(renderDiffText(sampleReport(), createStyle(false)), /\u001b/);
});

test.run();
