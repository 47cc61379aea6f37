/**
 * Evaluates one config file and checks its default export: an object, or a synchronous function
 * returning one (`() => config` for the base, `({ name, base }) => environment` for an environment).
 * Everything that runs user code — the module, its imports, the function call and reading the result —
 * happens inside one timed run, so an endless loop anywhere ends as RG104 instead of a hung build.
 */
import { finding } from '../errors/catalog.js';
import type { Finding, SourceLocation } from '../errors/diagnostic.js';
import { copyIntoHost, deepFreeze, describeKind, isThenable } from './host-value.js';
import { createLiteralTracker } from './literal-tracker.js';
import { createModuleRunner, ImportRefused, RunTimedOut, TranspileFailed } from './module-runner.js';
import { importPublicApi } from './public-api.js';
import { isPlainObjectOfAnyRealm } from '../core/json.js';
import type { TransformOutcome } from '../model/customize-types.js';

export type EvaluationTarget =
  | { readonly kind: 'base' }
  /**
   * `base` is the evaluated base value, or undefined when the base failed (a function form is then
   * skipped); `basePositions` are its positions, which values an environment copies from it keep.
   */
  | {
      readonly kind: 'environment';
      readonly name: string;
      readonly base: unknown;
      readonly basePositions?: ReadonlyMap<string, SourceLocation>;
    };

export type Evaluation =
  | {
      readonly ok: true;
      readonly value: unknown;
      /**
       * Where each path of the value was written, as the code ran: into helper modules, helper
       * functions and spreads (track-literals.ts). Keyed like LoadedFile.positions.
       */
      readonly positions: ReadonlyMap<string, SourceLocation>;
    }
  | { readonly ok: false; readonly findings: readonly Finding[] };

export interface Evaluator {
  /**
   * `file` is project-relative; `exportLoc` (where the default export is written) sharpens RG106.
   * A skipped environment (function form without a base) yields `ok: false` with no findings.
   */
  evaluate(file: string, target: EvaluationTarget, exportLoc?: SourceLocation): Evaluation;
  /**
   * A function of the config (`customize.transform`) callable from later stages: it runs inside the
   * same timed sandbox, gets a deep-frozen copy of its arguments, and its result is copied into this realm.
   */
  wrapFunction(fn: (...args: never[]) => unknown): (...args: readonly unknown[]) => TransformOutcome;
}

type Outcome =
  | { readonly kind: 'value'; readonly value: unknown; readonly positions: ReadonlyMap<string, SourceLocation> }
  | { readonly kind: 'no-default' }
  | { readonly kind: 'skipped' }
  | { readonly kind: 'wrong-shape'; readonly what: string; readonly returned: boolean; readonly promise: boolean };

export async function createEvaluator(options: { readonly root: string; readonly timeoutMs: number }): Promise<Evaluator> {
  const api = await importPublicApi();
  const tracker = createLiteralTracker(options.root);
  const runner = createModuleRunner({ root: options.root, timeoutMs: options.timeoutMs, api, tracker });
  // One frozen copy per base value, shared by every environment function.
  const frozenBases = new WeakMap<object, unknown>();

  function contextFor(target: Extract<EvaluationTarget, { kind: 'environment' }>): unknown {
    const base = target.base;
    if (typeof base !== 'object' || base === null) return Object.freeze({ name: target.name, base });
    let frozen = frozenBases.get(base);
    if (frozen === undefined) {
      frozen = deepFreeze(copyIntoHost(base));
      // `{ ...base.cluster }` copies values the base file wrote: they keep pointing there.
      if (target.basePositions !== undefined) tracker.adopt(frozen, target.basePositions);
      frozenBases.set(base, frozen);
    }
    return Object.freeze({ name: target.name, base: frozen });
  }

  function run(file: string, target: EvaluationTarget): Outcome {
    const exports = runner.requireFile(file);
    if (typeof exports !== 'object' || exports === null || !('default' in exports)) return { kind: 'no-default' };
    let value: unknown = exports.default;
    let returned = false;
    if (typeof value === 'function') {
      if (target.kind === 'environment' && target.base === undefined) return { kind: 'skipped' };
      const args = target.kind === 'base' ? [] : [contextFor(target)];
      value = Reflect.apply(value, undefined, args);
      returned = true;
    }
    if (isThenable(value)) return { kind: 'wrong-shape', what: 'a Promise', returned, promise: true };
    if (!isPlainObjectOfAnyRealm(value)) return { kind: 'wrong-shape', what: describeKind(value), returned, promise: false };
    return { kind: 'value', value: copyIntoHost(value), positions: tracker.positionsBelow(value) };
  }

  function evaluate(file: string, target: EvaluationTarget, exportLoc?: SourceLocation): Evaluation {
    let outcome: Outcome;
    try {
      outcome = runner.runTimed(() => run(file, target));
    } catch (error) {
      return { ok: false, findings: [failureFinding(file, error, runner.locateError(error), options.timeoutMs)] };
    }
    const helper = target.kind === 'base' ? 'defineConfig' : 'defineEnvironment';
    switch (outcome.kind) {
      case 'value':
        return { ok: true, value: outcome.value, positions: outcome.positions };
      case 'skipped':
        return { ok: false, findings: [] };
      case 'no-default':
        return {
          ok: false,
          findings: [
            finding('RG105', {
              path: file,
              message: `${file} has no default export, so there is no configuration to read from it.`,
              hint: `End the file with \`export default ${helper}({ ... })\`.`,
            }),
          ],
        };
      case 'wrong-shape':
        return { ok: false, findings: [wrongShapeFinding(file, helper, outcome, exportLoc)] };
    }
  }

  function wrapFunction(fn: (...args: never[]) => unknown): (...args: readonly unknown[]) => TransformOutcome {
    return (...args) => {
      const frozen = args.map((a) => deepFreeze(copyIntoHost(a)));
      try {
        const value = runner.runTimed(() => copyIntoHost(Reflect.apply(fn, undefined, frozen)));
        return { ok: true, value };
      } catch (error) {
        const loc = runner.locateError(error);
        const message = error instanceof RunTimedOut ? `it did not finish within ${options.timeoutMs} ms` : `it threw ${describeThrown(error)}`;
        return { ok: false, message, ...(loc === undefined ? {} : { loc }) };
      }
    };
  }

  return { evaluate, wrapFunction };
}

function wrongShapeFinding(
  file: string,
  helper: string,
  outcome: Extract<Outcome, { kind: 'wrong-shape' }>,
  loc: SourceLocation | undefined,
): Finding {
  const subject = outcome.returned ? `The function exported by ${file} returned` : `The default export of ${file} is`;
  const message = outcome.promise
    ? `${subject} a Promise: configuration is evaluated synchronously, so the function cannot be async and cannot await.`
    : `${subject} ${outcome.what}; expected the object ${helper} accepts${outcome.returned ? '' : ', or a function returning it'}.`;
  return finding('RG106', {
    path: file,
    message,
    ...(outcome.promise ? { hint: 'Remove async/await and compute the configuration synchronously.' } : {}),
    ...(loc === undefined ? {} : { loc }),
  });
}

function failureFinding(file: string, error: unknown, loc: SourceLocation | undefined, timeoutMs: number): Finding {
  if (error instanceof RunTimedOut) {
    return finding('RG104', {
      path: file,
      message: `${file} did not finish evaluating within ${timeoutMs} ms (an endless loop, or work that never ends, in the file or a file it imports).`,
    });
  }
  if (error instanceof TranspileFailed) {
    return finding('RG111', { path: error.loc.file, message: error.message, loc: error.loc });
  }
  if (error instanceof ImportRefused) {
    return finding(error.code, { path: file, message: error.message, ...(loc === undefined ? {} : { loc }) });
  }
  const where = loc !== undefined && loc.file !== file ? ` (raised in ${loc.file}, which it imports)` : '';
  return finding('RG103', {
    path: file,
    message: `${file} threw while it was evaluated${where}: ${describeThrown(error)}`,
    ...(loc === undefined ? {} : { loc }),
  });
}

/** The thrown value in one line, without a stack trace. Reads nothing that could run more user code. */
function describeThrown(error: unknown): string {
  if (typeof error === 'string') return error;
  if (typeof error === 'function') return 'a thrown function';
  if (typeof error !== 'object' || error === null) return `a thrown ${String(error)}`;
  try {
    const message = 'message' in error && typeof error.message === 'string' ? error.message : undefined;
    const name = 'name' in error && typeof error.name === 'string' ? error.name : 'Error';
    return message === undefined ? `a thrown ${describeKind(error)}` : `${name}: ${message}`;
  } catch {
    return 'a value that cannot be shown';
  }
}
