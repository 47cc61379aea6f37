/**
 * Provenance that follows values out of the file that exports them: into helper modules an environment
 * imports, helper functions that return objects, spreads, and the function form's `base`. A value set in
 * `environments/prod/_region.ts` points there, not at the line of the environment that imported it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadProject } from '../../src/load/load-project.js';
import { resolveFleet } from '../../src/resolve/resolve-environment.js';
import { explainValue } from '../../src/resolve/explain.js';
import { baseConfig, loadFailure, removeProjects, summarize, writeProject } from './support/temp-project.js';

const region = `export const region = {
  replicas: 2,
  storage: { size: 'lots' },
};

export function topicFor(partitions: number) {
  return { partitions, replicationFactor: 3, retention: 365 };
}

export const labels = { team: 'eu' };
`;

const euEnvironment = `import { defineEnvironment } from 'rivven-gitops';
import { region, topicFor, labels } from './_region';

export default defineEnvironment(({ name }) => ({
  namespace: \`rivven-\${name}\`,
  cluster: { ...region },
  topics: { 'eu-events': topicFor(3), [\`\${name}-audit\`]: { partitions: 1, labels } },
}));
`;

function where(loc: { file: string; line: number; column: number } | undefined): string | undefined {
  return loc === undefined ? undefined : `${loc.file}:${loc.line}:${loc.column}`;
}

test('values from a helper module, a helper function and a spread point at the helper file', async () => {
  const root = writeProject({ 'rivven.config.ts': baseConfig, 'environments/prod/_region.ts': region, 'environments/prod/eu.ts': euEnvironment });
  const { project } = await loadProject({ root, typecheck: false });
  const eu = project.environments.find((e) => e.name === 'prod-eu');
  const at = (key: string) => where(eu?.positions.get(key));
  assert.is(at('/cluster/replicas'), 'environments/prod/_region.ts:2:3');
  assert.is(at('/cluster/storage/size'), 'environments/prod/_region.ts:3:14');
  // A shorthand property inside the helper function's returned literal.
  assert.is(at('/topics/eu-events/partitions'), 'environments/prod/_region.ts:7:12');
  assert.is(at('/topics/eu-events/retention'), 'environments/prod/_region.ts:7:46');
  // A computed key is known once it has run; its value's own literal is in the environment file.
  assert.is(at('/topics/prod-eu-audit'), 'environments/prod/eu.ts:7:39');
  assert.is(at('/topics/prod-eu-audit/labels/team'), 'environments/prod/_region.ts:10:25');
  // Written in the environment file itself, as before.
  assert.is(at('/namespace'), 'environments/prod/eu.ts:5:3');
});

test('an invalid value from a helper is reported at the helper line, naming the environment', async () => {
  const root = writeProject({ 'rivven.config.ts': baseConfig, 'environments/prod/_region.ts': region, 'environments/prod/eu.ts': euEnvironment });
  const { project } = await loadProject({ root, typecheck: false });
  const { findings } = resolveFleet(project);
  const size = findings.find((f) => f.path === 'cluster.storage.size');
  assert.is(where(size?.loc), 'environments/prod/_region.ts:3:14');
  assert.match(size?.message ?? '', /prod-eu/);
  const retention = findings.find((f) => f.path === 'topics.eu-events.retention');
  assert.is(where(retention?.loc), 'environments/prod/_region.ts:7:46');
});

test('explain names the helper line, and values spread from the function form’s base name the base file', async () => {
  const root = writeProject({
    'rivven.config.ts': `import { defineConfig } from 'rivven-gitops';

export default defineConfig({
  project: 'shop',
  cluster: {
    replicas: 3,
    storage: { size: '10Gi' },
  },
});
`,
    'environments/_sizes.ts': `export const replicas = () => ({ replicas: 5 });\n`,
    'environments/prod.ts': `import { defineEnvironment } from 'rivven-gitops';
import { replicas } from './_sizes';

export default defineEnvironment(({ base }) => ({
  namespace: 'shop-prod',
  cluster: { ...base.cluster, ...replicas() },
}));
`,
  });
  const { project } = await loadProject({ root, typecheck: false });
  const { fleet, findings } = resolveFleet(project);
  assert.equal(findings, []);
  const prod = fleet.environments.find((e) => e.name === 'prod');
  assert.ok(prod);
  const replicas = explainValue(prod, project, 'cluster.replicas');
  assert.is(where(replicas?.origin.loc), 'environments/_sizes.ts:1:34');
  assert.is(where(replicas?.overridden[0]?.loc), 'rivven.config.ts:6:5');
  // Copied from `base` by the environment: the line that really wrote the value is in the base file.
  const size = explainValue(prod, project, 'cluster.storage.size');
  assert.is(where(size?.origin.loc), 'rivven.config.ts:7:16');
});

test('a helper imported by two environments runs once and gives each its positions', async () => {
  const env = (name: string) => `import { defineEnvironment } from 'rivven-gitops';
import { region } from './_region';
export default defineEnvironment({ namespace: 'shop-${name}', cluster: region });
`;
  const root = writeProject({
    'rivven.config.ts': baseConfig,
    'environments/_region.ts': `export const region = {\n  replicas: 4,\n};\n`,
    'environments/a.ts': env('a'),
    'environments/b.ts': env('b'),
  });
  const { project } = await loadProject({ root, typecheck: false });
  for (const environment of project.environments) {
    assert.is(where(environment.positions.get('/cluster/replicas')), 'environments/_region.ts:2:3', environment.name);
  }
});

test('tracking leaves the code meaning what it meant: destructuring, swaps, loops, getters, methods and cycles', async () => {
  const root = writeProject({
    'rivven.config.ts': baseConfig,
    'environments/prod.ts': `import { defineEnvironment } from 'rivven-gitops';
const source = { a: 1, b: { c: 2 } };
const { a, b: { c } } = source;
let x = 1, y = 2;
[x, y] = [y, x];
const names: string[] = [];
for (const [key] of Object.entries({ orders: 1, audit: 2 })) names.push(key);
for ({ a: x } of [{ a: 7 }]) names.push(String(x));
const self: Record<string, unknown> = { name: 'loop' };
self['me'] = self;
const tools = { double(n: number) { return n * 2; }, get three() { return 3; }, ['com' + 'puted']: 'yes' };
export default defineEnvironment({
  namespace: 'shop-prod',
  labels: { a: String(a), c: String(c), x: String(x), y: String(y), names: names.join('-'), three: String(tools.three), computed: tools.computed, doubled: String(tools.double(21)), sparse: String([1, , 3].length) },
});
`,
  });
  const { project } = await loadProject({ root, typecheck: false });
  const prod = project.environments[0];
  assert.equal(prod?.value, {
    namespace: 'shop-prod',
    labels: { a: '1', c: '2', x: '7', y: '1', names: 'orders-audit-7', three: '3', computed: 'yes', doubled: '42', sparse: '3' },
  });
  assert.is(where(prod?.positions.get('/labels/computed')), 'environments/prod.ts:14:121');
});

test('an error thrown in a helper still points at the helper line', async () => {
  const root = writeProject({
    'rivven.config.ts': baseConfig,
    'environments/_region.ts': `export function region(): { replicas: number } {
  const spec = { replicas: 3 };
  throw new Error('no region ' + spec.replicas);
}
`,
    'environments/prod.ts': `import { defineEnvironment } from 'rivven-gitops';
import { region } from './_region';
export default defineEnvironment({ namespace: 'p', cluster: region() });
`,
  });
  const findings = await loadFailure({ root, typecheck: false });
  assert.equal(summarize(findings), ['RG103 environments/_region.ts:3:9']);
});

test.after.each(() => removeProjects());

test.run();
