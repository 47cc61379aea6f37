import { test } from 'uvu';
import * as assert from 'uvu/assert';
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

test.run();
