import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildRules, renderEnvironmentRules } from '../../src/render/render-rules.js';
import { locateFinding } from '../../src/validate/define-rule.js';
import { validateEnvironment } from '../../src/validate/validate.js';
import { cleanBase, resolve } from '../validate/rules/support.js';

const manifests = { ...cleanBase, target: 'manifests', cluster: { replicas: 3, auth: { enabled: false }, clusterAuthToken: { secretName: 'rivven-cluster-token', key: 'token' } } };

test('a renderer check names only the config path; as a rule it points at the line that set it', () => {
  const { env, envPos } = resolve({ cluster: { pdb: { minAvailable: 2, maxUnavailable: 1 } } }, manifests);
  const rule = renderEnvironmentRules.find((r) => r.codes.includes('RG511'));
  assert.ok(rule, 'the PDB check is a render rule');
  const [raw] = rule.check(env);
  assert.is(raw?.code, 'RG511');
  assert.is(raw?.loc, undefined);
  const located = raw === undefined ? undefined : locateFinding(rule, env, raw);
  assert.equal(located?.loc, envPos('cluster', 'pdb', 'maxUnavailable'));
});

test('validation alone does not run the renderers’ checks; the build’s rules do, located', () => {
  const { env, envPos } = resolve({ cluster: { pdb: { minAvailable: 2, maxUnavailable: 1 } } }, manifests);
  assert.not.ok(validateEnvironment(env).some((f) => f.code === 'RG511'));
  const found = validateEnvironment(env, buildRules).filter((f) => f.code === 'RG511');
  assert.equal(found.map((f) => [f.severity, f.loc]), [['warning', envPos('cluster', 'pdb', 'maxUnavailable')]]);
});

test('every finding of a rule carries one of the codes the rule declares', () => {
  const overlays = [
    {},
    { cluster: { replicas: 1, pdb: { minAvailable: 2, maxUnavailable: 1 } }, topics: { t: { replicationFactor: 2, partitions: 3 } } },
    { target: 'operator' },
  ];
  for (const overlay of overlays) {
    const { env } = resolve(overlay, manifests);
    for (const rule of buildRules) {
      const findings = rule.scope === 'environment' ? rule.check(env) : rule.check({ environments: [env] });
      for (const f of findings) assert.ok(rule.codes.includes(f.code), `${rule.check.name} reported ${f.code}, not among ${rule.codes.join(', ')}`);
    }
  }
});

test.run();
