import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadProject } from '../../src/load/load-project.js';
import { baseConfig, loadFailure, removeProjects, summarize, writeProject } from './support/temp-project.js';

test.after(removeProjects);

// Evaluation is tested without the type-check (faster, and it is what --no-typecheck runs): every
// problem here must still be caught at runtime.
const noTypecheck = { typecheck: false } as const;

test("`import … from 'rivven-gitops'` is the running library; values land in this realm", async () => {
  const root = writeProject({
    'rivven.config.ts': `import { defineConfig, days, gib } from 'rivven-gitops';

export default defineConfig({
  cluster: { replicas: 3, storage: { size: gib(100) } },
  topics: { 'orders-events': { retention: days(7), acls: [{ principal: 'user:a', operations: ['Read'] }] } },
});
`,
  });
  const { project } = await loadProject({ root, ...noTypecheck });
  assert.equal(project.base.value, {
    cluster: { replicas: 3, storage: { size: '100Gi' } },
    topics: { 'orders-events': { retention: '7d', acls: [{ principal: 'user:a', operations: ['Read'] }] } },
  });
  // Later stages check plain objects and arrays with this realm's prototypes.
  const value = project.base.value;
  assert.ok(value !== null && typeof value === 'object');
  assert.is(Object.getPrototypeOf(value), Object.prototype);
  const acls = JSON.parse(JSON.stringify(value)).topics['orders-events'].acls;
  assert.ok(Array.isArray(acls));
});

test('a file that throws is RG103 naming the file, where the error was raised, without a stack', async () => {
  const root = writeProject({
    'rivven.config.ts': baseConfig,
    'environments/prod.ts': `import { defineEnvironment } from 'rivven-gitops';

const replicas = (): number => {
  throw new Error('no replica count for prod');
};

export default defineEnvironment({ cluster: { replicas: replicas() } });
`,
  });
  const findings = await loadFailure({ root, ...noTypecheck });
  assert.equal(summarize(findings), ['RG103 environments/prod.ts:4:9']);
  assert.is(findings[0]?.message, 'environments/prod.ts threw while it was evaluated: Error: no replica count for prod');
  assert.not.match(findings[0]?.message ?? '', ' at ');
});

test('a throw inside an imported helper is located in the helper', async () => {
  const root = writeProject({
    'rivven.config.ts': baseConfig,
    'environments/_zones.ts': "export const zones: number = JSON.parse('{');\n",
    'environments/dev.ts': "import { zones } from './_zones';\n\nexport default { cluster: { replicas: zones } };\n",
  });
  const findings = await loadFailure({ root, ...noTypecheck });
  assert.equal(summarize(findings), ['RG103 environments/_zones.ts:1:35']);
  assert.match(findings[0]?.message ?? '', 'environments/dev.ts threw while it was evaluated (raised in environments/_zones.ts');
  assert.match(findings[0]?.message ?? '', 'SyntaxError');
});

test('an endless loop is RG104 within the time limit: in the module, the function form, or a promise chain', async () => {
  const root = writeProject({
    'rivven.config.ts': baseConfig,
    'environments/dev.ts': 'while (true) {}\nexport default {};\n',
    'environments/prod.ts': 'export default () => {\n  for (;;) {}\n};\n',
    'environments/qa.ts': 'const spin = (): Promise<void> => Promise.resolve().then(spin);\nvoid spin();\nexport default {};\n',
    'environments/staging.ts': "export default { namespace: 'shop-staging' };\n",
  });
  const started = Date.now();
  const findings = await loadFailure({ root, ...noTypecheck, timeoutMs: 300 });
  assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
  assert.equal(summarize(findings), ['RG104 environments/dev.ts', 'RG104 environments/prod.ts', 'RG104 environments/qa.ts']);
  assert.match(findings[0]?.message ?? '', 'did not finish evaluating within 300 ms');
});

test('RG105 when there is no default export', async () => {
  const root = writeProject({
    'rivven.config.ts': baseConfig,
    'environments/dev.ts': "import { defineEnvironment } from 'rivven-gitops';\n\nexport const dev = defineEnvironment({});\n",
  });
  const findings = await loadFailure({ root, ...noTypecheck });
  assert.equal(summarize(findings), ['RG105 environments/dev.ts']);
  assert.match(findings[0]?.hint ?? '', 'export default defineEnvironment');
});

test('RG106 when the default export (or what its function returns) is not an object', async () => {
  const root = writeProject({
    'rivven.config.ts': "export default ['not', 'an', 'object'];\n",
    'environments/a.ts': "export default 'rivven-prod';\n",
    'environments/b.ts': 'class Env { namespace = "x"; }\nexport default new Env();\n',
    'environments/c.ts': 'export default () => 42;\n',
  });
  const findings = await loadFailure({ root, ...noTypecheck });
  assert.equal(summarize(findings), ['RG106 environments/a.ts:1:16', 'RG106 environments/b.ts:2:16', 'RG106 rivven.config.ts:1:16']);
  const [a, b, base] = findings;
  assert.match(a?.message ?? '', 'is a string; expected the object defineEnvironment accepts, or a function returning it');
  assert.match(b?.message ?? '', 'class instance');
  assert.match(base?.message ?? '', 'is an array; expected the object defineConfig accepts');
  // The base failed, so an environment function cannot be called: no finding of its own.
  assert.not.ok(findings.some((f) => f.path === 'environments/c.ts'));
});

test('RG106 for an async config function: configs are synchronous', async () => {
  const root = writeProject({
    'rivven.config.ts': baseConfig,
    'environments/c.ts': "export default async () => ({ namespace: 'x' });\n",
    'environments/d.ts': 'export default () => 42;\n',
  });
  const findings = await loadFailure({ root, ...noTypecheck });
  assert.equal(summarize(findings), ['RG106 environments/c.ts:1:16', 'RG106 environments/d.ts:1:16']);
  assert.match(findings[0]?.message ?? '', 'returned a Promise: configuration is evaluated synchronously');
  assert.match(findings[1]?.message ?? '', 'returned a number; expected the object defineEnvironment accepts.');
});

test('RG107 for imports of packages that are not installed, missing files and files outside the project', async () => {
  const root = writeProject({
    'rivven.config.ts': baseConfig,
    'environments/a.ts': "import lodash from 'lodash';\n\nexport default { namespace: lodash.kebabCase('A') };\n",
    'environments/b.ts': "\nimport { zones } from './missing';\nexport default { cluster: { replicas: zones } };\n",
    'environments/c.ts': "import { helper } from 'rivven-gitops/internal';\nexport default { namespace: helper };\n",
  });
  const findings = await loadFailure({ root, ...noTypecheck });
  assert.equal(summarize(findings), ['RG107 environments/a.ts:1:1', 'RG107 environments/b.ts:2:1', 'RG107 environments/c.ts:1:1']);
  assert.match(findings[0]?.message ?? '', "Cannot import 'lodash' from environments/a.ts: the package is not installed in the project's node_modules (npm install lodash)");
  assert.match(findings[1]?.message ?? '', "Cannot import './missing' from environments/b.ts: no such .ts or .js file");
  assert.match(findings[2]?.message ?? '', "only 'rivven-gitops' itself is public");
});

test('a syntax error is RG111 at its position even without the type-check', async () => {
  const root = writeProject({
    'rivven.config.ts': baseConfig,
    'environments/dev.ts': "export default {\n  namespace: 'shop-dev'\n  profile: 'development',\n};\n",
  });
  const findings = await loadFailure({ root, ...noTypecheck });
  assert.equal(summarize(findings), ['RG111 environments/dev.ts:3:3']);
});

test('function forms: the base takes no argument; environments get their name and a frozen base', async () => {
  const root = writeProject({
    'rivven.config.ts': "export default () => ({ project: 'shop', cluster: { replicas: 3 } });\n",
    'environments/eu/prod.ts': `import { defineEnvironment } from 'rivven-gitops';

export default defineEnvironment(({ name, base }) => {
  let frozen = false;
  try {
    (base.cluster as { replicas: number }).replicas = 99;
  } catch {
    frozen = true;
  }
  return { namespace: \`\${base.project}-\${name}\`, labels: { frozen: String(frozen) }, cluster: { replicas: (base.cluster?.replicas ?? 0) + 2 } };
});
`,
  });
  const { project } = await loadProject({ root, ...noTypecheck });
  assert.equal(project.base.value, { project: 'shop', cluster: { replicas: 3 } });
  assert.equal(project.environments.map((e) => [e.name, e.value]), [
    ['eu-prod', { namespace: 'shop-eu-prod', labels: { frozen: 'true' }, cluster: { replicas: 5 } }],
  ]);
});

test('relative imports with or without an extension; a shared helper runs once per load', async () => {
  const helper = `const g = globalThis as { loads?: number };
g.loads = (g.loads ?? 0) + 1;
export const loads = g.loads;
`;
  const root = writeProject({
    'rivven.config.ts': baseConfig,
    'environments/_shared.ts': helper,
    'environments/a.ts': "import { loads } from './_shared';\nexport default { labels: { loads: String(loads) } };\n",
    'environments/b.ts': "import { loads } from './_shared.js';\nexport default { labels: { loads: String(loads) } };\n",
    'environments/c.ts': "import { loads } from './_shared.ts';\nexport default { labels: { loads: String(loads) } };\n",
  });
  const { project } = await loadProject({ root, ...noTypecheck });
  assert.equal(project.environments.map((e) => e.value), [
    { labels: { loads: '1' } },
    { labels: { loads: '1' } },
    { labels: { loads: '1' } },
  ]);
  // A second load starts from a fresh sandbox.
  const again = await loadProject({ root, ...noTypecheck, environments: ['a'] });
  assert.equal(again.project.environments.map((e) => e.value), [{ labels: { loads: '1' } }]);
});

test('a config file cannot reach process or timers; it can use console and Node built-ins', async () => {
  const root = writeProject({
    'rivven.config.ts': baseConfig,
    'environments/a.ts': "export default { namespace: process.env.HOME };\n",
    'environments/b.ts': "import { basename } from 'node:path';\nexport default { namespace: typeof console.log === 'function' ? basename('/x/b') : 'no' };\n",
  });
  const findings = await loadFailure({ root, ...noTypecheck });
  assert.equal(summarize(findings), ['RG103 environments/a.ts:1:29']);
  assert.match(findings[0]?.message ?? '', 'ReferenceError: process is not defined');
  const { project } = await loadProject({ root, ...noTypecheck, environments: ['b'] });
  assert.equal(project.environments[0]?.value, { namespace: 'b' });
});

test.run();
