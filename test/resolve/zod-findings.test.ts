import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { z } from 'zod';
import type { Finding } from '../../src/errors/diagnostic.js';
import { resolveEnvironment } from '../../src/resolve/resolve-environment.js';
import { findingsFromZodIssues } from '../../src/resolve/zod-findings.js';
import { loadedProject, positionIn } from './support/loaded.js';

/** Resolves `env` over a small valid base and returns the findings. */
function findingsFor(env: unknown, base: unknown = { cluster: { replicas: 3 } }): { findings: Finding[]; project: ReturnType<typeof loadedProject> } {
  const project = loadedProject(base, { prod: env });
  return { findings: resolveEnvironment(project, 'prod').findings, project };
}
const prodOf = (project: ReturnType<typeof loadedProject>) => {
  const prod = project.environments[0];
  if (prod === undefined) throw new Error('no prod');
  return prod;
};

test('a misspelt field is RG202 at the exact position of the key, with "did you mean"', () => {
  const { findings, project } = findingsFor({ cluster: { replcas: 5 } });
  assert.is(findings.length, 1);
  const [f] = findings;
  assert.is(f?.code, 'RG202');
  assert.is(f?.severity, 'error');
  assert.is(f?.path, 'cluster.replcas');
  assert.equal(f?.loc, positionIn(prodOf(project), ['cluster', 'replcas']));
  assert.is(f?.hint, 'Did you mean "replicas"?');
  assert.match(f?.message ?? '', /cluster has no field "replcas"/);
});

test('several unknown keys give one finding each, at each key', () => {
  const { findings, project } = findingsFor({ cluster: { replcas: 5, storge: {} }, topcs: {} });
  const prod = prodOf(project);
  const byPath = (a: unknown[], b: unknown[]) => String(a[1]).localeCompare(String(b[1]));
  assert.equal(findings.map((f) => [f.code, f.path, f.loc, f.hint]).sort(byPath), [
    ['RG202', 'cluster.replcas', positionIn(prod, ['cluster', 'replcas']), 'Did you mean "replicas"?'],
    ['RG202', 'cluster.storge', positionIn(prod, ['cluster', 'storge']), 'Did you mean "storage"?'],
    ['RG202', 'topcs', positionIn(prod, ['topcs']), 'Did you mean "topics"?'],
  ]);
});

test('an unknown key with no near match lists the fields the object accepts', () => {
  const { findings } = findingsFor({ cluster: { pdb: { wibble: true } } });
  assert.is(findings[0]?.code, 'RG202');
  assert.is(findings[0]?.hint, 'cluster.pdb accepts: enabled, maxUnavailable, minAvailable.');
});

test('unknown keys inside a named collection are found through the record', () => {
  const { findings } = findingsFor({ topics: { orders: { partiton: 3 } } });
  assert.equal(findings.map((f) => [f.code, f.path, f.hint]), [['RG202', 'topics.orders.partiton', 'Did you mean "partitions"?']]);
});

test('partitions 0 is RG204 at its position, with the allowed range and the value given', () => {
  const { findings, project } = findingsFor({ topics: { orders: { partitions: 0 } } });
  assert.equal(findings.map((f) => [f.code, f.path, f.loc]), [['RG204', 'topics.orders.partitions', positionIn(prodOf(project), ['topics', 'orders', 'partitions'])]]);
  assert.is(findings[0]?.message, 'partitions must be between 1 and 10000, got 0.');
});

test('too big names both ends of the range too', () => {
  const { findings } = findingsFor({ cluster: { replicas: 101 } });
  assert.is(findings[0]?.message, 'replicas must be between 1 and 100, got 101.');
});

test('a string too short says how long it must be', () => {
  const { findings } = findingsFor({ connect: { p: { sources: { s: { connector: '', topic: 't' } } } } });
  assert.equal(findings.map((f) => [f.code, f.path, f.message]), [['RG204', 'connect.p.sources.s.connector', 'connector must be at least 1 character long, got 0 characters ("").']]);
});

test('a value of the wrong type is RG203, saying what was expected and what was given', () => {
  const { findings } = findingsFor({ cluster: { replicas: '5' } });
  assert.equal(findings.map((f) => [f.code, f.path, f.message]), [['RG203', 'cluster.replicas', 'replicas must be a number, got "5".']]);
});

test('a fraction where a whole number is needed is RG203', () => {
  const { findings } = findingsFor({ cluster: { replicas: 1.5 } });
  assert.equal(findings.map((f) => [f.code, f.message]), [['RG203', 'replicas must be a whole number, got 1.5.']]);
});

test('a missing required field is RG207, located at the object that lacks it', () => {
  const { findings, project } = findingsFor({ connect: { p: { sources: { s: { connector: 'http' } } } } });
  assert.equal(findings.map((f) => [f.code, f.path, f.loc]), [['RG207', 'connect.p.sources.s.topic', positionIn(prodOf(project), ['connect', 'p', 'sources', 's'])]]);
  assert.is(findings[0]?.message, 'topic is required: expected a string.');
});

test('a missing enum field is RG207 listing the choices', () => {
  const { findings } = findingsFor({ schemaRegistry: { auth: {} } });
  assert.equal(findings.map((f) => [f.code, f.message]), [['RG207', 'method is required: expected one of "basic", "jwt", "cedar".']]);
});

test('a value outside an enum is RG205 listing the allowed values, with a suggestion', () => {
  const { findings } = findingsFor({ topics: { t: { cleanupPolicy: 'compcat' } } });
  assert.equal(findings.map((f) => [f.code, f.path, f.message, f.hint]), [
    ['RG205', 'topics.t.cleanupPolicy', 'cleanupPolicy must be one of "delete", "compact", "delete,compact", got "compcat".', 'Did you mean "compact"?'],
  ]);
});

test('an invalid format is RG206', () => {
  const { findings } = findingsFor({ schemaRegistry: { external: { registryType: 'confluent', confluentUrl: 'registry' } } });
  assert.equal(findings.map((f) => [f.code, f.path]), [['RG206', 'schemaRegistry.external.confluentUrl']]);
  assert.match(findings[0]?.message ?? '', /got "registry"/);
});

test("custom checks carry their own code from the model's params", () => {
  const { findings } = findingsFor({ topics: { t: { retention: '7 days' } }, cluster: { storage: { size: 'big' } } });
  assert.equal(findings.map((f) => [f.code, f.path]).sort(), [
    ['RG308', 'cluster.storage.size'],
    ['RG309', 'topics.t.retention'],
  ]);
  assert.ok(findings.every((f) => f.message.includes('got "')));
});

test('a union of string and number reports the type when neither matches (RG203)', () => {
  const { findings } = findingsFor({ topics: { t: { retention: true } } });
  assert.equal(findings.map((f) => [f.code, f.message]), [['RG203', 'retention must be a string or a number, got true.']]);
});

test('a union reports the one alternative that matched the type (retentionBytes -5 → RG323)', () => {
  const { findings } = findingsFor({ topics: { t: { retentionBytes: -5 } } });
  assert.equal(findings.map((f) => [f.code, f.path]), [['RG323', 'topics.t.retentionBytes']]);
});

test('an invalid record key is reported at the key', () => {
  const { findings, project } = findingsFor({ checks: { suppress: { X1: 'because' } } });
  assert.equal(findings.map((f) => [f.code, f.path, f.loc]), [['RG206', 'checks.suppress.X1', positionIn(prodOf(project), ['checks', 'suppress', 'X1'])]]);
});

test('a problem in the base is located in the base even when the environment touched the parent', () => {
  const { findings, project } = findingsFor({ topics: { t: { retention: '3d' } } }, { topics: { t: { partitions: -1 } } });
  assert.equal(findings.map((f) => [f.code, f.loc]), [['RG204', positionIn(project.base, ['topics', 't', 'partitions'])]]);
});

test('without positions, findings still carry code, path and message', () => {
  const schema = z.strictObject({ n: z.number().min(2).max(4), tags: z.array(z.string()).min(2) });
  const input = { n: 9, tags: ['a'] };
  const result = schema.safeParse(input);
  assert.not.ok(result.success);
  const findings = result.success ? [] : findingsFromZodIssues(result.error.issues, { input, schema, locate: () => undefined });
  assert.equal(
    findings.map((f) => [f.code, f.path, f.message, f.loc]),
    [
      ['RG204', 'n', 'n must be between 2 and 4, got 9.', undefined],
      ['RG204', 'tags', 'tags must be at least 2 items, got 1 item.', undefined],
    ],
  );
});

test('a cron expression with an hour of 25 names the field, its range and the value (RG310)', () => {
  const { findings } = findingsFor({ backup: { schedule: '0 25 * * *', volumeSnapshot: { keep: 3 } } });
  const cron = findings.find((f) => f.code === 'RG310');
  assert.is(cron?.path, 'backup.schedule');
  assert.is(cron?.message, "Invalid cron expression '0 25 * * *': the hour (2nd field) must be 0-23, got 25.");
  assert.not.match(cron?.message ?? '', /five fields/);
});

test('a cron expression with six fields says how many it has and which five are expected (RG310)', () => {
  const { findings } = findingsFor({ backup: { schedule: '0 0 2 * * *', volumeSnapshot: { keep: 3 } } });
  assert.match(
    findings.find((f) => f.code === 'RG310')?.message ?? '',
    "Invalid cron expression '0 0 2 * * *': it has 6 fields, expected 5 (minute hour day-of-month month day-of-week; there is no seconds field).",
  );
});

test('a bare number for a duration out of range says it was read as milliseconds', () => {
  const { findings } = findingsFor({ topics: { orders: { retention: 365 } } });
  const retention = findings.find((f) => f.path === 'topics.orders.retention');
  assert.is(retention?.code, 'RG204');
  assert.match(retention?.message ?? '', 'got 365, a bare number, which means 365 milliseconds');
  assert.match(retention?.hint ?? '', "write the unit, e.g. '365d'");
});

test.run();
