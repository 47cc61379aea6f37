import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { builtTypesFile } from '../../src/load/public-api.js';
import { typecheckFiles } from '../../src/load/typecheck.js';
import { baseConfig, removeProjects, writeProject } from './support/temp-project.js';

// The loader type-checks configs against dist/public-types/ (scripts/build-public-types.mjs) when it is
// current. These tests make it from the built declarations in a scratch copy of dist/ and hold it to
// the originals: the same findings, positions and messages for broken configs, and no use once stale.
const repoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const scratch = path.join(repoDir, '.tmp', `public-types-test-${process.pid}`);
const dist = path.join(scratch, 'dist');

test.before(() => {
  const built = path.join(repoDir, 'dist', 'index.d.ts');
  if (!fs.existsSync(built)) throw new Error(`${built} is missing: run npm run build:ts (npm ci does) before these tests`);
  // Inside the repository, so the copy resolves zod from the repository's node_modules as dist/ does.
  fs.cpSync(path.join(repoDir, 'dist'), dist, {
    recursive: true,
    filter: (source) => !source.includes(`${path.sep}public-types`) && (fs.statSync(source).isDirectory() || source.endsWith('.d.ts')),
  });
  execFileSync(process.execPath, [path.join(repoDir, 'scripts', 'build-public-types.mjs'), dist], { stdio: 'pipe' });
});

test.after(() => {
  removeProjects();
  fs.rmSync(scratch, { recursive: true, force: true });
});

const broken: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'wrong types, misspelled keys and enum values': {
    'rivven.config.ts': baseConfig.replace('replicas: 3', "replicas: 'three'"),
    'environments/prod.ts': `import { defineEnvironment } from 'rivven-gitops';
export default defineEnvironment({
  cluster: { replicaz: 3, storage: { size: true } },
  topics: { 'orders-events': { cleanupPolicy: 'compacted', partitions: '3' }, gone: null },
});
`,
  },
  'a required field missing, the function form, an unknown export': {
    'rivven.config.ts': baseConfig,
    'environments/prod.ts': `import { defineEnvironment } from 'rivven-gitops';
import type { NoSuchType } from 'rivven-gitops';
export const x: NoSuchType = 1;
export default defineEnvironment(({ base }) => ({
  cluster: { replicas: base.cluster?.replicas ?? 'x', tls: { certManager: { issuerRef: { kind: 'ClusterIssuer' } } } },
}));
`,
  },
  'every exported type named in a file': {
    'rivven.config.ts': baseConfig,
    'environments/dev.ts': `import { defineEnvironment, days } from 'rivven-gitops';
import type { UserConfig, UserEnvironment, UserCluster, UserTopic, UserConnectPipeline, UserSource, UserSink, UserPostgresCdc, UserSchemaRegistry, ResolvedConfig, ResolvedTopic, Overlay } from 'rivven-gitops';
export const a: UserConfig = { colour: 'red' };
export const b: UserEnvironment = { colour: 'red' };
export const c: UserCluster = { colour: 'red' };
export const d: UserTopic = { partitions: 1, colour: 'red' };
export const e: UserConnectPipeline = { colour: 'red' };
export const f: UserSource = { colour: 'red' };
export const g: UserSink = { colour: 'red' };
export const h: UserPostgresCdc = { colour: 'red' };
export const i: UserSchemaRegistry = { colour: 'red' };
export const j: ResolvedConfig['cluster']['replicas'] = 'x';
export const k: Partial<ResolvedTopic> = { partitions: 'x' };
export const l: Overlay<UserConfig> = { project: 3, cluster: { replicas: null } };
export const m: number = days(3);
export default defineEnvironment({});
`,
  },
};

test('printed types give the findings the original declarations give', () => {
  const printed = builtTypesFile(dist);
  assert.is(printed, path.join(dist, 'public-types', 'index.d.ts'));
  for (const [name, files] of Object.entries(broken)) {
    const root = writeProject(files);
    const names = Object.keys(files).sort();
    const withPrinted = typecheckFiles(root, names, printed).findings;
    const withOriginal = typecheckFiles(root, names, path.join(dist, 'index.d.ts')).findings;
    assert.ok(withOriginal.length > 0, `${name}: the broken config must fail`);
    assert.equal(withPrinted, withOriginal, name);
  }
});

test('printed types do not reach zod, and are not used once a declaration they came from changes', () => {
  const typesFile = path.join(dist, 'public-types', 'model', 'types.d.ts');
  const text = fs.readFileSync(typesFile, 'utf8');
  assert.not.match(text, /from 'zod'/);
  assert.match(text, /export type UserConfig = Expand<\{/);
  const topic = path.join(dist, 'model', 'topic.d.ts');
  fs.appendFileSync(topic, '\n');
  assert.is(builtTypesFile(dist), path.join(dist, 'index.d.ts'));
  fs.rmSync(path.join(dist, 'public-types', 'sources.json'));
  assert.is(builtTypesFile(dist), path.join(dist, 'index.d.ts'));
});

test.run();
