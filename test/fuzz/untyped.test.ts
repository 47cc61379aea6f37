/**
 * What `--no-typecheck` (or a plain .js helper, or a value built at runtime) lets through: a generated
 * fleet with arbitrary values — any JSON, `__proto__` and `constructor` keys, wrong types, huge and
 * negative numbers, class instances — written over random places. The pipeline must answer with
 * catalogued findings and never crash, and must never change Object.prototype.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { hasErrors } from '../../src/errors/diagnostic.js';
import { arbitraryFleet } from './arbitrary-config.js';
import { describeCrash, projectOf, runPipeline, uncatalogued } from './run-pipeline.js';

const runs = Number(process.env['FUZZ_RUNS'] ?? 150);

type Segment = string | number;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Every path into a value (objects and arrays), the root included; an injection can make cycles. */
function pathsOf(value: unknown, prefix: Segment[] = [], out: Segment[][] = [], seen = new Set<unknown>()): Segment[][] {
  out.push(prefix);
  if (seen.has(value)) return out;
  seen.add(value);
  if (Array.isArray(value)) value.forEach((item, i) => pathsOf(item, [...prefix, i], out, seen));
  else if (isRecord(value)) for (const key of Object.keys(value)) pathsOf(value[key], [...prefix, key], out, seen);
  return out;
}

/** A copy of the plain objects and arrays of a generated value (functions and instances are shared). */
function copyPlain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyPlain);
  if (!isRecord(value) || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) Object.defineProperty(out, key, { value: copyPlain(value[key]), enumerable: true, writable: true, configurable: true });
  return out;
}

/** Writes `replacement` at `path` (or under a new `key` when the target is an object). */
function writeAt(root: unknown, path: readonly Segment[], key: string | undefined, replacement: unknown): unknown {
  if (path.length === 0) {
    if (key === undefined || !isRecord(root)) return replacement;
    Object.defineProperty(root, key, { value: replacement, enumerable: true, writable: true, configurable: true });
    return root;
  }
  let parent: unknown = root;
  for (const segment of path.slice(0, -1)) parent = Array.isArray(parent) ? parent[Number(segment)] : isRecord(parent) ? parent[String(segment)] : undefined;
  const last = path[path.length - 1];
  if (last === undefined) return root;
  if (Array.isArray(parent)) parent[Number(last)] = replacement;
  else if (isRecord(parent)) Object.defineProperty(parent, String(last), { value: replacement, enumerable: true, writable: true, configurable: true });
  return root;
}

const hostile = fc.oneof(
  fc.anything({ maxDepth: 2, withNullPrototype: true, withObjectString: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withBoxedValues: true }),
  fc.constantFrom<unknown>(-1, 0, 1e308, -1e308, 2 ** 53 + 1, '', ' ', 'x'.repeat(10_000), [], {}, null, true, 'RG999', '../../etc/passwd', '__proto__'),
  fc.constant(null).map(() => JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}')),
);

const hostileKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '', ' ', 'ü', 'a/b', '..', 'x'.repeat(300), 'topics', 'replicas', 'enabled');

interface Injection {
  readonly target: number;
  readonly pick: number;
  readonly key: string | undefined;
  readonly value: unknown;
}

const injection: fc.Arbitrary<Injection> = fc.record({
  target: fc.nat(),
  pick: fc.nat(),
  key: fc.option(hostileKey, { nil: undefined }),
  value: hostile,
});

test('arbitrary values written anywhere never crash the pipeline and always come back as catalogued findings', () => {
  let errors = 0;
  fc.assert(
    fc.property(arbitraryFleet(), fc.array(injection, { minLength: 1, maxLength: 4 }), (fleet, injections) => {
      const layers: unknown[] = [copyPlain(fleet.base.value), ...fleet.environments.map((e) => copyPlain(e.overlay.value))];
      for (const inj of injections) {
        const index = inj.target % layers.length;
        const paths = pathsOf(layers[index]);
        const path = paths[inj.pick % paths.length] ?? [];
        try {
          layers[index] = writeAt(layers[index], path, inj.key, inj.value);
        } catch {
          // A frozen or non-configurable spot of a generated value: this injection is skipped.
        }
      }
      const [base, ...overlays] = layers;
      const result = runPipeline(projectOf(base, fleet.environments.map((e, i) => ({ name: e.name, value: overlays[i] }))));
      if (result.crash !== undefined) throw new Error(`crash: ${describeCrash(result.crash)}`);
      assert.equal(uncatalogued(result.findings), []);
      if (hasErrors(result.findings)) errors += 1;
      assert.is(Reflect.get({}, 'polluted'), undefined, 'Object.prototype is untouched');
    }),
    { numRuns: runs, includeErrorInReport: true, ...(process.env['FUZZ_SEED'] ? { seed: Number(process.env['FUZZ_SEED']), path: process.env['FUZZ_PATH'] } : {}) },
  );
  assert.ok(errors > runs / 2, `hostile values were mostly refused (${errors} of ${runs})`);
});

test.run();
