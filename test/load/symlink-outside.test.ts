/**
 * Config files are code from a pull request: a symbolic link among them that leads outside the project
 * (to /etc/passwd, a home directory, a secret) is refused by name and never read, so no line of its
 * target can reach a type error, a code frame or a CI log. Links that stay inside the project work.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadProject } from '../../src/load/load-project.js';
import { findProjectFiles } from '../../src/load/find-files.js';
import { baseConfig, loadFailure, removeProjects, summarize, writeProject } from './support/temp-project.js';

const secret = 'root:x:0:0:SECRET-LINE-7f3a:/root:/bin/bash';
const outsideDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rivven-outside-'));
const outsideFile = path.join(outsideDir, 'passwd');
fs.writeFileSync(outsideFile, `${secret}\ndaemon:x:1:1:SECRET-LINE-2:/usr/sbin\n`);
fs.writeFileSync(path.join(outsideDir, 'common.ts'), "export const namespace = 'SECRET-LINE-ts';\n");

test.after(() => {
  removeProjects();
  fs.rmSync(outsideDir, { recursive: true, force: true });
});

const everything = (findings: readonly { message: string; hint?: string }[]): string => findings.map((f) => `${f.message} ${f.hint ?? ''}`).join('\n');

test('an environment file linking outside the project is RG113, not type-checked, and its lines are never echoed', async () => {
  const root = writeProject({ 'rivven.config.ts': baseConfig, 'environments/dev.ts': 'export default {};\n' });
  fs.symlinkSync(outsideFile, path.join(root, 'environments/evil.ts'));
  for (const typecheck of [true, false]) {
    const findings = await loadFailure({ root, typecheck });
    assert.equal(summarize(findings), ['RG113 environments/evil.ts']);
    assert.match(findings[0]?.message ?? '', `environments/evil.ts is a symbolic link to ${fs.realpathSync(outsideFile)}`);
    assert.not.match(everything(findings), 'SECRET-LINE');
  }
});

test('rivven.config.ts linking outside the project is RG113 and stops loading', async () => {
  const root = writeProject({ 'environments/dev.ts': 'export default {};\n' });
  fs.symlinkSync(outsideFile, path.join(root, 'rivven.config.ts'));
  const findings = await loadFailure({ root });
  assert.equal(summarize(findings), ['RG113 rivven.config.ts']);
  assert.not.match(everything(findings), 'SECRET-LINE');
});

test('a directory linked into environments/ from outside the project contributes no environment', async () => {
  const root = writeProject({ 'rivven.config.ts': baseConfig, 'environments/dev.ts': 'export default {};\n' });
  fs.symlinkSync(outsideDir, path.join(root, 'environments/common'));
  const files = await findProjectFiles(root);
  assert.equal(files.environments.map((e) => e.name), ['dev']);
  assert.equal(summarize(files.findings), ['RG113 environments/common/common.ts']);
});

test('a helper imported through a link leading outside is RG113 at the import, with or without the type-check', async () => {
  const root = writeProject({
    'rivven.config.ts': baseConfig,
    'environments/dev.ts': "import { namespace } from './_common';\n\nexport default { namespace };\n",
  });
  fs.symlinkSync(path.join(outsideDir, 'common.ts'), path.join(root, 'environments/_common.ts'));
  const checked = await loadFailure({ root });
  assert.equal(summarize(checked), ['RG113 environments/dev.ts:1:27']);
  const run = await loadFailure({ root, typecheck: false });
  assert.equal(summarize(run), ['RG113 environments/dev.ts:1:1']);
  assert.match(run[0]?.message ?? '', 'environments/_common.ts is a symbolic link to');
  assert.not.match(everything([...checked, ...run]), 'SECRET-LINE');
});

test('links that stay inside the project load as before', async () => {
  const root = writeProject({
    'rivven.config.ts': baseConfig,
    'common/prod.ts': "export default { namespace: 'shop-prod' };\n",
    'common/helper.ts': "export const namespace = 'shop-dev';\n",
    'environments/dev.ts': "import { namespace } from './_helper';\n\nexport default { namespace };\n",
  });
  fs.symlinkSync(path.join(root, 'common/prod.ts'), path.join(root, 'environments/prod.ts'));
  fs.symlinkSync('../common/helper.ts', path.join(root, 'environments/_helper.ts'));
  const { project } = await loadProject({ root });
  assert.equal(project.environments.map((e) => [e.name, e.value]), [
    ['dev', { namespace: 'shop-dev' }],
    ['prod', { namespace: 'shop-prod' }],
  ]);
});

test.run();
