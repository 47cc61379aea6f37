/** checkFleet: profiles, suppressions, one finding per problem shared by environments, listRules. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkFleet } from '../../src/check/check-fleet.js';
import { listRules } from '../../src/check/list-rules.js';
import { catalog, codeInfo } from '../../src/errors/catalog.js';
import { resolveFleet } from '../../src/resolve/resolve-environment.js';
import { loadedProject } from '../resolve/support/loaded.js';
import { fixture, productionBase, renderEnvironment, type Fixture } from './support.js';

function check(f: Fixture, environments?: string[]) {
  const render = { environments: f.fleet.environments.map((env) => ({ name: env.name, objects: renderEnvironment(env) })) };
  return checkFleet(f.fleet, render, environments === undefined ? {} : { environments });
}

function summary(f: Fixture, environments?: string[]): string[] {
  return check(f, environments).map((x) => `${x.severity} ${x.code} ${x.path}`);
}

test('the profile decides the severity, and development skips what it does not need', () => {
  const noTls = { cluster: { tls: null } };
  const f = fixture({ dev: { ...noTls, profile: 'development' }, prod: noTls, staging: { ...noTls, profile: 'staging' } });
  const found = check(f).filter((x) => x.code === 'RG805');
  assert.equal(
    found.map((x) => [x.severity, x.message.replace(/.*\(/, '(')]),
    [
      ['error', '(environment prod)'],
      ['warning', '(environment staging)'],
    ],
  );
});

test('a problem set in the base reads once, naming every environment of the same severity', () => {
  const base = { ...productionBase, topics: { orders: { ...productionBase.topics.orders, minInsyncReplicas: 1 } } };
  const f = fixture({ prod: {}, 'prod-eu': {} }, base);
  const found = check(f).filter((x) => x.code === 'RG831');
  assert.is(found.length, 1);
  assert.match(found[0]?.message ?? '', /\(environments prod, prod-eu\)$/);
  assert.equal(found[0]?.loc?.file, 'rivven.config.ts');
});

test('--env reports only the environments asked for, still comparing with the others', () => {
  const f = fixture({ prod: { cluster: { replicas: 3 } }, staging: { profile: 'staging', cluster: { replicas: 5, tls: null } } });
  assert.equal(summary(f, ['prod']), ['error RG840 cluster.replicas']);
});

test('a suppressed finding stays, as info, with its reason', () => {
  const f = fixture({ prod: { cluster: { storage: { storageClassName: null } }, checks: { suppress: { RG804: 'on-prem: the default class is the only class' } } } });
  const found = check(f);
  assert.equal(found.map((x) => `${x.severity} ${x.code}`), ['info RG804']);
  assert.match(found[0]?.message ?? '', /default StorageClass.*\(environment prod\) \(suppressed: on-prem: the default class is the only class\)$/);
});

test('a suppression applies only in the environment that writes it', () => {
  const noClass = { cluster: { storage: { storageClassName: null } } };
  const f = fixture({ prod: { ...noClass, checks: { suppress: { RG804: 'single class' } } }, 'prod-eu': noClass });
  assert.equal(summary(f), ['error RG804 cluster.storage.storageClassName', 'info RG804 cluster.storage.storageClassName']);
});

test('suppressing a code that is no policy rule is an error at that line', () => {
  const f = fixture({ prod: { checks: { suppress: { RG899: 'typo', RG301: 'not allowed' } } } });
  const found = check(f);
  // In file order: RG899 is written first.
  assert.equal(found.map((x) => `${x.severity} ${x.code} ${x.path}`), ['error RG890 checks.suppress.RG899', 'error RG890 checks.suppress.RG301']);
  assert.equal(found[0]?.loc, f.envPos('checks', 'suppress', 'RG899'));
  assert.match(found[0]?.message ?? '', /names RG899, which is no rule: the suppression has no effect/);
  assert.match(found[1]?.message ?? '', /"Replication factor exceeds brokers", which is not a policy rule/);
});

test('a suppression without a reason does not resolve: the schema requires one', () => {
  for (const reason of ['', '   ']) {
    const project = loadedProject(productionBase, { prod: { checks: { suppress: { RG804: reason } } } });
    const { fleet, findings } = resolveFleet(project);
    assert.is(fleet.environments.length, 0);
    assert.equal(
      findings.map((x) => [x.code, x.severity, x.path, x.loc?.file]),
      [['RG208', 'error', 'checks.suppress.RG804', 'environments/prod.ts']],
    );
    assert.match(findings[0]?.message ?? '', /A suppression needs a reason/);
  }
});

test('listRules lists every policy code of the catalog (RG8xx, and RG531) with a rationale and a severity per profile', () => {
  const rules = listRules();
  const catalogued = Object.keys(catalog).filter((c) => c.startsWith('RG8') || c === 'RG531').sort();
  assert.equal(rules.map((r) => r.code).sort(), catalogued);
  for (const r of rules) {
    assert.ok(r.rationale.length > 40, r.code);
    assert.equal(Object.keys(r.severity).sort(), ['development', 'production', 'staging'], r.code);
    assert.is(r.title, codeInfo(r.code)?.title);
  }
  assert.is(rules.find((r) => r.code === 'RG890')?.suppressible, false);
});

test.run();
