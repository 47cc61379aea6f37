/**
 * Bad input, part 1: files that do not parse, do not type-check, throw, never finish, import what they
 * may not, export the wrong thing; keys that reach prototypes; values that are not data.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { baseWith, environmentFile, environmentHeader, type FaultCase } from './harness.js';

const load = 'TypeScript and evaluation';
const keys = 'Keys that reach prototypes';
const data = 'Values that are not data';

const prodThrows = `${environmentHeader}const replicas = (): number => {
  throw new Error('no replica count for prod');
};

export default defineEnvironment({ cluster: { replicas: replicas() } });
`;

const helperThrows = `export const zones: number = JSON.parse('{');\n`;
const importsHelper = `${environmentHeader}import { zones } from './_zones';\n\nexport default defineEnvironment({ cluster: { replicas: zones } });\n`;
const jsonTopics = `${environmentHeader}import { readFileSync } from 'node:fs';
import path from 'node:path';

// Topics kept in a JSON file next to this one.
const topics = JSON.parse(readFileSync(path.join(__dirname, 'topics.json'), 'utf8'));

export default defineEnvironment({ topics });
`;

export const loadCases: readonly FaultCase[] = [
  {
    id: 'syntax-error-in-environment',
    group: load,
    title: 'a stray word in an object literal in environments/prod.ts',
    files: { 'environments/prod.ts': environmentFile('{ cluster: { replicas: 5 } oops }') },
    code: 'RG111',
    at: { file: 'environments/prod.ts', needle: 'oops' },
  },
  {
    id: 'syntax-error-in-base',
    group: load,
    title: 'two values without a comma in rivven.config.ts',
    files: { 'rivven.config.ts': baseWith('replicas: 3,', 'replicas: 3 3,') },
    code: 'RG111',
    at: { file: 'rivven.config.ts', needle: '3,\n    storage' },
  },
  {
    id: 'syntax-error-without-typecheck',
    group: load,
    title: 'a syntax error with --no-typecheck (found by the transpiler)',
    files: { 'environments/prod.ts': `${environmentHeader}export default defineEnvironment({ cluster: { replicas: 5 } ]);\n` },
    argv: ['build', '--no-typecheck'],
    code: 'RG111',
    at: { file: 'environments/prod.ts', needle: ']);' },
  },
  {
    id: 'syntax-error-child-process',
    group: load,
    title: 'the same syntax error through a real `node src/cli/run.ts` process',
    files: { 'environments/prod.ts': `${environmentHeader}export default defineEnvironment({ cluster: { replicas: 5 } ]);\n` },
    runner: 'child',
    code: 'RG111',
    at: { file: 'environments/prod.ts', needle: ']);' },
  },
  {
    id: 'type-error-wrong-type',
    group: load,
    title: "replicas: 'three' (a string where a number goes)",
    files: { 'environments/prod.ts': environmentFile("{ cluster: { replicas: 'three' } }") },
    code: 'RG102',
    at: { file: 'environments/prod.ts', needle: 'replicas' },
  },
  {
    id: 'type-error-unknown-field',
    group: load,
    title: 'a misspelled field (replicaz)',
    files: { 'environments/prod.ts': environmentFile('{ cluster: { replicaz: 5 } }') },
    code: 'RG102',
    at: { file: 'environments/prod.ts', needle: 'replicaz' },
  },
  {
    id: 'throws-while-evaluated',
    group: load,
    title: 'a function called by the file throws an Error',
    files: { 'environments/prod.ts': prodThrows },
    code: 'RG103',
    at: { file: 'environments/prod.ts', needle: "new Error('no replica" },
  },
  {
    id: 'throws-in-imported-helper',
    group: load,
    title: 'a helper the environment imports throws (JSON.parse of bad JSON)',
    files: { 'environments/_zones.ts': helperThrows, 'environments/prod.ts': importsHelper },
    code: 'RG103',
    at: { file: 'environments/_zones.ts', needle: "parse('{')" },
  },
  {
    id: 'throws-child-process',
    group: load,
    title: 'a throwing file through a real child process: no stack trace on stderr',
    files: { 'environments/prod.ts': prodThrows },
    runner: 'child',
    code: 'RG103',
    at: { file: 'environments/prod.ts', needle: "new Error('no replica" },
  },
  {
    id: 'throws-a-non-error',
    group: load,
    title: '`throw 42` (nothing to locate: the file is named)',
    files: { 'environments/prod.ts': `${environmentHeader}throw 42;\n` },
    code: 'RG103',
    at: { file: 'environments/prod.ts' },
  },
  {
    id: 'reaches-for-process',
    group: load,
    title: 'process.exit(0) without the type-check: the sandbox has no `process`',
    files: { 'environments/prod.ts': `${environmentHeader}process.exit(0);\n\nexport default defineEnvironment({});\n` },
    argv: ['build', '--no-typecheck'],
    code: 'RG103',
    at: { file: 'environments/prod.ts', needle: 'process.exit' },
  },
  {
    id: 'loops-forever',
    group: load,
    title: 'an endless loop (stopped after the 5 s evaluation limit)',
    files: { 'environments/prod.ts': `${environmentHeader}for (;;) {}\n` },
    code: 'RG104',
    at: { file: 'environments/prod.ts' },
  },
  {
    id: 'imports-missing-file',
    group: load,
    title: "import from './_missing', which does not exist",
    files: { 'environments/prod.ts': `${environmentHeader}import { zones } from './_missing';\n\nexport default defineEnvironment({ cluster: { replicas: zones } });\n` },
    code: 'RG107',
    at: { file: 'environments/prod.ts', needle: "'./_missing'" },
  },
  {
    id: 'imports-a-package',
    group: load,
    title: "import of an npm package that is not installed in the project's node_modules ('left-pad')",
    files: { 'environments/prod.ts': `${environmentHeader}import leftPad from 'left-pad';\n\nexport default defineEnvironment({ namespace: leftPad('x', 3) });\n` },
    code: 'RG107',
    at: { file: 'environments/prod.ts', needle: "'left-pad'" },
  },
  {
    id: 'imports-outside-the-project',
    group: load,
    title: 'import of a .ts file outside the project root (../outside)',
    files: { 'environments/prod.ts': `${environmentHeader}import { replicas } from '../../outside';\n\nexport default defineEnvironment({ cluster: { replicas } });\n` },
    setup: async (_fleet, parent) => writeFile(path.join(parent, 'outside.ts'), 'export const replicas = 5;\n'),
    code: 'RG107',
    at: { file: 'environments/prod.ts', needle: "'../../outside'" },
  },
  {
    id: 'no-default-export',
    group: load,
    title: 'only a named export',
    files: { 'environments/prod.ts': `${environmentHeader}export const prod = defineEnvironment({});\n` },
    code: 'RG105',
    at: { file: 'environments/prod.ts' },
  },
  {
    id: 'empty-environment-file',
    group: load,
    title: 'an empty environments/prod.ts',
    files: { 'environments/prod.ts': '' },
    code: 'RG105',
    at: { file: 'environments/prod.ts' },
  },
  {
    id: 'default-export-is-an-array',
    group: load,
    title: 'export default [] (the wrong shape)',
    files: { 'environments/prod.ts': '// An array is not an environment.\nexport default [{ namespace: "shop-prod" }];\n' },
    code: 'RG106',
    at: { file: 'environments/prod.ts', needle: '[{' },
  },
  {
    id: 'default-export-is-async',
    group: load,
    title: 'an async function as default export (configuration is synchronous)',
    files: { 'environments/prod.ts': 'export default async () => ({ namespace: "shop-prod" });\n' },
    code: 'RG106',
    at: { file: 'environments/prod.ts', needle: 'async' },
  },
  {
    id: 'no-base-config',
    group: load,
    title: 'rivven.config.ts is missing',
    files: { 'rivven.config.ts': null },
    code: 'RG101',
  },
  {
    id: 'proto-key-computed',
    group: keys,
    title: "a computed ['__proto__'] key among the topics",
    files: { 'environments/prod.ts': environmentFile("{ topics: { ['__proto__']: { partitions: 3 } } }") },
    code: 'RG201',
    at: { file: 'environments/prod.ts', needle: "['__proto__']" },
  },
  {
    id: 'proto-key-child-process',
    group: keys,
    title: "the computed ['__proto__'] key through a real child process",
    files: { 'environments/prod.ts': environmentFile("{ topics: { ['__proto__']: { partitions: 3 } } }") },
    runner: 'child',
    code: 'RG201',
    at: { file: 'environments/prod.ts', needle: "['__proto__']" },
  },
  {
    id: 'constructor-key',
    group: keys,
    title: 'a topic named constructor',
    files: { 'environments/prod.ts': environmentFile('{ topics: { constructor: { partitions: 3 } } }') },
    code: 'RG201',
    at: { file: 'environments/prod.ts', needle: 'constructor' },
  },
  {
    id: 'prototype-key',
    group: keys,
    title: 'a label named prototype',
    files: { 'environments/prod.ts': environmentFile("{ labels: { prototype: 'yes' } }") },
    code: 'RG201',
    at: { file: 'environments/prod.ts', needle: 'prototype' },
  },
  {
    id: 'proto-key-from-json-file',
    group: keys,
    title: 'topics read with JSON.parse from a .json file holding "__proto__" and "constructor"',
    files: {
      'environments/topics.json': '{ "__proto__": { "partitions": 1 }, "constructor": { "prototype": { "polluted": true } } }\n',
      'environments/prod.ts': jsonTopics,
    },
    code: 'RG201',
    at: { file: 'environments/prod.ts', needle: 'topics }' },
  },
  {
    id: 'proto-literal-typed',
    group: keys,
    title: 'a `__proto__: {...}` literal (sets the prototype): the type-check refuses it',
    files: { 'environments/prod.ts': environmentFile('{ cluster: { __proto__: { replicas: 9 } } }') },
    code: 'RG102',
    at: { file: 'environments/prod.ts', needle: '__proto__' },
  },
  {
    id: 'proto-literal-untyped',
    group: keys,
    title: 'the same `__proto__: {...}` literal with --no-typecheck: an object with a prototype of its own',
    files: { 'environments/prod.ts': environmentFile('{ cluster: { __proto__: { replicas: 9 } } } as never') },
    argv: ['build', '--no-typecheck'],
    code: 'RG203',
    at: { file: 'environments/prod.ts', needle: 'cluster' },
  },
  {
    id: 'object-create-prototype',
    group: keys,
    title: 'cluster: Object.create({ replicas: 9 }) (passes the types: Object.create returns any)',
    files: { 'environments/prod.ts': environmentFile('{ cluster: Object.create({ replicas: 9 }) }') },
    code: 'RG203',
    at: { file: 'environments/prod.ts', needle: 'cluster' },
  },
  {
    id: 'function-in-connector-config',
    group: data,
    title: 'a function inside free-form connector config',
    files: { 'environments/prod.ts': environmentFile("{ connect: { 'cdc-pipeline': { sources: { api: { config: { transform: (x: string) => x } } } } } }") },
    code: 'RG203',
    at: { file: 'environments/prod.ts', needle: 'transform' },
  },
  {
    id: 'bigint-in-connector-config',
    group: data,
    title: 'a BigInt (10n) inside connector config',
    files: { 'environments/prod.ts': environmentFile("{ connect: { 'cdc-pipeline': { sinks: { archive: { config: { maxBytes: 10n } } } } } }") },
    code: 'RG203',
    at: { file: 'environments/prod.ts', needle: 'maxBytes' },
  },
  {
    id: 'date-in-connector-config',
    group: data,
    title: 'a Date inside connector config',
    files: { 'environments/prod.ts': environmentFile("{ connect: { 'cdc-pipeline': { sinks: { archive: { config: { since: new Date(0) } } } } } }") },
    code: 'RG203',
    at: { file: 'environments/prod.ts', needle: 'since' },
  },
  {
    id: 'nested-too-deep',
    group: data,
    title: 'a value nested 10,000 levels deep, built by a loop',
    files: {
      'environments/prod.ts': `${environmentHeader}let deep: unknown = 'x';
for (let i = 0; i < 10_000; i += 1) deep = [deep];

export default defineEnvironment({ connect: { 'cdc-pipeline': { sinks: { archive: { config: { deep } } } } } });
`,
    },
    code: 'RG208',
    // The array literal the loop nests: where the depth is made.
    at: { file: 'environments/prod.ts', needle: 'deep];' },
  },
  {
    id: 'value-contains-itself',
    group: data,
    title: 'a connector config that contains itself',
    files: {
      'environments/prod.ts': `${environmentHeader}const config: Record<string, unknown> = { bucket: 'lake' };
config['self'] = config;

export default defineEnvironment({ connect: { 'cdc-pipeline': { sinks: { archive: { config } } } } });
`,
    },
    code: 'RG209',
    at: { file: 'environments/prod.ts', needle: 'config } }' },
  },
];
