/**
 * The gate on hand-built reports (pure): what a trailer matches (code + environment + object, Kind/name
 * when several kinds share a name), that it matches nothing else, and the verdict per --fail-on.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { evaluateGate } from '../../src/gate/evaluate-gate.js';
import { parseAcknowledgements } from '../../src/gate/parse-acknowledgements.js';
import type { CommitRecord } from '../../src/gate/types.js';
import { danger, environment, report, resource } from '../report/synthetic-report.js';

const author = { name: 'Ada Ops', email: 'ada@example.com' };

function commit(sha: string, ...trailers: string[]): CommitRecord {
  const lines = trailers.map((t) => `Rivven-Acknowledge: ${t}\n`).join('');
  return { sha: sha.repeat(40).slice(0, 40), author, trailers: lines, body: `subject\n\n${lines}` };
}

// prod: RG703 on a RivvenTopic "orders" and on a ConfigMap "orders" (same name, two kinds); RG701 on "payments".
const topic = resource({ namespace: 'shop-prod', name: 'orders', action: 'delete', summary: 'orders: removed' });
const configMap = resource({ kind: 'ConfigMap', group: '', namespace: 'shop-prod', name: 'orders', action: 'delete', summary: 'orders: removed' });
const payments = resource({ namespace: 'shop-prod', name: 'payments', action: 'update', summary: 'payments: partitions 3 → 6' });
const devOrders = resource({ namespace: 'shop-dev', name: 'orders', action: 'delete', summary: 'orders: removed' });
const fleet = report([
  environment('dev', 'shop-dev', [devOrders], [danger('RG703', devOrders, 'data deleted', 'error')]),
  environment('prod', 'shop-prod', [configMap, topic, payments], [
    danger('RG703', topic, 'data deleted', 'error'),
    danger('RG703', configMap, 'data deleted', 'error'),
    danger('RG701', payments, 'ordering breaks', 'warning'),
  ]),
]);

function gate(failOn: 'never' | 'danger' | 'change', ...commits: CommitRecord[]) {
  const { acknowledgements, problems } = parseAcknowledgements(commits);
  return evaluateGate({ report: fleet, failOn, acknowledgements, problems });
}

const statuses = (g: ReturnType<typeof gate>) => g.dangers.map((d) => `${d.environment}/${d.danger.code}/${d.danger.resource.split('/')[1]}/${d.status}`);

test('nothing acknowledged: every danger blocks, warnings included; the suggested trailer names Kind only where names clash', () => {
  const g = gate('danger');
  assert.is(g.verdict, 'blocked');
  assert.is(g.exitCode, 3);
  assert.equal(g.dangers.map((d) => d.acknowledgeAs), ['RG703 dev/orders', 'RG703 prod/RivvenTopic/orders', 'RG703 prod/ConfigMap/orders', 'RG701 prod/payments']);
  assert.is(gate('never').verdict, 'pass');
});

test('a name shared by two kinds is ambiguous (RG723) and acknowledges neither; Kind/name picks one', () => {
  const ambiguous = gate('danger', commit('a', 'RG703 prod/orders both?'));
  assert.equal(ambiguous.problems.map((p) => p.code), ['RG723']);
  assert.match(ambiguous.problems[0]?.message ?? '', /Name one as prod\/ConfigMap\/orders or prod\/RivvenTopic\/orders/);
  assert.ok(ambiguous.dangers.every((d) => d.status === 'blocking'));
  const precise = gate('danger', commit('b', 'RG703 prod/rivventopic/orders the topic goes, its data too'));
  assert.equal(statuses(precise), ['dev/RG703/RivvenTopic/blocking', 'prod/RG703/RivvenTopic/acknowledged', 'prod/RG703/ConfigMap/blocking', 'prod/RG701/RivvenTopic/blocking']);
  assert.equal(precise.problems, []);
});

test('an acknowledgement never reaches another environment, code or object; the oldest acknowledgement is shown', () => {
  const g = gate(
    'danger',
    commit('c', 'RG703 dev/orders dev data is disposable', 'RG701 prod/payments ordering per key is not needed'),
    commit('d', 'RG701 prod/payments said again later'),
    commit('e', 'RG701 prod/orders wrong object'),
  );
  assert.equal(statuses(g), ['dev/RG703/RivvenTopic/acknowledged', 'prod/RG703/RivvenTopic/blocking', 'prod/RG703/ConfigMap/blocking', 'prod/RG701/RivvenTopic/acknowledged']);
  assert.is(g.dangers[3]?.acknowledgement?.reason, 'ordering per key is not needed');
  assert.is(g.dangers[3]?.acknowledgement?.commit, 'c'.repeat(40));
  assert.equal(g.acknowledgements.map((a) => a.matched), [1, 1, 1, 0]);
  assert.equal(g.problems.map((p) => [p.code, p.path]), [['RG722', 'prod/orders']]);
  assert.is(g.verdict, 'blocked');
});

test('verdicts: all acknowledged passes --fail-on danger and is a change for --fail-on change; an environment in error is exit 1', () => {
  const all = [commit('f', 'RG703 dev/orders ok', 'RG703 prod/RivvenTopic/orders ok', 'RG703 prod/ConfigMap/orders ok', 'RG701 prod/payments ok')];
  assert.equal([gate('danger', ...all).verdict, gate('danger', ...all).exitCode], ['pass', 0]);
  assert.equal([gate('change', ...all).verdict, gate('change', ...all).exitCode], ['changes', 2]);
  const failed = { ...fleet, environments: [...fleet.environments, { ...environment('stage', 'shop-stage', []), status: 'error' as const }] };
  const g = evaluateGate({ report: failed, failOn: 'never', acknowledgements: [] });
  assert.equal([g.verdict, g.exitCode], ['error', 1]);
});

test('trailer grammar: code, environment/object and a reason; the key is read without regard to case', () => {
  const { acknowledgements, problems } = parseAcknowledgements([
    { sha: 'f'.repeat(40), author, trailers: 'rivven-acknowledge: RG701 prod/payments   spaced   out  \nReviewed-by: someone\nRivven-Acknowledge: RG701 prod/a/b/c too deep\nRivven-Acknowledge:\n', body: '' },
  ]);
  assert.equal(acknowledgements.map((a) => [a.code, a.environment, a.kind, a.name, a.reason]), [['RG701', 'prod', undefined, 'payments', 'spaced out']]);
  assert.equal(problems.map((p) => p.code), ['RG721', 'RG721']);
});

test.run();
