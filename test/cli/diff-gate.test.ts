/**
 * The gate for dangerous changes end to end (docs/danger-gate.md), on a temp git repository: a base
 * commit with the fleet built, then a "pull request" of two commits over it. Lowering partitions fails
 * `--fail-on danger` with exit 3 and a JSON verdict; a `Rivven-Acknowledge:` trailer in one of the
 * commits lets it pass, and the comment shows who acknowledged it, in which commit and why. A trailer
 * for another object, a malformed one and one outside the trailer block acknowledge nothing and say so.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../support/run-cli.js';
import type { DiffJsonV1 } from '../../src/report/diff-json.js';
import { fixturesDir } from '../diff/fixtures.js';

const created: string[] = [];
test.after(() => {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});


function git(root: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=dev@example.com', '-c', 'user.name=Dana Dev', '-c', 'commit.gpgsign=false', ...args], { cwd: root, encoding: 'utf8' }).trim();
}

const prodFile = 'environments/prod.ts';

/** The fleet built and committed on `main`, tagged `base`; a trailer in the base itself must never count. */
async function baseRepo(): Promise<string> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rivven-gate-'));
  created.push(root);
  fs.cpSync(path.join(fixturesDir, 'fleet'), root, { recursive: true });
  git(root, 'init', '-q', '-b', 'main');
  const build = await runCli(['build', '--no-typecheck'], root);
  assert.is(build.code, 0, build.stderr);
  git(root, 'add', '.');
  git(root, 'commit', '-q', '-m', 'fleet, built', '-m', 'Rivven-Acknowledge: RG700 prod/orders an old acknowledgement that must not carry over');
  git(root, 'tag', 'base');
  return root;
}

const root = await baseRepo();

interface PrCommit {
  readonly edit?: (text: string) => string;
  readonly message: readonly string[];
}

/** A branch from `base` with these commits (each edits environments/prod.ts, then commits). */
function pullRequest(name: string, commits: readonly PrCommit[]): void {
  git(root, 'checkout', '-q', '-B', name, 'base');
  for (const c of commits) {
    const file = path.join(root, prodFile);
    if (c.edit) fs.writeFileSync(file, c.edit(fs.readFileSync(file, 'utf8')));
    git(root, 'commit', '-q', '--allow-empty', '-a', ...c.message.flatMap((m) => ['-m', m]));
  }
}

const lowerPartitions = (t: string) => t.replace('orders: { partitions: 24 }', 'orders: { partitions: 12 }');
const addTopic = (t: string) => t.replace('orders: { partitions: 24 },', "orders: { partitions: 24 },\n    audit: { partitions: 3, replicationFactor: 3, minInsyncReplicas: 2, retentionBytes: '1Gi' },");

async function gateJson(failOn: string): Promise<{ code: number; report: DiffJsonV1; stderr: string }> {
  const { code, stdout, stderr } = await runCli(['diff', '--against', 'git:base', '--env', 'prod', '--format', 'json', '--fail-on', failOn], root);
  return { code, report: JSON.parse(stdout) as DiffJsonV1, stderr };
}

function prodDangers(report: DiffJsonV1) {
  return report.environments.find((e) => e.name === 'prod')?.dangers ?? [];
}

test('a pull request that lowers partitions fails --fail-on danger with exit 3 and a blocked verdict', async () => {
  pullRequest('lower', [{ edit: lowerPartitions, message: ['orders: fewer partitions'] }, { message: ['follow-up'] }]);
  const { code, report, stderr } = await gateJson('danger');
  assert.is(code, 3, stderr);
  assert.equal(report.gate && [report.gate.failOn, report.gate.verdict, report.gate.exitCode, report.gate.dangers], ['danger', 'blocked', 3, { blocking: 1, acknowledged: 0 }]);
  assert.is(report.gate?.acknowledgeFrom, 'git:base..HEAD');
  // The base commit's trailer is outside the range: it acknowledges nothing here.
  assert.equal(report.gate?.acknowledgements, []);
  assert.equal(prodDangers(report).map((d) => [d.code, d.status, d.acknowledgement, d.acknowledgeAs]), [['RG700', 'blocking', null, 'RG700 prod/orders']]);
  assert.match(stderr, /error RG720 RG700 in prod is not acknowledged: .*Rivven-Acknowledge: RG700 prod\/orders <reason>/);
  assert.match(stderr, /✘ gate \(--fail-on danger\): 1 dangerous change is not acknowledged \(exit 3\)/);

  const text = await runCli(['diff', '--against', 'git:base', '--env', 'prod', '--fail-on', 'danger'], root);
  assert.is(text.code, 3);
  assert.match(text.stdout, /blocking: not acknowledged \(trailer: Rivven-Acknowledge: RG700 prod\/orders <reason>\)/);
  assert.match(text.stdout, /gate \(--fail-on danger\): blocked \(exit 3\): 1 blocking, 0 acknowledged; acknowledgements from git:base\.\.HEAD/);

  const markdown = await runCli(['diff', '--against', 'git:base', '--format', 'markdown', '--fail-on', 'danger'], root);
  assert.is(markdown.code, 3);
  // The comment is still written when the gate fails: CI posts it, then fails the job.
  assert.match(markdown.stdout, /^## rivven-gitops diff — ⛔ blocked: 1 dangerous change not acknowledged$/m);
  assert.match(markdown.stdout, /### ⛔ prod — 1 change, ⚠ dangerous: 1 blocking/);
  assert.match(markdown.stdout, /⛔ \*\*blocking\*\*: not acknowledged — to accept it, add `Rivven-Acknowledge: RG700 prod\/orders <reason>`/);

  // The default, --fail-on change: an unacknowledged danger is 3 too (not the 2 of a harmless change).
  assert.is((await gateJson('change')).code, 3);
  assert.is((await gateJson('never')).code, 0);
});

test('an acknowledgement trailer in one of the commits lets it pass, and the comment names who, where and why', async () => {
  pullRequest('lower-acked', [
    { edit: lowerPartitions, message: ['orders: fewer partitions'] },
    { message: ['acknowledge the partition decrease', 'Rivven-Acknowledge: RG700 prod/orders the topic is recreated empty by the data team (TICKET-42)'] },
  ]);
  const sha = git(root, 'rev-parse', 'HEAD');
  const { code, report, stderr } = await gateJson('danger');
  assert.is(code, 0, stderr);
  assert.equal(report.gate && [report.gate.verdict, report.gate.exitCode, report.gate.dangers], ['pass', 0, { blocking: 0, acknowledged: 1 }]);
  const [danger] = prodDangers(report);
  assert.is(danger?.status, 'acknowledged');
  assert.equal(danger?.acknowledgement, {
    trailer: 'RG700 prod/orders the topic is recreated empty by the data team (TICKET-42)',
    code: 'RG700',
    environment: 'prod',
    kind: null,
    name: 'orders',
    reason: 'the topic is recreated empty by the data team (TICKET-42)',
    commit: sha,
    author: { name: 'Dana Dev', email: 'dev@example.com' },
  });
  assert.equal(report.gate?.acknowledgements.map((a) => [a.commit, a.matched]), [[sha, 1]]);
  assert.equal(report.gate?.problems, []);

  const markdown = await runCli(['diff', '--against', 'git:base', '--format', 'markdown', '--fail-on', 'danger'], root);
  assert.is(markdown.code, 0, markdown.stderr);
  assert.match(markdown.stdout, /^## rivven-gitops diff — ✅ 1 dangerous change acknowledged$/m);
  assert.match(markdown.stdout, new RegExp(`✅ \\*\\*acknowledged\\*\\* by Dana Dev in \`${sha.slice(0, 7)}\`: the topic is recreated empty by the data team \\(TICKET-42\\)`));
  assert.match(markdown.stdout, /gate `--fail-on danger`: \*\*pass\*\*, acknowledgements from `base\.\.HEAD`/);
  // Acknowledged, it is still a change: --fail-on change exits 2.
  assert.is((await gateJson('change')).code, 2);
});

test('a harmless change passes --fail-on danger (exit 0) and is a change for --fail-on change (exit 2)', async () => {
  pullRequest('harmless', [{ edit: addTopic, message: ['an audit topic'] }, { message: ['docs'] }]);
  const danger = await gateJson('danger');
  assert.is(danger.code, 0, danger.stderr);
  assert.equal(danger.report.gate && [danger.report.gate.verdict, danger.report.gate.dangers], ['pass', { blocking: 0, acknowledged: 0 }]);
  assert.is(danger.report.environments[0]?.counts.create, 1);
  const change = await gateJson('change');
  assert.is(change.code, 2);
  assert.is(change.report.gate?.verdict, 'changes');
});

test('a trailer for another object acknowledges nothing, and says so', async () => {
  pullRequest('other-object', [
    { edit: lowerPartitions, message: ['orders: fewer partitions', 'Rivven-Acknowledge: RG700 prod/payments not this one'] },
    { message: ['again', 'Rivven-Acknowledge: RG700 dev/orders wrong environment'] },
  ]);
  const { code, report } = await gateJson('danger');
  assert.is(code, 3);
  assert.equal(prodDangers(report).map((d) => d.status), ['blocking']);
  assert.equal(report.gate?.problems.map((p) => [p.code, p.severity, p.path]), [
    ['RG722', 'warning', 'prod/payments'],
    ['RG722', 'warning', 'dev/orders'],
  ]);
  assert.match(report.gate?.problems[0]?.message ?? '', /"RG700 prod\/payments not this one" \(commit [0-9a-f]{7}, Dana Dev\) matches no dangerous change: the diff has no RG700 on prod\/payments\./);
  const markdown = await runCli(['diff', '--against', 'git:base', '--format', 'markdown', '--fail-on', 'danger'], root);
  assert.match(markdown.stdout, /\*\*Acknowledgements that acknowledge nothing \(2\)\*\*/);
});

test('a malformed trailer and one outside the trailer block are reported, and acknowledge nothing', async () => {
  pullRequest('malformed', [
    { edit: lowerPartitions, message: ['orders: fewer partitions', 'Rivven-Acknowledge: RG700 prod/orders'] },
    { message: ['second', 'Rivven-Acknowledge: RG999 prod/orders a reason\nRivven-Acknowledge: RG700 orders a reason'] },
    { message: ['third', 'Rivven-Acknowledge: RG700 prod/orders a reason\n\nSigned-off-by: Dana Dev <dev@example.com>'] },
  ]);
  const { code, report, stderr } = await gateJson('danger');
  assert.is(code, 3);
  assert.equal(report.gate?.problems.map((p) => p.code), ['RG721', 'RG721', 'RG721', 'RG725']);
  const messages = report.gate?.problems.map((p) => p.message).join('\n') ?? '';
  assert.match(messages, /"Rivven-Acknowledge: RG700 prod\/orders" in commit [0-9a-f]{7} \(Dana Dev\) acknowledges nothing: the reason is missing/);
  assert.match(messages, /RG999 is not a dangerous-change code/);
  assert.match(messages, /"orders" is not <environment>\/<name> or <environment>\/<Kind>\/<name>/);
  assert.match(messages, /is not in the message's trailer block/);
  // The CI log (stderr) shows them too, for JSON and Markdown output.
  assert.match(stderr, /warning RG721/);
  assert.match(stderr, /warning RG725/);
});

test('--acknowledge-from picks the range; a range that cannot be read is RG724; bad flags are usage errors', async () => {
  pullRequest('explicit-range', [
    { edit: lowerPartitions, message: ['orders: fewer partitions', 'Rivven-Acknowledge: RG700 prod/orders intended'] },
    { message: ['later'] },
  ]);
  // Only the last commit: the acknowledgement is outside the range given.
  const narrow = await runCli(['diff', '--against', 'git:base', '--env', 'prod', '--format', 'json', '--fail-on', 'danger', '--acknowledge-from', 'git:HEAD~1..HEAD'], root);
  assert.is(narrow.code, 3);
  const wide = await runCli(['diff', '--against', 'git:base', '--env', 'prod', '--fail-on', 'danger', '--acknowledge-from', 'git:base..HEAD'], root);
  assert.is(wide.code, 0, wide.stdout + wide.stderr);
  const missing = await runCli(['diff', '--against', 'git:base', '--env', 'prod', '--acknowledge-from', 'git:no-such-ref..HEAD'], root);
  assert.is(missing.code, 1);
  assert.match(missing.stderr, /error RG724 The commits no-such-ref\.\.HEAD cannot be read/);
  const badRange = await runCli(['diff', '--against', 'git:base', '--acknowledge-from', 'base...HEAD'], root);
  assert.is(badRange.code, 1);
  assert.match(badRange.stderr, /--acknowledge-from must be git:BASE\.\.HEAD/);
  const badFailOn = await runCli(['diff', '--against', 'git:base', '--fail-on', 'always'], root);
  assert.is(badFailOn.code, 1);
  assert.match(badFailOn.stderr, /--fail-on must be never, danger or change, not "always"/);
});

test.run();
