import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveFleet } from '../../src/resolve/resolve-environment.js';
import { validateEnvironment, validateFleet } from '../../src/validate/validate.js';
import { locate } from '../../src/validate/locate.js';
import { loadedProject, positionIn } from '../resolve/support/loaded.js';
import { cleanBase as ruleBase, resolve } from './rules/support.js';

// The rule tests' base targets the operator, whose 0.0.22 defects (RG414–RG422) every full validation
// reports; these tests are about the validation stage, so they run on the target that works.
// Client auth off needs NetworkPolicies guarding the client port (RG430).
const cleanBase = { ...ruleBase, target: 'manifests', cluster: { replicas: 3, auth: { enabled: false }, clusterAuthToken: { secretName: 'rivven-cluster-token', key: 'token' } }, networkPolicy: {} };

test('a clean configuration has no findings', () => {
  assert.equal(validateEnvironment(resolve({}, cleanBase).env), []);
});

test('validateEnvironment runs every rule and names the environment in each message', () => {
  const { env } = resolve({ cluster: { replicas: 1 }, topics: { t: { replicationFactor: 2 } }, backup: { method: 'command', command: { image: 'me/b:1', command: ['x'] } } }, cleanBase, 'qa');
  const findings = validateEnvironment(env);
  assert.equal(findings.map((f) => [f.code, f.severity]), [
    ['RG301', 'error'],
    ['RG328', 'warning'],
    ['RG425', 'warning'],
    ['RG412', 'warning'],
  ]);
  assert.ok(findings.every((f) => f.message.endsWith('(environment qa)')));
});

test('validateFleet reports a problem inherited from the base once, naming every environment', () => {
  const base = { ...cleanBase, cluster: { ...cleanBase.cluster, version: '0.0.21' } };
  const project = loadedProject(base, { dev: {}, prod: {}, staging: { cluster: { version: '0.0.20' } } });
  const findings = validateFleet(resolveFleet(project).fleet);
  // Sorted by file: environments/ before rivven.config.ts.
  assert.equal(findings.map((f) => [f.code, f.loc]), [
    ['RG401', positionIn(project.environments[2] ?? project.base, ['cluster', 'version'])],
    ['RG401', positionIn(project.base, ['cluster', 'version'])],
  ]);
  assert.match(findings[0]?.message ?? '', /\(environment staging\)$/);
  assert.match(findings[1]?.message ?? '', /\(environments dev, prod\)$/);
});

test('validateFleet includes the fleet rules', () => {
  const project = loadedProject(cleanBase, { a: { namespace: 'same' }, b: { namespace: 'same' } });
  assert.equal(validateFleet(resolveFleet(project).fleet).map((f) => f.code), ['RG324', 'RG324']);
});

test('locate prefers the exact value, then the closest ancestor written in a file', () => {
  const { env, envPos, basePos } = resolve({ cluster: { replicas: 1 } }, ruleBase);
  assert.equal(locate(env, ['cluster', 'replicas']), envPos('cluster', 'replicas'));
  assert.equal(locate(env, ['cluster', 'auth', 'enabled']), basePos('cluster', 'auth'));
  assert.equal(locate(env, ['cluster', 'storage', 'size']), envPos('cluster'));
  assert.is(locate(env, ['monitoring']), undefined);
});

test.run();
