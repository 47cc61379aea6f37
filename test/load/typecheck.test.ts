import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadProject } from '../../src/load/load-project.js';
import { baseConfig, loadFailure, removeProjects, summarize, writeProject } from './support/temp-project.js';

test.after(removeProjects);

const prodWithTypos = `import { defineEnvironment } from 'rivven-gitops';

export default defineEnvironment({
  namespace: 'shop-prod',
  cluster: {
    replicas: 5,
    replicaz: 3,
  },
  topics: {
    'orders-events': { cleanupPolicy: 'compacted' },
  },
});
`;

const stagingMissingComma = `import { defineEnvironment } from 'rivven-gitops';

export default defineEnvironment({
  namespace: 'shop-staging'
  profile: 'staging',
});
`;

test('every type and syntax error of every file in one run, sorted, at exact positions', async () => {
  const root = writeProject({
    'rivven.config.ts': baseConfig.replace('replicas: 3', "replicas: 'three'"),
    'environments/_shared.ts': "export const zones: number = 'three';\n",
    'environments/dev.ts': "import { zones } from './_shared.js';\nexport default { cluster: { replicas: zones } };\n",
    'environments/prod.ts': prodWithTypos,
    'environments/staging.ts': stagingMissingComma,
  });
  const findings = await loadFailure({ root });
  assert.equal(summarize(findings), [
    'RG102 environments/_shared.ts:1:14',
    'RG102 environments/prod.ts:7:5',
    'RG102 environments/prod.ts:10:24',
    'RG111 environments/staging.ts:5:3',
    'RG102 rivven.config.ts:5:14',
  ]);
  const [shared, misspelled, wrongEnum, syntax, base] = findings;
  assert.match(shared?.message ?? '', "Type 'string' is not assignable to type 'number'");
  assert.match(misspelled?.message ?? '', "'replicaz' does not exist");
  assert.match(misspelled?.message ?? '', "Did you mean to write 'replicas'?");
  assert.match(wrongEnum?.message ?? '', `Type '"compacted"' is not assignable`);
  assert.match(wrongEnum?.message ?? '', `Did you mean '"compact"'?`);
  assert.match(syntax?.message ?? '', "',' expected.");
  assert.match(base?.message ?? '', "Type 'string' is not assignable to type 'number'");
  assert.is(misspelled?.path, 'environments/prod.ts');
});

test('files are type-checked even when only some environments are evaluated', async () => {
  const root = writeProject({
    'rivven.config.ts': baseConfig,
    'environments/dev.ts': 'export default {};\n',
    'environments/prod.ts': prodWithTypos,
  });
  const findings = await loadFailure({ root, environments: ['dev'] });
  assert.equal(summarize(findings), ['RG102 environments/prod.ts:7:5', 'RG102 environments/prod.ts:10:24']);
});

test('a mistake inside a returned object points at the property, with its path in the message', async () => {
  const root = writeProject({
    'rivven.config.ts': baseConfig,
    'environments/prod.ts': `import { defineEnvironment } from 'rivven-gitops';

export default defineEnvironment(({ name }) => ({
  namespace: \`shop-\${name}\`,
  topics: {
    'orders-events': { partitions: 'many' },
  },
}));
`,
  });
  const findings = await loadFailure({ root });
  assert.equal(summarize(findings), ['RG102 environments/prod.ts:6:24']);
  assert.match(findings[0]?.message ?? '', /^topics\.orders-events\.partitions: Type 'string' is not assignable to type 'number'\./);
});

test('an import of a missing module is RG107 at the import', async () => {
  const root = writeProject({
    'rivven.config.ts': baseConfig,
    'environments/dev.ts': "import { zones } from './zones.js';\n\nexport default { cluster: { replicas: zones } };\n",
  });
  const findings = await loadFailure({ root });
  assert.equal(summarize(findings), ['RG107 environments/dev.ts:1:23']);
  assert.match(findings[0]?.message ?? '', "Cannot find module './zones.js'");
});

test('a file importing a Node built-in type-checks with Node types', async () => {
  const root = writeProject({
    'rivven.config.ts': baseConfig,
    'environments/dev.ts': "import path from 'node:path';\n\nexport default { namespace: path.basename('/x/shop-dev') };\n",
  });
  const { project } = await loadProject({ root });
  assert.equal(project.environments[0]?.value, { namespace: 'shop-dev' });
});

test.run();
