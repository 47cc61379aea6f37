/**
 * fast-check arbitraries of fleet configurations, derived from the zod model itself so that every field
 * the types allow can appear (and new fields are fuzzed without touching this file). Values are valid
 * by the TYPES (what `tsc` lets a user write) but not necessarily by the model: numbers come in and out
 * of range, refined strings (names, durations, sizes, quantities, cron) come from pools of valid and
 * invalid spellings, plain strings from a pool of YAML traps. Every leaf the model refuses is recorded
 * as a fault (its path), so a property can insist that an environment with a fault fails with a code.
 */
import fc from 'fast-check';
import { z } from 'zod';
import { configSchema } from '../../src/model/config.js';
import { isDnsLabel } from '../../src/core/units.js';
import { isValidTopicName } from '../../src/validate/rules/invalid-names.js';

export type Segment = string | number;

/** A generated value and the paths of the leaves the model refuses. */
export interface Gen {
  readonly value: unknown;
  readonly faults: readonly string[];
}

interface Options {
  /** Environment overlays may remove an optional block or a named entry with `null`. */
  readonly overlay: boolean;
  /** Chance that an optional field is written (deeper levels get less). */
  readonly fieldChance: number;
  /** Chance of an out-of-range or invalid leaf. */
  readonly faultChance: number;
}

type Schema = z.core.$ZodType;

const topicNames = { valid: ['orders', 'orders-events', 'cdc.events', 'cdc.dlq', 'a', 'x'.repeat(63)], invalid: ['Orders', 'a/b', '..', '../etc', 'bestellungen-ü', 'x'.repeat(254), '-lead', 'a_b'] };
const labelNames = { valid: ['main', 'pipe', 'src', 'sink-1', 'a', 'x'.repeat(63)], invalid: ['Main', 'a/b', '..', 'ü', 'x'.repeat(64), 'a.b', '-x'] };
const labelKeys = ['team', 'tier', 'app.kubernetes.io/part-of', 'example.com/owner', 'on', 'x'];
const trickyStrings = ['on', 'yes', '0777', '1e3', '~', 'null', 'true', '0x1F', '.inf', '', 'plain', 'a\nmulti-line\nvalue\n', 'x: y', '- item', '#hash', "it's", '"quoted"', '{a}', '[1]', '&anchor', '*alias', '!tag', '%pct', '@at', '`tick`', 'ü-ñ-文字', 'x'.repeat(300), ' padded ', 'https://example.com/a?b=c', 'user:alice', '*'];

/** Pools for strings whose refinement carries a catalog code (primitives.ts). */
const codedPools: Readonly<Record<string, { valid: readonly unknown[]; invalid: readonly unknown[] }>> = {
  RG303: { valid: ['main', 'rivven-dev', 'monitoring', 'a', 'x'.repeat(63)], invalid: ['Main', 'a/b', '..', 'x'.repeat(64), 'ü', '-x', ''] },
  RG306: { valid: ['my-secret', 'a.b', 'tls-cert', 'x'], invalid: ['Bad_Name', 'a/..', '', 'x'.repeat(254)] },
  RG309: { valid: ['7d', '1h', '12h', '30s', '1h30m', '2w', 3_600_000, 0, '500ms', '10m'], invalid: ['5x', -1, '1.5h', '7 days', '', 1.5, 'd7'] },
  RG323: { valid: ['1Gi', '512Mi', 1_048_576, '10G', '1Ki', '2Mi'], invalid: ['-1Gi', 'lots', 1.5, '1.5', '1e400', ''] },
  RG308: { valid: ['500m', '2', '1Gi', 2, '100Gi', '0.5', '1e3'], invalid: ['-1', 'abc', '10GB', '1e400', '', '1.2.3'] },
  RG310: { valid: ['0 2 * * *', '@daily', '*/15 * * * *', '0 0 1 JAN MON', '5 4 * * sun'], invalid: ['61 * * * *', '* * * *', 'daily', '0 2 * * * *', '*/0 * * * *'] },
  RG204: { valid: ['7d', '1h', '30d'], invalid: ['30m', '3651d'] },
};

/** Plain strings named by their field get realistic values more often than YAML traps. */
const byFieldName: Readonly<Record<string, readonly string[]>> = {
  topic: ['orders', 'orders-events', 'cdc.events', 'missing-topic'],
  topics: ['orders', 'cdc.*', 'orders-events', 'nothing-*'],
  principal: ['user:alice', 'group:ops', '*', 'User:CN=svc,O=corp'],
  connector: ['postgres-cdc', 'http', 's3', 'kafka'],
  consumerGroup: ['g1', 'archiver'],
  image: ['ghcr.io/hupe1980/rivvend:0.0.22', 'registry.example.com/rivven@sha256:' + 'a'.repeat(64), 'busybox'],
  repoURL: ['https://github.com/example/fleet.git', 'git@github.com:example/fleet.git'],
  storageClassName: ['premium-ssd', 'gp3'],
  host: ['*', '10.0.0.0/8', 'broker.example.com'],
  server: ['https://kubernetes.default.svc', 'https://10.0.0.1:6443'],
  path: ['out', 'deploy/out'],
  rivvenVersion: ['0.0.22', '0.0.21', '1.0.0-rc.1'],
};

const urls = ['https://github.com/example/fleet.git', 'https://raw.githubusercontent.com/hupe1980/rivven/v0.0.22/crds/rivvenclusters.yaml', 'http://issuer.example.com'];

/** Values a `Record<string, unknown>` accepts that are not data a manifest can hold. */
const notData: fc.Arbitrary<unknown> = fc.constantFrom<unknown>(
  () => 1,
  10n,
  Symbol('x'),
  new Date(0),
  new Map([[1, 2]]),
  new Set([1]),
  /re/,
  NaN,
  Infinity,
  [undefined],
  Object.create({ inherited: 'value' }),
  new (class Settings {
    readonly level = 3;
  })(),
);

function constant(value: unknown, faults: readonly string[] = []): fc.Arbitrary<Gen> {
  return fc.constant({ value, faults });
}

function unwrap(schema: Schema): Schema {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodDefault || current instanceof z.ZodPrefault || current instanceof z.ZodNullable) current = current.unwrap();
    else if (current instanceof z.ZodPipe) current = current.in;
    else return current;
  }
}

function customCode(schema: Schema): string | undefined {
  for (const check of schema._zod.def.checks ?? []) {
    const params: unknown = Reflect.get(check._zod.def, 'params');
    const code = params !== null && typeof params === 'object' ? Reflect.get(params, 'code') : undefined;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

function regexOf(schema: Schema): RegExp | undefined {
  for (const check of schema._zod.def.checks ?? []) {
    const pattern: unknown = Reflect.get(check._zod.def, 'pattern');
    if (pattern instanceof RegExp) return pattern;
  }
  return undefined;
}

/**
 * Strings matching a field's regular expression, sampled once per expression: generating them afresh
 * for every value is what made the generator slow (fast-check builds negated classes by filtering).
 */
const regexSamples = new Map<string, readonly string[]>();

function matchingStrings(regex: RegExp): fc.Arbitrary<string> {
  const key = regex.toString();
  let samples = regexSamples.get(key);
  if (samples === undefined) {
    samples = [...new Set(fc.sample(fc.stringMatching(regex, { size: 'xsmall' }), { numRuns: 24, seed: 7 }))];
    regexSamples.set(key, samples);
  }
  return fc.constantFrom(...samples);
}

function pathText(path: readonly Segment[]): string {
  return path.map(String).join('.');
}

/**
 * A leaf drawn from `candidates`; a fault when the field's own schema refuses it. Without faults
 * (faultChance 0) a refused candidate is left out instead (undefined: the field is not written).
 */
function leaf(original: Schema, path: readonly Segment[], candidates: fc.Arbitrary<unknown>, options: Options): fc.Arbitrary<Gen> {
  return candidates.map((value) => {
    if (z.safeParse(original, value).success) return { value, faults: [] };
    return options.faultChance === 0 ? { value: undefined, faults: [] } : { value, faults: [pathText(path)] };
  });
}

function pool(valid: readonly unknown[], invalid: readonly unknown[], options: Options): fc.Arbitrary<unknown> {
  if (invalid.length === 0) return fc.constantFrom(...valid);
  return fc.oneof(
    { weight: Math.round((1 - options.faultChance) * 100), arbitrary: fc.constantFrom(...valid) },
    { weight: Math.max(1, Math.round(options.faultChance * 100)), arbitrary: fc.constantFrom(...invalid) },
  );
}

function numberCandidates(schema: z.ZodNumber, options: Options): fc.Arbitrary<unknown> {
  const min = Number.isFinite(schema.minValue ?? NaN) ? (schema.minValue ?? 0) : -1000;
  const rawMax = schema.maxValue ?? NaN;
  const max = Number.isFinite(rawMax) && rawMax < min + 100_000 ? rawMax : min + 1000;
  const integer = schema.isInt === true;
  const inRange = integer ? fc.integer({ min, max: Math.min(max, min + 20) }) : fc.double({ min, max, noNaN: true });
  const wide = integer ? fc.integer({ min, max }) : inRange;
  const outside = fc.constantFrom(min - 1, max + 1, NaN, Infinity, -Infinity, ...(integer ? [min + 0.5] : []), -0, Number.MAX_SAFE_INTEGER + 2);
  return fc.oneof(
    { weight: 70, arbitrary: inRange },
    { weight: 25, arbitrary: wide },
    { weight: Math.max(1, Math.round(options.faultChance * 100)), arbitrary: outside },
  );
}

function stringCandidates(schema: Schema, path: readonly Segment[], options: Options): fc.Arbitrary<unknown> {
  const code = customCode(schema);
  const coded = code === undefined ? undefined : codedPools[code];
  if (coded !== undefined) return pool(coded.valid, coded.invalid, options);
  if (Reflect.get(schema._zod.def, 'format') === 'url') return pool(urls, ['not a url', ''], options);
  const regex = regexOf(schema);
  if (regex !== undefined) return fc.oneof({ weight: 9, arbitrary: matchingStrings(regex) }, { weight: 1, arbitrary: fc.constantFrom(...trickyStrings) });
  const name = [...path].reverse().find((s): s is string => typeof s === 'string');
  const named = name === undefined ? undefined : byFieldName[name];
  if (named !== undefined) return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...named) }, { weight: 1, arbitrary: fc.constantFrom(...trickyStrings) });
  return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...trickyStrings) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });
}

function recordKeys(path: readonly Segment[], keySchema: Schema, options: Options): { keys: fc.Arbitrary<string>; invalid: (key: string) => boolean } {
  const owner = path[path.length - 1];
  const choose = (names: { valid: readonly string[]; invalid: readonly string[] }) => pool(names.valid, names.invalid, options).map(String);
  if (owner === 'topics') return { keys: choose(topicNames), invalid: (k) => !isValidTopicName(k) };
  if (owner === 'connect' || owner === 'sources' || owner === 'sinks') return { keys: choose(labelNames), invalid: (k) => !isDnsLabel(k) };
  const regex = regexOf(unwrap(keySchema));
  if (regex !== undefined) return { keys: matchingStrings(regex), invalid: () => false };
  return { keys: fc.constantFrom(...labelKeys), invalid: () => false };
}

function objectArbitrary(schema: z.ZodObject, path: readonly Segment[], options: Options, omit: ReadonlySet<string>): fc.Arbitrary<Gen> {
  const shape: Record<string, Schema> = schema.shape;
  const depthChance = options.fieldChance / (1 + path.length * 0.6);
  const fields = Object.keys(shape)
    .filter((key) => !omit.has(key))
    .map((key) => {
      const field = shape[key];
      if (field === undefined) return fc.constant(undefined);
      const optional = field instanceof z.ZodOptional || field instanceof z.ZodDefault || field instanceof z.ZodPrefault;
      const child = arbitraryFor(field, [...path, key], options).map((g): [string, Gen] => [key, g]);
      if (!optional) return child;
      const absent = fc.constant(undefined);
      const removed = fc.constant<[string, Gen]>([key, { value: null, faults: [] }]);
      return fc.oneof(
        { weight: Math.round((1 - depthChance) * 100), arbitrary: absent },
        { weight: Math.max(1, Math.round(depthChance * 100)), arbitrary: child },
        ...(options.overlay ? [{ weight: 4, arbitrary: removed }] : []),
      );
    });
  return fc.tuple(...fields).map((entries) => {
    const value: Record<string, unknown> = {};
    const faults: string[] = [];
    for (const entry of entries) {
      if (entry === undefined || entry[1].value === undefined) continue;
      const [key, gen] = entry;
      Object.defineProperty(value, key, { value: gen.value, enumerable: true, writable: true, configurable: true });
      faults.push(...gen.faults);
    }
    return containerFaults(schema, path, value, faults, options);
  });
}

function recordArbitrary(schema: z.ZodRecord, path: readonly Segment[], options: Options): fc.Arbitrary<Gen> {
  const { keys, invalid } = recordKeys(path, schema.keyType, options);
  const entry = fc.tuple(keys, arbitraryFor(schema.valueType, [...path, '*'], options), fc.integer({ min: 0, max: 19 }));
  return fc.uniqueArray(entry, { maxLength: 3, selector: ([key]) => key }).map((entries) => {
    const value: Record<string, unknown> = {};
    const faults: string[] = [];
    for (const [key, gen, dice] of entries) {
      if (gen.value === undefined) continue;
      const remove = options.overlay && dice === 0;
      Object.defineProperty(value, key, { value: remove ? null : gen.value, enumerable: true, writable: true, configurable: true });
      if (remove) continue;
      faults.push(...gen.faults.map((f) => f.replace(`${pathText(path)}.*`, `${pathText(path)}.${key}`)));
      if (invalid(key)) faults.push(`${pathText(path)}.${key}`);
    }
    return containerFaults(schema, path, value, faults, options);
  });
}

function arrayArbitrary(schema: z.ZodArray, original: Schema, path: readonly Segment[], options: Options): fc.Arbitrary<Gen> {
  const element = arbitraryFor(schema.element, [...path, 0], options);
  return fc.array(element, { maxLength: 3 }).map((items) => {
    const value = items.map((g) => g.value).filter((v) => v !== undefined);
    return containerFaults(original, path, value, items.flatMap((g) => g.faults), options);
  });
}

/**
 * A container whose items are all fine can still be refused as a whole (too few items, a rule across
 * fields): then the container is the fault. Overlays are checked leaf by leaf only, because their
 * `null`s are removals the schema does not accept before the merge.
 */
function containerFaults(original: Schema, path: readonly Segment[], value: unknown, faults: readonly string[], options: Options): Gen {
  if (faults.length > 0 || options.overlay || z.safeParse(original, value).success) return { value, faults };
  return { value, faults: [pathText(path)] };
}

/** An arbitrary of values the TypeScript type of `schema` accepts. */
export function arbitraryFor(original: Schema, path: readonly Segment[], options: Options, omit: ReadonlySet<string> = new Set()): fc.Arbitrary<Gen> {
  const schema = unwrap(original);
  if (schema instanceof z.ZodObject) return objectArbitrary(schema, path, options, omit);
  if (schema instanceof z.ZodRecord) return recordArbitrary(schema, path, options);
  if (schema instanceof z.ZodArray) return arrayArbitrary(schema, original, path, options);
  if (schema instanceof z.ZodUnion) {
    const branches: readonly Schema[] = schema.options;
    // The union's own refinement (durations, sizes, quantities) decides its pool.
    if (customCode(schema) !== undefined) return leaf(original, path, stringCandidates(schema, path, options), options);
    return fc.oneof(...branches.map((b) => leafOrNested(b, original, path, options)));
  }
  return leafOrNested(schema, original, path, options);
}

function leafOrNested(schema: Schema, original: Schema, path: readonly Segment[], options: Options): fc.Arbitrary<Gen> {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodObject || inner instanceof z.ZodRecord || inner instanceof z.ZodArray || inner instanceof z.ZodUnion) {
    return arbitraryFor(inner, path, options);
  }
  if (inner instanceof z.ZodEnum) return leaf(original, path, fc.constantFrom(...inner.options), options);
  if (inner instanceof z.ZodLiteral) return leaf(original, path, fc.constantFrom(...inner.values), options);
  if (inner instanceof z.ZodBoolean) return leaf(original, path, fc.boolean(), options);
  if (inner instanceof z.ZodNumber) return leaf(original, path, numberCandidates(inner, options), options);
  if (inner instanceof z.ZodString || inner._zod.def.type === 'string') return leaf(original, path, stringCandidates(inner, path, options), options);
  if (inner instanceof z.ZodUnknown || inner._zod.def.type === 'unknown' || inner._zod.def.type === 'any') {
    // Free-form connector config (`Record<string, unknown>`): usually JSON data, but the type admits
    // anything a program can build.
    const data = leaf(original, path, fc.jsonValue({ maxDepth: 2 }), options);
    if (options.faultChance === 0) return data;
    return fc.oneof({ weight: 9, arbitrary: data }, { weight: 1, arbitrary: notData.map((value) => ({ value, faults: [pathText(path)] })) });
  }
  return constant(undefined);
}

const baseOptions: Options = { overlay: false, fieldChance: 0.45, faultChance: 0.01 };
const overlayOptions: Options = { overlay: true, fieldChance: 0.3, faultChance: 0.04 };

/** A base configuration (`rivven.config.ts`). */
export function arbitraryBase(options: Partial<Options> = {}): fc.Arbitrary<Gen> {
  return arbitraryFor(configSchema, [], { ...baseOptions, ...options });
}

/** An environment overlay (`environments/<name>.ts`): no project/output, `null` removes. */
export function arbitraryOverlay(options: Partial<Options> = {}): fc.Arbitrary<Gen> {
  return arbitraryFor(configSchema, [], { ...overlayOptions, ...options }, new Set(['project', 'output']));
}

export interface FleetCase {
  readonly base: Gen;
  readonly environments: readonly { readonly name: string; readonly overlay: Gen }[];
}

const environmentNames = ['dev', 'prod', 'staging', 'qa', 'eu-prod'];

/** A base and one to three environments. */
export function arbitraryFleet(options: { base?: Partial<Options>; overlay?: Partial<Options> } = {}): fc.Arbitrary<FleetCase> {
  return fc.record({
    base: arbitraryBase(options.base),
    environments: fc
      .subarray(environmentNames, { minLength: 1, maxLength: 3 })
      .chain((names) => fc.tuple(...names.map((name) => arbitraryOverlay(options.overlay).map((overlay) => ({ name, overlay }))))),
  });
}
