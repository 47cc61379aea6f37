import { test } from 'uvu';
import * as assert from 'uvu/assert';
import path from 'node:path';
import ts from 'typescript';
import { loadProject } from '../../src/load/load-project.js';
import { collectPositions } from '../../src/load/provenance.js';
import { fixturesDir } from './support/temp-project.js';

/** `pathKey → line:col` for a source text, in recording order. */
function positionsOf(source: string): Record<string, string> {
  const sourceFile = ts.createSourceFile('environments/prod.ts', source, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const out: Record<string, string> = {};
  for (const [key, loc] of collectPositions(sourceFile, 'environments/prod.ts')) {
    assert.is(loc.file, 'environments/prod.ts');
    out[key] = `${loc.line}:${loc.column}`;
  }
  return out;
}

test('nested properties, quoted keys and array elements of the fixture, at the property name', async () => {
  const { project } = await loadProject({ root: path.join(fixturesDir, 'basic'), typecheck: false });
  const at = (key: string): string | undefined => {
    const loc = project.base.positions.get(key);
    return loc === undefined ? undefined : `${loc.file}:${loc.line}:${loc.column}`;
  };
  assert.is(at('/project'), 'rivven.config.ts:4:3');
  assert.is(at('/cluster/storage/size'), 'rivven.config.ts:8:16');
  assert.is(at('/topics/orders-events'), 'rivven.config.ts:11:5');
  assert.is(at('/topics/orders-events/acls/1'), 'rivven.config.ts:15:9');
  assert.is(at('/topics/orders-events/acls/1/operations/0'), 'rivven.config.ts:15:53');
  const prod = project.environments.find((e) => e.name === 'prod');
  assert.equal(prod?.positions.get('/topics/debug-events'), { file: 'environments/prod.ts', line: 14, column: 5 });
  // The function form records the returned object.
  const staging = project.environments.find((e) => e.name === 'staging');
  assert.equal(staging?.positions.get('/cluster/replicas'), { file: 'environments/staging.ts', line: 6, column: 14 });
});

test('wrappers: a const declared above, satisfies and as const', () => {
  const source = `import { defineEnvironment } from 'rivven-gitops';
const prod = defineEnvironment({
  cluster: { replicas: 5 },
} satisfies object);
export default (prod as const);
`;
  assert.equal(positionsOf(source), { '/cluster': '3:3', '/cluster/replicas': '3:14' });
});

test('every key form: identifiers, strings, numbers, computed literals; keys needing escapes', () => {
  const source = `export default {
  topics: {
    'orders-events': { partitions: 3 },
    "cdc/events": {},
    ['a.b']: {},
    [\`tmpl\`]: {},
    1e3: {},
  },
};
`;
  assert.equal(positionsOf(source), {
    '/topics': '2:3',
    '/topics/orders-events': '3:5',
    '/topics/orders-events/partitions': '3:24',
    '/topics/cdc~1events': '4:5',
    '/topics/a.b': '5:5',
    '/topics/tmpl': '6:5',
    '/topics/1000': '7:5',
  });
});

test('arrays: nested objects, holes, spreads of local arrays; an unknown spread stops the indexes', () => {
  const source = `const extra = [{ principal: 'b' }];
export default {
  acls: [{ principal: 'a' }, ...extra, , { principal: 'c' }],
  hosts: [...fromSomewhere(), 'x'],
};
`;
  assert.equal(positionsOf(source), {
    '/acls': '3:3',
    '/acls/0': '3:10',
    '/acls/0/principal': '3:12',
    '/acls/1': '1:16',
    '/acls/1/principal': '1:18',
    '/acls/3': '3:42',
    '/acls/3/principal': '3:44',
    '/hosts': '4:3',
  });
});

test('spreads and shorthands of local objects are recorded where written; later keys win', () => {
  const source = `const cluster = { replicas: 3 };
const common = { profile: 'production', namespace: 'a' };
export default { ...common, namespace: 'b', cluster, ...imported };
`;
  assert.equal(positionsOf(source), {
    '/profile': '2:18',
    '/namespace': '3:29',
    '/cluster': '3:45',
    '/cluster/replicas': '1:19',
  });
});

test('function forms: expression body, block body with return, function declaration', () => {
  assert.equal(positionsOf('export default defineEnvironment(({ name }) => ({\n  namespace: name,\n}));\n'), { '/namespace': '2:3' });
  const block = `export default defineEnvironment((ctx) => {
  const cluster = { replicas: 2 };
  const helper = () => { return { ignored: true }; };
  return { cluster };
});
`;
  assert.equal(positionsOf(block), { '/cluster': '4:12', '/cluster/replicas': '2:21' });
  assert.equal(positionsOf('export default function env() {\n  return { profile: "staging" };\n}\n'), { '/profile': '2:12' });
  // A parameter shadows the module's const of the same name: its value is not the const's.
  const shadow = 'const cluster = { replicas: 9 };\nexport default (cluster: object) => ({ cluster });\n';
  assert.equal(positionsOf(shadow), { '/cluster': '2:40' });
});

test('never crashes on what it cannot follow', () => {
  assert.equal(positionsOf('const a = { x: a };\nexport default a;\n'), { '/x': '1:13' });
  assert.equal(positionsOf('export default compute();\n'), {});
  assert.equal(positionsOf('export const notDefault = { a: 1 };\n'), {});
  assert.equal(positionsOf('const e = { a: 1 };\nexport { e as default };\n'), { '/a': '1:13' });
  assert.equal(positionsOf('export default { get a() { return 1; }, b() {}, [key]: 1, #c: 2 };\n')['/a'], '1:22');
});

test.run();
