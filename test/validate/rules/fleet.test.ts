import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveFleet } from '../../../src/resolve/resolve-environment.js';
import { checkDuplicateNamespace } from '../../../src/validate/rules/duplicate-namespace.js';
import { loadedProject, positionIn } from '../../resolve/support/loaded.js';
import { cleanBase, summary } from './support.js';

test('RG324 passes when every environment has its own namespace (explicit or derived)', () => {
  const project = loadedProject(cleanBase, { dev: {}, prod: { namespace: 'rivven-production' } });
  assert.equal(checkDuplicateNamespace(resolveFleet(project).fleet), []);
});

test('RG324 fails for two environments in one namespace, once per environment at its namespace', () => {
  const project = loadedProject(cleanBase, { dev: { namespace: 'shared' }, qa: { namespace: 'shared' }, prod: {} });
  const findings = checkDuplicateNamespace(resolveFleet(project).fleet);
  assert.equal(summary(findings), [
    ['RG324', 'error', 'namespace'],
    ['RG324', 'error', 'namespace'],
  ]);
  const dev = project.environments.find((e) => e.name === 'dev');
  assert.ok(dev);
  assert.equal(findings[0]?.loc, positionIn(dev, ['namespace']));
  assert.match(findings[0]?.message ?? '', /"dev" uses namespace "shared", like "qa"/);
});

test.run();
