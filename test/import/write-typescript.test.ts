/**
 * The TypeScript writer: formatting, determinism, comments where they belong, and output that no
 * input string can break out of (it is evaluated by the loader later).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import ts from 'typescript';
import fc from 'fast-check';
import { commentLines, quoteString, writeTypeScript } from '../../src/import/write-typescript.js';

function evaluateLiteral(source: string): unknown {
  // Transpile and run only the object literal: what the file would export, without the import.
  const body = source.slice(source.indexOf('export default defineConfig(') + 'export default defineConfig('.length, source.lastIndexOf(');'));
  const js = ts.transpileModule(`module.exports = (${body});`, { compilerOptions: { module: ts.ModuleKind.CommonJS } }).outputText;
  const module: { exports: unknown } = { exports: {} };
  new Function('module', js)(module);
  return module.exports;
}

test('formats a config: identifiers bare, other keys quoted, values inline up to 100 columns, trailing commas, 2 spaces', () => {
  const text = writeTypeScript({
    kind: 'config',
    value: {
      project: 'acme',
      cluster: { replicas: 3, storage: { size: '100Gi' } },
      topics: {
        'orders-events': { partitions: 12, acls: [{ principal: 'user:a', operations: ['Read', 'Write'] }] },
        '0': { partitions: 1 },
      },
    },
  });
  assert.is(
    text,
    [
      "import { defineConfig } from 'rivven-gitops';",
      '',
      'export default defineConfig({',
      "  project: 'acme',",
      "  cluster: { replicas: 3, storage: { size: '100Gi' } },",
      '  topics: {',
      "    '0': { partitions: 1 },",
      "    'orders-events': {",
      '      partitions: 12,',
      "      acls: [{ principal: 'user:a', operations: ['Read', 'Write'] }],",
      '    },',
      '  },',
      '});',
      '',
    ].join('\n'),
  );
});

test('an environment file uses defineEnvironment; long values break over lines', () => {
  const text = writeTypeScript({ kind: 'environment', value: { namespace: 'x', labels: Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`label-${i}`, `value-${i}`])) } });
  assert.ok(text.startsWith("import { defineEnvironment } from 'rivven-gitops';\n\nexport default defineEnvironment({\n"));
  assert.match(text, /  labels: \{\n    'label-0': 'value-0',\n/);
  assert.ok(text.split('\n').every((line) => line.length <= 100), 'no line longer than 100 characters');
});

test('the same value gives the same bytes', () => {
  const value = { cluster: { replicas: 3 }, topics: { a: { partitions: 1 } } };
  const comments = [{ path: ['cluster', 'replicas'], text: 'why' }];
  assert.is(writeTypeScript({ kind: 'config', value, comments }), writeTypeScript({ kind: 'config', value: structuredClone(value), comments: [...comments] }));
});

test('comments go above the property they are about, or at the end of the nearest block', () => {
  const text = writeTypeScript({
    kind: 'config',
    value: { cluster: { replicas: 3, storage: { size: '1Gi' } } },
    comments: [
      { path: ['cluster', 'replicas'], text: 'three brokers' },
      { path: ['cluster', 'broker', 'adminPort'], text: 'no admin port' },
      { path: ['ingress'], text: 'not carried over' },
    ],
  });
  assert.is(
    text,
    [
      "import { defineConfig } from 'rivven-gitops';",
      '',
      'export default defineConfig({',
      '  cluster: {',
      '    // three brokers',
      '    replicas: 3,',
      "    storage: { size: '1Gi' },",
      '    // no admin port',
      '  },',
      '  // not carried over',
      '});',
      '',
    ].join('\n'),
  );
});

test('long comments wrap at words; a header goes first', () => {
  assert.equal(commentLines('a b c d e', 3), ['a b', 'c d', 'e']);
  const text = writeTypeScript({ kind: 'config', value: {}, header: ['Imported from x.yaml.'] });
  assert.is(text, "// Imported from x.yaml.\nimport { defineConfig } from 'rivven-gitops';\n\nexport default defineConfig({});\n");
});

test('strings and comments from the input cannot escape into code', () => {
  const hostile = "a'b\\c\nd\r\u2028e\u2029f\u0000g`${x}`</script>";
  assert.is(quoteString("it's"), "'it\\'s'");
  const text = writeTypeScript({
    kind: 'config',
    value: { labels: { [hostile]: hostile, __proto__x: 'y' }, project: 'p' },
    comments: [{ path: ['labels'], text: "first line\nprocess.exit(1)\u2028globalThis.pwned = true\r// */ injected" }],
  });
  // Every comment line starts with //, so nothing of the text is code.
  const lines = text.split('\n');
  assert.ok(lines.filter((l) => l.includes('process.exit')).every((l) => l.trimStart().startsWith('//')));
  assert.not.ok(/[\u2028\u2029\r]/.test(text), 'no raw line terminators anywhere');
  const value = evaluateLiteral(text);
  assert.equal(value, { labels: { [hostile]: hostile, __proto__x: 'y' }, project: 'p' });
  assert.is(Reflect.get(globalThis, 'pwned'), undefined);
});

test('an own __proto__ key stays an own property instead of setting the prototype', () => {
  const value: Record<string, unknown> = {};
  Object.defineProperty(value, '__proto__', { value: { polluted: true }, enumerable: true, writable: true, configurable: true });
  const text = writeTypeScript({ kind: 'config', value: { labels: value } });
  assert.match(text, /\['__proto__'\]: \{ polluted: true \}/);
  const evaluated = evaluateLiteral(text);
  assert.ok(typeof evaluated === 'object' && evaluated !== null);
  const labels: unknown = Reflect.get(evaluated, 'labels');
  assert.ok(typeof labels === 'object' && labels !== null && Object.hasOwn(labels, '__proto__'));
  assert.is(Object.getPrototypeOf(labels), Object.prototype);
});

test('numbers, booleans and null print as TypeScript literals', () => {
  const text = writeTypeScript({ kind: 'config', value: { a: -0, b: 1e21, c: 0.5, d: false, e: null, f: Number.POSITIVE_INFINITY } });
  assert.match(text, /\{ a: 0, b: 1e\+21, c: 0\.5, d: false, e: null, f: Infinity \}|a: 0,\n  b: 1e\+21,/);
});

test('any JSON value survives writing and evaluating unchanged (property)', () => {
  fc.assert(
    fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (value) => {
      const json = JSON.parse(JSON.stringify(value));
      const text = writeTypeScript({ kind: 'config', value: json, comments: [{ path: Object.keys(json).slice(0, 1), text: Object.keys(json).join('\n') }] });
      assert.equal(JSON.stringify(evaluateLiteral(text)), JSON.stringify(json));
    }),
    { numRuns: 300, seed: 20240607 },
  );
});

test.run();
