/**
 * Runs the user's TypeScript as CommonJS inside one `node:vm` context per load: each file is transpiled
 * (no type information needed), compiled as a function in the context and cached, so a helper imported
 * by two environments runs once. `require` only reaches the running rivven-gitops, Node built-ins, the
 * project's own .ts/.js files and packages installed in the project's node_modules (resolve-package.ts),
 * always at their real place inside the project: a file reached through a link leading outside is never
 * read. Packages run in the same sandbox, with the same literal tracking, so provenance points into
 * them. Source maps from the transpiler turn stack positions back into the user's line:col.
 */
import fs from 'node:fs';
import { createRequire, SourceMap } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import type * as TS from 'typescript';
import { typescript, typescriptInstall } from './typescript.js';
import { derivedFromText } from './derived-cache.js';
import type { SourceLocation } from '../errors/diagnostic.js';
import { InternalError } from '../errors/diagnostic.js';
import { packageName } from './public-api.js';
import { isBuiltinSpecifier, isFile, isInside, realPathInside, realPathOf, toProjectPath } from './paths.js';
import { resolvePackageImport } from './resolve-package.js';
import type { LiteralTracker } from './literal-tracker.js';
import { trackLiterals } from './track-literals.js';

/** An import the sandbox refuses; thrown through the user's code and reported with its code. */
export class ImportRefused extends Error {
  constructor(
    readonly specifier: string,
    /** Project-relative file that asked for it. */
    readonly importer: string,
    readonly reason: string,
    /** RG107 not found or not allowed; RG113 a project file linking outside; RG114 a package outside. */
    readonly code: 'RG107' | 'RG113' | 'RG114' = 'RG107',
  ) {
    super(`Cannot import '${specifier}' from ${importer}: ${reason}`);
    this.name = 'ImportRefused';
  }
}

/** A file that does not transpile (syntax error found while evaluating without a type-check). */
export class TranspileFailed extends Error {
  constructor(
    readonly loc: SourceLocation,
    message: string,
  ) {
    super(message);
    this.name = 'TranspileFailed';
  }
}

/** A timed run exceeded its bound. */
export class RunTimedOut extends Error {}

interface CommonJsModule {
  exports: unknown;
}

export interface ModuleRunner {
  /** Loads (once) and returns a project file's `module.exports`; must be called within `runTimed`. */
  requireFile(file: string): unknown;
  /** Runs `task` so that any user code it reaches is stopped after `timeoutMs` (throws RunTimedOut). */
  runTimed<T>(task: () => T): T;
  /** The user's file:line:col where `error` was raised, if a stack frame points into a project file. */
  locateError(error: unknown): SourceLocation | undefined;
}

const hostRequire = createRequire(import.meta.url);
const moduleParameters = ['exports', 'require', 'module', '__filename', '__dirname'];
const trampolineName = '__rivvenGitopsRun';
const trampoline = new vm.Script(`${trampolineName}()`, { filename: 'rivven-gitops:evaluate' });

export function createModuleRunner(options: {
  readonly root: string;
  readonly timeoutMs: number;
  readonly api: unknown;
  /** Told where each literal of the user's code was written (see track-literals.ts). */
  readonly tracker: LiteralTracker;
}): ModuleRunner {
  const { root, timeoutMs, api, tracker } = options;
  // Configs are pure data: no timers or process; `console` stays so people can debug their files.
  // Microtasks run inside the timed evaluation, so a runaway promise chain is bounded too.
  const context = vm.createContext(
    { console, URL, URLSearchParams, TextEncoder, TextDecoder },
    { name: 'rivven-gitops config', microtaskMode: 'afterEvaluate' },
  );
  const cache = new Map<string, CommonJsModule>();
  const trackerNames = Object.keys(tracker.runtime);
  const trackerFunctions = Object.values(tracker.runtime);
  const parameters = [...moduleParameters, ...trackerNames];
  // Source maps cost a third of a transpile and are needed only to place an error: made on demand from
  // the kept source (the same transpile, with a map: the code it describes is the code that ran).
  const sources = new Map<string, string>();
  const sourceMaps = new Map<string, SourceMap | undefined>();

  function requireFile(file: string): unknown {
    const absolute = path.resolve(root, file);
    const cached = cache.get(absolute);
    if (cached !== undefined) return cached.exports;
    const compiled = compile(absolute);
    const module: CommonJsModule = { exports: {} };
    // Cached before it runs, as in Node: an import cycle sees the partial exports instead of looping.
    cache.set(absolute, module);
    try {
      compiled(module.exports, requireFrom(absolute), module, absolute, path.dirname(absolute), ...trackerFunctions);
    } catch (error) {
      cache.delete(absolute);
      throw error;
    }
    return module.exports;
  }

  function compile(absolute: string): (...args: unknown[]) => unknown {
    const source = fs.readFileSync(absolute, 'utf8');
    const code = transpiledCode(root, absolute, source);
    sources.set(absolute, source);
    const compiled: unknown = vm.compileFunction(code, parameters, { filename: absolute, parsingContext: context });
    if (typeof compiled !== 'function') throw new InternalError(`vm.compileFunction returned ${typeof compiled}`);
    return (...args: unknown[]): unknown => Reflect.apply(compiled, undefined, args);
  }

  function requireFrom(importerAbsolute: string): (specifier: unknown) => unknown {
    const importer = toProjectPath(root, importerAbsolute);
    return (specifier) => {
      if (typeof specifier !== 'string') throw new ImportRefused(String(specifier), importer, 'the module name is not a string');
      if (specifier === packageName) return api;
      if (isBuiltinSpecifier(specifier)) return hostRequire(specifier);
      if (specifier.startsWith(`${packageName}/`)) throw new ImportRefused(specifier, importer, `only '${packageName}' itself is public`);
      if (!specifier.startsWith('./') && !specifier.startsWith('../')) {
        if (path.isAbsolute(specifier)) throw new ImportRefused(specifier, importer, 'config files import relative paths and packages, not absolute paths');
        const resolved = resolvePackageImport(root, path.dirname(importerAbsolute), specifier);
        if (!resolved.ok) throw new ImportRefused(specifier, importer, resolved.reason, resolved.code);
        return requireFile(resolved.file);
      }
      const target = resolveRelative(path.dirname(importerAbsolute), specifier);
      if (target === undefined) throw new ImportRefused(specifier, importer, 'no such .ts or .js file');
      if (!isInside(root, target)) throw new ImportRefused(specifier, importer, `it resolves outside the project (${target})`);
      const real = realPathInside(root, target);
      if (real === undefined) {
        throw new ImportRefused(specifier, importer, `${toProjectPath(root, target)} is a symbolic link to ${realPathOf(target) ?? 'a missing path'}, outside the project, and was not read`, 'RG113');
      }
      return requireFile(real);
    };
  }

  function runTimed<T>(task: () => T): T {
    const holder: { outcome?: { value: T } } = {};
    const globals: Record<string, unknown> = context;
    globals[trampolineName] = () => {
      holder.outcome = { value: task() };
    };
    try {
      trampoline.runInContext(context, { timeout: timeoutMs });
    } catch (error) {
      if (isTimeout(error)) throw new RunTimedOut(`timed out after ${timeoutMs} ms`);
      throw error;
    } finally {
      delete globals[trampolineName];
    }
    if (holder.outcome === undefined) throw new InternalError('a timed evaluation returned without running');
    return holder.outcome.value;
  }

  function sourceMapOf(file: string): SourceMap | undefined {
    if (sourceMaps.has(file)) return sourceMaps.get(file);
    const source = sources.get(file);
    const text = source === undefined ? undefined : transpile(source, file, true).sourceMapText;
    const map = text === undefined ? undefined : new SourceMap(JSON.parse(text));
    sourceMaps.set(file, map);
    return map;
  }

  function locateError(error: unknown): SourceLocation | undefined {
    const stack = readStack(error);
    if (stack === undefined) return undefined;
    const files = [...sources.keys()].sort((a, b) => b.length - a.length);
    for (const line of stack.split('\n').slice(1)) {
      for (const file of files) {
        const at = line.indexOf(`${file}:`);
        if (at < 0) continue;
        const match = /^:(\d+):(\d+)/.exec(line.slice(at + file.length));
        if (match === null) continue;
        const entry = sourceMapOf(file)?.findEntry(Number(match[1]) - 1, Number(match[2]) - 1);
        if (entry === undefined || !('originalLine' in entry)) continue;
        return { file: toProjectPath(root, file), line: entry.originalLine + 1, column: entry.originalColumn + 1 };
      }
    }
    return undefined;
  }

  return { requireFile, runTimed, locateError };
}

const textCodec = { encode: (text: string) => text, decode: (text: string) => text };

/**
 * The CommonJS the sandbox runs for a project file (`absolute`, with its `source`), remembered by its
 * text (derived-cache.ts); throws TranspileFailed at the first syntax error (never remembered: it is
 * reported each time). The type-check worker calls it too, to have it ready before evaluation asks.
 */
export function transpiledCode(root: string, absolute: string, source: string): string {
  // Made by transpile below (its options are in this file, its literal tracking in track-literals.ts)
  // with TypeScript, from a file of this extension.
  const name = { kind: 'js', madeBy: ['load/module-runner', 'load/track-literals'], salt: `${typescriptInstall().version}\0${path.extname(absolute)}` };
  return derivedFromText(name, source, () => transpileChecked(root, source, absolute), textCodec);
}

function transpileChecked(root: string, source: string, absolute: string): string {
  const output = transpile(source, absolute, false);
  const ts = typescript();
  const syntaxError = output.diagnostics?.find((d) => d.category === ts.DiagnosticCategory.Error);
  if (syntaxError !== undefined) {
    const position = syntaxError.file?.getLineAndCharacterOfPosition(syntaxError.start ?? 0) ?? { line: 0, character: 0 };
    throw new TranspileFailed(
      { file: toProjectPath(root, absolute), line: position.line + 1, column: position.character + 1 },
      ts.flattenDiagnosticMessageText(syntaxError.messageText, ' '),
    );
  }
  return output.outputText;
}

/**
 * CommonJS for the sandbox. With or without a source map, the code is the same (a test holds it to
 * that). The remembered code (derived-cache.ts) is named by TypeScript's version, this file's own
 * source (so a change of these options is a new name) and the file's extension and text.
 */
export function transpile(source: string, fileName: string, sourceMap: boolean): TS.TranspileOutput {
  const ts = typescript();
  return ts.transpileModule(source, {
    fileName,
    reportDiagnostics: !sourceMap,
    transformers: { before: [trackLiterals(ts)] },
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      sourceMap,
      inlineSources: false,
    },
  });
}

/** Relative specifiers as the type-checker resolves them (bundler style): with or without extension. */
function resolveRelative(dir: string, specifier: string): string | undefined {
  const base = path.resolve(dir, specifier);
  const candidates = /\.[cm]?js$/.test(base)
    ? [base.replace(/\.([cm]?)js$/, '.$1ts'), base]
    : [base, `${base}.ts`, `${base}.js`, path.join(base, 'index.ts'), path.join(base, 'index.js')];
  return candidates.find((candidate) => /\.[cm]?[tj]s$/.test(candidate) && !candidate.endsWith('.d.ts') && isFile(candidate));
}

function isTimeout(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT';
}

function readStack(error: unknown): string | undefined {
  try {
    if (typeof error === 'object' && error !== null && 'stack' in error && typeof error.stack === 'string') return error.stack;
  } catch {
    // A hostile getter: no location then.
  }
  return undefined;
}
