/**
 * The TypeScript compiler API, loaded with `require`. TypeScript ships as one 9 MB CommonJS file; an ESM
 * `import` of it makes Node scan the whole file for named exports (cjs-module-lexer) and sniff its
 * module format first, which costs about 0.4 s per process, more than the rest of a small build.
 * `require` only compiles it. Types come from `import type * as TS from 'typescript'` where needed.
 */
import { createRequire } from 'node:module';
import type * as TS from 'typescript';

const require = createRequire(import.meta.url);

export const ts: typeof TS = require('typescript');
