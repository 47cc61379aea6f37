import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { environmentNameFromPath, findProjectFiles } from '../../src/load/find-files.js';
import { baseConfig, fixturesDir, loadFailure, removeProjects, summarize, writeProject } from './support/temp-project.js';

test.after(removeProjects);

test('environment names come from the path; subfolders join with "-"', () => {
  assert.is(environmentNameFromPath('environments/prod.ts'), 'prod');
  assert.is(environmentNameFromPath('environments/eu/prod.ts'), 'eu-prod');
  assert.is(environmentNameFromPath('environments/eu/west/prod.ts'), 'eu-west-prod');
});

test('finds the base and every environment, sorted by name, skipping helpers, tests and declarations', async () => {
  const files = await findProjectFiles(path.join(fixturesDir, 'basic'));
  assert.equal(files.findings, []);
  assert.equal(
    files.environments.map((e) => `${e.name}=${e.file}`),
    ['dev=environments/dev.ts', 'eu-prod=environments/eu/prod.ts', 'prod=environments/prod.ts', 'staging=environments/staging.ts'],
  );
  assert.equal(files.allFiles, [
    'rivven.config.ts',
    'environments/dev.ts',
    'environments/eu/prod.ts',
    'environments/prod.ts',
    'environments/staging.ts',
  ]);
});

test('a helper folder starting with "_" is not an environment either', async () => {
  const root = writeProject({
    'rivven.config.ts': baseConfig,
    'environments/dev.ts': 'export default {};\n',
    'environments/_lib/zones.ts': 'export const zones = 3;\n',
  });
  const files = await findProjectFiles(root);
  assert.equal(files.environments.map((e) => e.name), ['dev']);
});

test('RG101 when rivven.config.ts is missing', async () => {
  const root = writeProject({ 'environments/dev.ts': 'export default {};\n' });
  const findings = await loadFailure({ root });
  assert.equal(summarize(findings), ['RG101 rivven.config.ts']);
  assert.match(findings[0]?.message ?? '', root);
});

test('RG108 when two files map to one environment name; neither is evaluated', async () => {
  const root = writeProject({
    'rivven.config.ts': baseConfig,
    'environments/eu-prod.ts': "export default { namespace: 'a' };\n",
    'environments/eu/prod.ts': "export default { namespace: 'b' };\n",
    'environments/dev.ts': 'export default {};\n',
  });
  const files = await findProjectFiles(root);
  assert.equal(files.environments.map((e) => e.name), ['dev']);
  assert.equal(summarize(files.findings), ['RG108 environments/eu-prod.ts', 'RG108 environments/eu/prod.ts']);
  assert.is(
    files.findings[0]?.message,
    `environments/eu-prod.ts and environments/eu/prod.ts both map to the environment name 'eu-prod' (a subfolder joins its name with "-"), so neither can be built.`,
  );
  // Loading stops with the clash, after checking everything else.
  const findings = await loadFailure({ root, typecheck: false });
  assert.equal(summarize(findings), ['RG108 environments/eu-prod.ts', 'RG108 environments/eu/prod.ts']);
});

test('RG109 when a file name is not a DNS-1123 label, with a suggestion', async () => {
  const root = writeProject({
    'rivven.config.ts': baseConfig,
    'environments/Prod_EU.ts': 'export default {};\n',
    'environments/dev.ts': 'export default {};\n',
  });
  const files = await findProjectFiles(root);
  assert.equal(files.environments.map((e) => e.name), ['dev']);
  assert.equal(summarize(files.findings), ['RG109 environments/Prod_EU.ts']);
  assert.match(files.findings[0]?.message ?? '', "'Prod_EU'");
  assert.match(files.findings[0]?.hint ?? '', "'prod-eu'");
});

test('RG110 for a requested environment that does not exist, listing the known ones', async () => {
  const root = writeProject({
    'rivven.config.ts': baseConfig,
    'environments/dev.ts': 'export default {};\n',
    'environments/prod.ts': 'export default {};\n',
  });
  const findings = await loadFailure({ root, typecheck: false, environments: ['dev', 'qa'] });
  assert.equal(summarize(findings), ['RG110 qa']);
  assert.match(findings[0]?.message ?? '', 'found dev, prod');
});

test('environment directories that form a symlink loop are reported once (RG112) and not walked', async () => {
  const root = writeProject({
    'rivven.config.ts': baseConfig,
    'environments/dev.ts': 'export default {};\n',
    'environments/eu/prod.ts': 'export default {};\n',
    'environments/loop-x/a.ts': 'export default {};\n',
    'environments/loop-y/b.ts': 'export default {};\n',
    'outside/qa.ts': 'export default {};\n',
  });
  // A link to its own parent, a pair of links pointing at each other, and a plain link that is no loop.
  symlinkSync('..', path.join(root, 'environments/eu/loop'));
  symlinkSync('../loop-y', path.join(root, 'environments/loop-x/to-y'));
  symlinkSync('../loop-x', path.join(root, 'environments/loop-y/to-x'));
  symlinkSync('../outside', path.join(root, 'environments/linked'));
  mkdirSync(path.join(root, 'environments/empty'));
  const files = await findProjectFiles(root);
  assert.equal(summarize(files.findings), ['RG112 environments/eu/loop', 'RG112 environments/loop-x/to-y/to-x', 'RG112 environments/loop-y/to-x/to-y']);
  assert.match(files.findings[0]?.message ?? '', /loop/);
  assert.equal(files.environments.map((e) => e.file), [
    'environments/dev.ts',
    'environments/eu/prod.ts',
    'environments/linked/qa.ts',
    'environments/loop-x/a.ts',
    'environments/loop-x/to-y/b.ts',
    'environments/loop-y/b.ts',
    'environments/loop-y/to-x/a.ts',
  ]);
});

test('an invisible character in an environment file name is printed escaped, never raw', async () => {
  const root = writeProject({
    'rivven.config.ts': baseConfig,
    'environments/prod\u200B.ts': 'export default {};\n',
  });
  const files = await findProjectFiles(root);
  assert.equal(files.findings.map((f) => f.code), ['RG109']);
  const text = `${files.findings[0]?.message ?? ''} ${files.findings[0]?.hint ?? ''}`;
  assert.not.match(text, /\u200B/u, 'no raw zero-width space');
  assert.match(text, 'environments/prod\\u200B.ts');
  assert.match(files.findings[0]?.hint ?? '', "'prod'");
});

test.run();
