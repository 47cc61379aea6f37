/**
 * The repository's own fleet (rivven.config.ts + environments/) must pass its checklist: no error
 * findings in any environment. When it does not, the failure lists each finding so the example (not
 * the rule) gets fixed.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkFleet } from '../../src/check/check-fleet.js';
import { compileProject } from '../../src/compile.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

test('the example fleet passes check', async () => {
  const compiled = await compileProject({ root, typecheck: false });
  assert.equal(compiled.fleet.environments.map((e) => [e.name, e.config.profile]), [
    ['dev', 'development'],
    ['prod', 'production'],
    ['staging', 'staging'],
  ]);
  const errors = checkFleet(compiled.fleet, compiled.render).filter((f) => f.severity === 'error');
  assert.equal(
    errors.map((f) => `${f.code} ${f.loc ? `${f.loc.file}:${f.loc.line}` : f.path}: ${f.message}`),
    [],
  );
});

test.run();
