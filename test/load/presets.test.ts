/**
 * Shared presets: a package installed in the fleet's own node_modules is imported, type-checked with the
 * fleet, evaluated in the same sandbox, and its lines are the provenance of what it set. What is not
 * installed there, or is reached through a link leading outside the project, is a coded error.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import path from 'node:path';
import { loadProject } from '../../src/load/load-project.js';
import { fixturesDir, loadFailure, removeProjects, scratchCacheDir, summarize, writeProject } from './support/temp-project.js';
import { typecheckCacheState } from '../../src/load/typecheck-cache.js';

const fixture = path.join(fixturesDir, 'presets');
const presetDir = 'node_modules/@acme/rivven-presets';
const cache = scratchCacheDir('rivven-presets-cache-');

test.after(() => {
  removeProjects();
  cache.restore();
});

/** The fixture fleet's preset package as files of a temp project, under `at` (a project-relative dir). */
function presetFiles(at: string = presetDir): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of fs.readdirSync(path.join(fixture, presetDir))) files[`${at}/${name}`] = fs.readFileSync(path.join(fixture, presetDir, name), 'utf8');
  return files;
}

const prodImportingPreset = `import { defineEnvironment } from 'rivven-gitops';
import { productionDefaults } from '@acme/rivven-presets';

export default defineEnvironment({ ...productionDefaults, namespace: 'shop-prod' });
`;
const base = `import { defineConfig } from 'rivven-gitops';

export default defineConfig({ project: 'shop', cluster: { replicas: 3 } });
`;

test('a preset package in the fixture fleet is imported (main entry and a subpath export) and type-checked', async () => {
  const { project } = await loadProject({ root: fixture });
  assert.equal((project.base.value as { topics: unknown }).topics, { 'orders-events': { partitions: 12, replicationFactor: 3, retention: '7d' } });
  assert.equal(project.environments[0]?.value, {
    profile: 'production',
    labels: { 'acme.com/tier': 'critical' },
    cluster: { replicas: 5, storage: { size: '500Gi', storageClassName: 'premium-ssd' } },
    namespace: 'shop-prod',
  });
});

test("provenance points into the package's file for what the preset set, and at the user's line for the rest", async () => {
  const { project } = await loadProject({ root: fixture });
  const prod = project.environments[0]?.positions;
  const at = (key: string) => {
    const loc = prod?.get(key);
    return loc === undefined ? undefined : `${loc.file}:${loc.line}:${loc.column}`;
  };
  assert.is(at('/cluster/replicas'), `${presetDir}/index.ts:11:5`);
  assert.is(at('/profile'), `${presetDir}/index.ts:8:3`);
  assert.is(at('/namespace'), 'environments/prod.ts:6:3');
  const topic = project.base.positions.get('/topics/orders-events/retention');
  assert.equal(topic, { file: `${presetDir}/topics.ts`, line: 8, column: 5 });
});

test("a type error in the use of a preset is reported at the user's line", async () => {
  const root = writeProject({
    ...presetFiles(),
    'rivven.config.ts': `import { defineConfig } from 'rivven-gitops';
import { eventTopic } from '@acme/rivven-presets';

export default defineConfig({
  project: 'shop',
  topics: { 'orders-events': eventTopic('twelve') },
});
`,
  });
  const findings = await loadFailure({ root });
  assert.equal(summarize(findings), ['RG102 rivven.config.ts:6:41']);
  assert.match(findings[0]?.message ?? '', "'string' is not assignable to parameter of type 'number'");
});

test('a package that is not installed is RG107 at the import, with or without the type-check', async () => {
  const root = writeProject({ 'rivven.config.ts': base, 'environments/prod.ts': prodImportingPreset });
  assert.equal(summarize(await loadFailure({ root })), ['RG107 environments/prod.ts:2:36']);
  const untyped = await loadFailure({ root, typecheck: false });
  assert.equal(summarize(untyped), ['RG107 environments/prod.ts:2:1']);
  assert.match(untyped[0]?.message ?? '', "not installed in the project's node_modules (npm install @acme/rivven-presets)");
});

test('a subpath the package does not export is RG107', async () => {
  const root = writeProject({
    ...presetFiles(),
    'rivven.config.ts': base,
    'environments/prod.ts': "import { eventTopic } from '@acme/rivven-presets/internal';\n\nexport default { topics: { a: eventTopic(1) } };\n",
  });
  const untyped = await loadFailure({ root, typecheck: false });
  assert.equal(summarize(untyped), ['RG107 environments/prod.ts:1:1']);
  assert.match(untyped[0]?.message ?? '', "does not export './internal'");
  assert.equal(summarize(await loadFailure({ root })).map((s) => s.split(' ')[0]), ['RG107']);
});

test('a package installed only above the project root is RG114, not read', async () => {
  const parent = writeProject(presetFiles());
  const root = path.join(parent, 'fleet');
  fs.mkdirSync(path.join(root, 'environments'), { recursive: true });
  fs.writeFileSync(path.join(root, 'rivven.config.ts'), base);
  fs.writeFileSync(path.join(root, 'environments/prod.ts'), prodImportingPreset);
  const checked = await loadFailure({ root });
  assert.equal(summarize(checked), ['RG114 environments/prod.ts:2:36']);
  assert.match(checked[0]?.message ?? '', 'outside the project');
  const untyped = await loadFailure({ root, typecheck: false });
  assert.equal(summarize(untyped), ['RG114 environments/prod.ts:2:1']);
  assert.match(untyped[0]?.message ?? '', 'above the project root');
});

test('node_modules/<package> linked outside the project (npm link) is RG114; linked inside (a workspace) loads', async () => {
  const elsewhere = writeProject(presetFiles('presets'));
  const root = writeProject({ 'rivven.config.ts': base, 'environments/prod.ts': prodImportingPreset, ...presetFiles('packages/presets') });
  fs.mkdirSync(path.join(root, 'node_modules/@acme'), { recursive: true });
  const link = path.join(root, presetDir);
  fs.symlinkSync(path.join(elsewhere, 'presets'), link);
  const checked = await loadFailure({ root });
  assert.equal(summarize(checked), ['RG114 environments/prod.ts:2:36']);
  assert.match(checked[0]?.message ?? '', `node_modules/@acme/rivven-presets is a symbolic link to ${fs.realpathSync(path.join(elsewhere, 'presets'))}`);
  const untyped = await loadFailure({ root, typecheck: false });
  assert.equal(summarize(untyped), ['RG114 environments/prod.ts:2:1']);
  assert.match(untyped[0]?.message ?? '', 'npm link');

  fs.unlinkSync(link);
  fs.symlinkSync('../../packages/presets', link);
  const { project } = await loadProject({ root });
  assert.is(project.environments[0]?.positions.get('/cluster/replicas')?.file, 'packages/presets/index.ts');
});

test('a package file linking outside the project is refused like any other file', async () => {
  const elsewhere = writeProject({ 'topics.ts': "export const eventTopic = (): string => 'SECRET-LINE';\n" });
  const files = presetFiles();
  delete files[`${presetDir}/topics.ts`];
  const root = writeProject({ ...files, 'rivven.config.ts': base, 'environments/prod.ts': prodImportingPreset });
  fs.symlinkSync(path.join(elsewhere, 'topics.ts'), path.join(root, presetDir, 'topics.ts'));
  const untyped = await loadFailure({ root, typecheck: false });
  assert.equal(untyped.map((f) => f.code), ['RG113']);
  assert.not.match(untyped.map((f) => f.message).join('\n'), 'SECRET-LINE');
  const checked = await loadFailure({ root });
  assert.equal(checked.map((f) => f.code), ['RG113']);
});

test('an upgraded preset is checked again: its files are among the digests the type-check cache keeps', async () => {
  const usesTopic = "import { eventTopic } from '@acme/rivven-presets';\n\nexport default { topics: { orders: eventTopic(12) } };\n";
  const root = writeProject({ ...presetFiles(), 'rivven.config.ts': base, 'environments/prod.ts': usesTopic });
  await loadProject({ root });
  await loadProject({ root });
  assert.is(typecheckCacheState.last, 'hit');
  // Version 2 of the preset takes an options object: the fleet's call no longer type-checks.
  const topics = path.join(root, presetDir, 'topics.ts');
  fs.writeFileSync(topics, fs.readFileSync(topics, 'utf8').replace('eventTopic(partitions: number)', 'eventTopic({ partitions }: { partitions: number })'));
  const findings = await loadFailure({ root });
  assert.not.equal(typecheckCacheState.last, 'hit');
  assert.equal(summarize(findings), ['RG102 environments/prod.ts:3:47']);
});

test.run();
