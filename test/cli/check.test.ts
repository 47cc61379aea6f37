/**
 * `rivven-gitops check` and `rivven-gitops rules`, run in-process on a temp copy of a fixture fleet
 * whose production copied development's single broker and has neither TLS nor NetworkPolicies.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../support/run-cli.js';

const fixture = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/check/weak-prod');
const created: string[] = [];

test.after(() => {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A temp copy of the fixture, with `changes` (relative path → content) written over it. */
function copyFleet(changes: Readonly<Record<string, string>> = {}): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rivven-check-'));
  created.push(root);
  fs.cpSync(fixture, root, { recursive: true });
  for (const [file, content] of Object.entries(changes)) fs.writeFileSync(path.join(root, file), content);
  return root;
}


interface JsonFinding {
  code: string;
  severity: string;
  path: string;
  message: string;
  loc?: { file: string; line: number; column: number };
}

function parseFindings(stdout: string): { ok: boolean; environments: string[]; findings: JsonFinding[] } {
  const parsed: unknown = JSON.parse(stdout);
  if (parsed === null || typeof parsed !== 'object' || !('findings' in parsed) || !Array.isArray(parsed.findings)) throw new Error(`not a findings report: ${stdout}`);
  const ok = 'ok' in parsed && parsed.ok === true;
  const environments = 'environments' in parsed && Array.isArray(parsed.environments) ? parsed.environments.map(String) : [];
  return { ok, environments, findings: parsed.findings };
}

const prodFile = fs.readFileSync(path.join(fixture, 'environments/prod.ts'), 'utf8');
/** 1-based line of the first line of environments/prod.ts containing `text`. */
function prodLine(text: string): number {
  const index = prodFile.split('\n').findIndex((l) => l.includes(text));
  if (index < 0) throw new Error(`"${text}" not in prod.ts`);
  return index + 1;
}

test('a production with one broker, no TLS and no NetworkPolicy fails, each code pointing at the line to change', async () => {
  const root = copyFleet();
  const { code, stdout, stderr } = await runCli(['check', '--format', 'json'], root);
  assert.is(code, 1, stderr);
  const report = parseFindings(stdout);
  assert.is(report.ok, false);
  const errors = report.findings.filter((f) => f.severity === 'error');
  const codes = [...new Set(errors.map((f) => f.code))].sort();
  assert.ok(codes.length >= 3, codes.join(' '));
  for (const f of errors) {
    assert.ok(f.loc !== undefined && ['environments/prod.ts', 'rivven.config.ts'].includes(f.loc.file), `${f.code} at ${JSON.stringify(f.loc)}`);
    assert.match(f.message, /\(environment prod\)$/);
  }
  const at = (c: string) => errors.filter((f) => f.code === c).map((f) => `${f.loc?.file}:${f.loc?.line}`);
  assert.equal(at('RG801'), [`environments/prod.ts:${prodLine('replicas: 1')}`]);
  // No TLS block anywhere: the cluster block production writes.
  assert.equal(at('RG805'), [`environments/prod.ts:${prodLine('cluster: {')}`]);
  // No networkPolicy anywhere: the profile that asks for one.
  assert.equal(at('RG806'), [`environments/prod.ts:${prodLine("profile: 'production'")}`]);
  assert.ok(codes.includes('RG840') && codes.includes('RG830') && codes.includes('RG831'), codes.join(' '));
});

test('the text report shows each finding with a code frame and ends with the verdict on stderr', async () => {
  const root = copyFleet();
  const { code, stdout, stderr } = await runCli(['check', '--no-typecheck'], root);
  assert.is(code, 1);
  assert.is(stdout, '');
  assert.match(stderr, `environments/prod.ts:${prodLine('replicas: 1')}:5 error RG801 The cluster runs 1 broker`);
  assert.match(stderr, `> ${prodLine('replicas: 1')} |     replicas: 1,`);
  assert.match(stderr, /✘ check failed \(prod, staging\): 7 errors, 0 warnings\n$/);
});

test('--env selects what is reported; staging alone passes', async () => {
  const root = copyFleet();
  const staging = await runCli(['check', '--env', 'staging', '--no-typecheck'], root);
  assert.is(staging.code, 0, staging.stderr);
  assert.match(staging.stdout, /✔ check passed \(staging\): 0 errors, 0 warnings/);
  const unknown = await runCli(['check', '--env', 'qa', '--no-typecheck'], root);
  assert.is(unknown.code, 1);
  assert.match(unknown.stderr, /error RG901 no environment "qa": the fleet has prod, staging/);
});

test('a suppression with a reason turns its finding into info, shown with the reason', async () => {
  const root = copyFleet({ 'environments/prod.ts': prodFile.replace("profile: 'production',", "profile: 'production',\n  checks: { suppress: { RG806: 'policies come from the platform team' } },") });
  const { findings } = parseFindings((await runCli(['check', '--format', 'json', '--no-typecheck'], root)).stdout);
  const rg806 = findings.filter((f) => f.code === 'RG806');
  assert.equal(rg806.map((f) => f.severity), ['info']);
  assert.match(rg806[0]?.message ?? '', /\(suppressed: policies come from the platform team\)$/);
});

test('a suppression without a reason is refused before anything is checked', async () => {
  const root = copyFleet({ 'environments/prod.ts': prodFile.replace("profile: 'production',", "profile: 'production',\n  checks: { suppress: { RG806: '' } },") });
  const { code, stdout } = await runCli(['check', '--format', 'json', '--no-typecheck'], root);
  assert.is(code, 1);
  const report = parseFindings(stdout);
  assert.equal(
    report.findings.map((f) => [f.code, f.path, f.loc?.file, f.loc?.line]),
    [['RG208', 'checks.suppress.RG806', 'environments/prod.ts', prodLine("profile: 'production'") + 1]],
  );
  assert.match(report.findings[0]?.message ?? '', /A suppression needs a reason/);
});

test('a fleet that does not validate is still held to its policy where it resolves, and says so', async () => {
  // RG301 (validation): a topic with more replicas than production's single broker.
  const root = copyFleet({ 'environments/prod.ts': prodFile.replace('topics: {', 'topics: {\n    audit: { replicationFactor: 3 },') });
  const json = await runCli(['check', '--format', 'json', '--no-typecheck'], root);
  assert.is(json.code, 1);
  const report: unknown = JSON.parse(json.stdout);
  assert.ok(report !== null && typeof report === 'object');
  assert.equal('checked' in report ? report.checked : undefined, ['prod', 'staging']);
  assert.equal('unchecked' in report ? report.unchecked : undefined, []);
  const codes = parseFindings(json.stdout).findings.map((f) => f.code);
  assert.ok(codes.includes('RG301'), codes.join(' '));
  // The policy rules the change also breaks.
  assert.ok(codes.includes('RG801'), codes.join(' '));
  const text = await runCli(['check', '--no-typecheck'], root);
  assert.match(text.stderr, /✘ the fleet does not validate; the policy rules were checked anyway \(prod, staging\): \d+ errors/);
});

test('an environment that does not resolve is named as not checked; the others are checked', async () => {
  const root = copyFleet({ 'environments/prod.ts': prodFile.replace('replicas: 1,', 'replicas: 0,') });
  const json = await runCli(['check', '--format', 'json', '--no-typecheck'], root);
  assert.is(json.code, 1);
  const report: unknown = JSON.parse(json.stdout);
  assert.ok(report !== null && typeof report === 'object');
  assert.equal('checked' in report ? report.checked : undefined, ['staging']);
  assert.equal('unchecked' in report ? report.unchecked : undefined, ['prod']);
  const text = await runCli(['check', '--no-typecheck'], root);
  assert.match(text.stderr, /✘ the fleet does not validate; the policy rules were checked for staging only, not for prod: \d+ errors?/);
});

test('a fleet that does not load stops after validation, and says so', async () => {
  const root = copyFleet({ 'environments/prod.ts': "throw new Error('half-edited');\nexport default {};\n" });
  const text = await runCli(['check', '--no-typecheck'], root);
  assert.is(text.code, 1);
  assert.match(text.stderr, /RG103/);
  assert.match(text.stderr, /✘ stopped after validation: the fleet does not load, so no policy rule was checked: 1 error, 0 warnings\n$/);
});

test('rules RG531 shows that rule alone; an unknown code is a coded error naming the known ones', async () => {
  const one = await runCli(['rules', 'RG531'], fixture);
  assert.is(one.code, 0, one.stderr);
  assert.match(one.stdout, /^RG531 {2}Broker HTTP API exposed without authentication\n/);
  assert.not.match(one.stdout, /RG801/);
  const json = await runCli(['rules', 'rg801', 'RG531', '--format', 'json'], fixture);
  const parsed: unknown = JSON.parse(json.stdout);
  const rules = parsed !== null && typeof parsed === 'object' && 'rules' in parsed && Array.isArray(parsed.rules) ? parsed.rules : [];
  assert.equal(rules.map((r: { code: string }) => r.code), ['RG801', 'RG531']);
  const unknown = await runCli(['rules', 'RG999'], fixture);
  assert.is(unknown.code, 1);
  assert.match(unknown.stderr, /error RG901 no policy rule RG999:/);
  assert.is(unknown.stdout, '');
  const validation = await runCli(['rules', 'RG204'], fixture);
  assert.match(validation.stderr, /RG204 .* is a validation error, not a policy rule/);
});

test('rules lists every policy code with its severity per profile', async () => {
  const text = await runCli(['rules'], fixture);
  assert.is(text.code, 0);
  assert.match(text.stdout, /RG801 {2}Fewer than three brokers\n {7}development off · staging warning · production error\n/);
  assert.match(text.stdout, /RG890 {2}Suppression of an unknown rule \(cannot be suppressed\)/);
  const json = await runCli(['rules', '--format', 'json'], fixture);
  const parsed: unknown = JSON.parse(json.stdout);
  const rules = parsed !== null && typeof parsed === 'object' && 'rules' in parsed && Array.isArray(parsed.rules) ? parsed.rules : [];
  assert.ok(rules.length >= 20);
  assert.equal(rules[0], {
    code: 'RG801',
    title: 'Fewer than three brokers',
    rationale: rules[0].rationale,
    hint: rules[0].hint,
    severity: { development: 'off', staging: 'warning', production: 'error' },
    suppressible: true,
  });
});

test.run();
