/**
 * docs/reference.md is generated from the zod model and its JSDoc (scripts/reference.ts); a model change
 * without regenerating it fails here. UPDATE=1 rewrites it (then read the diff).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import { referenceFile, renderReference } from '../../scripts/reference.js';

const generated = renderReference();

test('docs/reference.md is what the model generates', () => {
  if (process.env['UPDATE'] === '1') fs.writeFileSync(referenceFile, generated);
  assert.ok(fs.readFileSync(referenceFile, 'utf8') === generated, 'docs/reference.md is stale: run `node --import tsx scripts/reference.ts` and commit it');
});

test('every field has its type, and the units, ranges, defaults and targets a user looks for', () => {
  const row = (field: string): string => generated.split('\n').find((line) => line.startsWith(`| \`${field}\` |`)) ?? '';
  assert.match(row('topics.<name>.partitions'), /\| integer \|  \| 1–10000 \| `3` \| RivvenTopic `spec.partitions` \| Partitions/);
  assert.match(row('topics.<name>.retention'), /duration: '30s', '12h', '7d'/);
  assert.match(row('cluster.storage.size'), /Kubernetes quantity/);
  assert.match(row('cluster.replicas'), /RivvenCluster `spec.replicas`/);
  assert.match(row('cluster.imagePullPolicy'), /"Always" \\\| "IfNotPresent" \\\| "Never"/);
  assert.match(row('crdSchemas'), /patched operator/);
  const rows = generated.split('\n').filter((line) => line.startsWith('| `'));
  assert.ok(rows.length > 300, `${rows.length} fields`);
  assert.ok(rows.every((line) => !/^\| `[^`]+` \|\s*\|/.test(line)), 'a field without a type');
});

test.run();
