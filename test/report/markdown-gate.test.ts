/**
 * The gate's pieces of the PR comment: commit text (author, reason) is someone's input, so it is escaped
 * and clipped; many bad trailers are counted, not listed, when the comment is condensed.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { finding } from '../../src/errors/catalog.js';
import type { GatedDanger } from '../../src/gate/types.js';
import { gateStatusLine, renderGateProblems } from '../../src/report/markdown-gate.js';

const danger = { ...finding('RG700', { path: 'topics.orders.partitions', message: 'fewer partitions' }), resource: 'rivven.hupe1980.github.io/RivvenTopic/shop-prod/orders' };

test('author and reason are escaped (no HTML reaches the comment) and a long reason is clipped', () => {
  const gated: GatedDanger = {
    environment: 'prod',
    danger,
    status: 'acknowledged',
    acknowledgeAs: 'RG700 prod/orders',
    acknowledgement: {
      code: 'RG700',
      environment: 'prod',
      name: 'orders',
      reason: `<img src=x onerror=alert(1)> ${'x'.repeat(2000)}`,
      commit: 'a'.repeat(40),
      author: { name: '<b>Mallory</b>', email: 'm@example.com' },
      trailer: 'RG700 prod/orders …',
    },
  };
  const line = gateStatusLine(gated, true);
  assert.not.match(line, /<img|<b>/);
  assert.match(line, /acknowledged\*\* by .*Mallory.* in `aaaaaaa`: /);
  assert.ok(line.length < 800, `${line.length} characters`);
  assert.ok(line.endsWith('…'));
});

test('a blocking danger says which trailer accepts it; condensed, many bad trailers are counted', () => {
  assert.match(gateStatusLine({ environment: 'prod', danger, status: 'blocking', acknowledgeAs: 'RG700 prod/orders' }, true), /⛔ \*\*blocking\*\*: not acknowledged — to accept it, add `Rivven-Acknowledge: RG700 prod\/orders <reason>`/);
  const problems = Array.from({ length: 40 }, (_, i) => finding('RG722', { severity: 'warning', path: `prod/t${i}`, message: `trailer ${i} matches nothing` }));
  const full = renderGateProblems(problems, true);
  assert.is(full.split('\n').filter((l) => l.startsWith('> - ')).length, 40);
  const condensed = renderGateProblems(problems, false, true);
  assert.is(condensed.split('\n').filter((l) => l.startsWith('> - ')).length, 6);
  assert.match(condensed, /and 35 more \(`diff --format json` lists every one under `gate\.problems`\)/);
  assert.is(renderGateProblems([], true), '');
});

test.run();
