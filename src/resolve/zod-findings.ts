/**
 * zod issues → findings. zod says what is wrong in its own words; users need the catalog code, the
 * config path as they write it, the value they gave, what is allowed, and the line that set it.
 */
import type { z } from 'zod';
import type { Finding, SourceLocation } from '../errors/diagnostic.js';
import { finding, isCode, type Code } from '../errors/catalog.js';
import { formatPath, type PathSegment } from '../core/path.js';
import { valueAt } from './value-at.js';
import { closestName } from './did-you-mean.js';
import { describeCronProblem, formatDuration } from '../core/units.js';
import { knownKeys, numberBounds } from './schema-at-path.js';
import { looksLikeCredentialKey, redactCredentials } from '../errors/credential-text.js';

export type ZodIssue = z.core.$ZodIssue;

export interface IssueContext {
  /** The value that was parsed: issues are reported with the value found at their path. */
  readonly input: unknown;
  /** The schema that was parsed with: names the known fields and the full range of numbers. */
  readonly schema?: z.core.$ZodType;
  /** Position of the value at a path (the caller knows the layers); undefined when unknown. */
  readonly locate: (path: readonly PathSegment[]) => SourceLocation | undefined;
}

export function findingsFromZodIssues(issues: readonly ZodIssue[], context: IssueContext): Finding[] {
  return issues.flatMap((issue) => findingsFromIssue(issue, [], context));
}

function findingsFromIssue(issue: ZodIssue, prefix: readonly PathSegment[], context: IssueContext): Finding[] {
  const path = [...prefix, ...issue.path.map(toSegment)];
  const value = valueAt(context.input, path);
  const at = (code: Code, message: string, hint?: string, where: readonly PathSegment[] = path): Finding => {
    const loc = context.locate(where);
    return finding(code, {
      path: formatPath(where),
      message,
      ...(hint === undefined ? {} : { hint }),
      ...(loc === undefined ? {} : { loc }),
    });
  };
  const name = fieldLabel(path);

  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        const known = context.schema ? knownKeys(context.schema, path) : [];
        const suggestion = closestName(key, known);
        const owner = path.length === 0 ? 'The configuration' : formatPath(path);
        const hint =
          suggestion !== undefined
            ? `Did you mean "${suggestion}"?`
            : known.length > 0
              ? `${owner} accepts: ${known.join(', ')}.`
              : undefined;
        return at('RG202', `${owner} has no field "${key}": an unknown field would be silently ignored, so it is refused.`, hint, [...path, key]);
      });
    case 'invalid_type': {
      const expected = describeExpected(issue.expected);
      if (value === undefined) return [at('RG207', `${name} is required: expected ${expected}.`)];
      return [at('RG203', `${name} must be ${expected}, got ${describeValue(value, path)}.`)];
    }
    case 'too_small':
    case 'too_big':
      return [at('RG204', `${name} must be ${describeRange(issue, path, context)}, got ${describeSize(issue.origin, value, path)}.`)];
    case 'invalid_value': {
      const allowed = issue.values.map((v) => JSON.stringify(v)).join(', ');
      const choice = issue.values.length === 1 ? allowed : `one of ${allowed}`;
      if (value === undefined) return [at('RG207', `${name} is required: expected ${choice}.`)];
      const strings = issue.values.filter((v): v is string => typeof v === 'string');
      const suggestion = typeof value === 'string' ? closestName(value, strings) : undefined;
      return [at('RG205', `${name} must be ${choice}, got ${describeValue(value, path)}.`, suggestion === undefined ? undefined : `Did you mean "${suggestion}"?`)];
    }
    case 'invalid_format':
      return [at('RG206', `${withoutPeriod(issue.message)} at ${name}, got ${describeValue(value, path)}.`)];
    case 'custom': {
      const code = catalogCode(issue.params?.['code']) ?? 'RG208';
      const cronProblem = code === 'RG310' && typeof value === 'string' ? describeCronProblem(value) : undefined;
      if (cronProblem !== undefined) return [at(code, `Invalid cron expression ${JSON.stringify(value).replace(/^"|"$/g, "'")}: ${cronProblem}.`)];
      // `retention: 365` is 365 ms: a range in friendly units says nothing of that unless told.
      if (typeof value === 'number' && mentionsDuration(issue.message)) {
        return [
          at(
            code,
            `${withoutPeriod(issue.message)}, got ${value}, a bare number, which means ${value} millisecond${value === 1 ? '' : 's'}${formatDuration(value).endsWith('ms') ? '' : ` (${formatDuration(value)})`}.`,
            `Durations are strings with a unit, or whole milliseconds: write the unit, e.g. '${value}d' or '${value}h'.`,
          ),
        ];
      }
      const got = value === undefined ? '' : `, got ${describeValue(value, path)}`;
      return [at(code, `${withoutPeriod(issue.message)}${got}.`)];
    }
    case 'invalid_union':
      return findingsFromUnion(issue, path, value, context, at);
    case 'invalid_key': {
      const nested = issue.issues[0];
      const key = String(path[path.length - 1] ?? '');
      const code = nested?.code === 'invalid_format' ? 'RG206' : 'RG208';
      return [at(code, `The key "${key}" is not allowed here: ${withoutPeriod(nested?.message ?? issue.message)}.`)];
    }
    default:
      return [at('RG208', `${name}: ${withoutPeriod(issue.message)}${value === undefined ? '' : `, got ${describeValue(value, path)}`}.`)];
  }
}

/**
 * A union fails as a whole. When only one alternative got past the type check (a number for
 * `string | number` that is out of range), its issues say what is really wrong; otherwise the value
 * has none of the accepted types.
 */
function findingsFromUnion(
  issue: Extract<ZodIssue, { code: 'invalid_union' }>,
  path: readonly PathSegment[],
  value: unknown,
  context: IssueContext,
  at: (code: Code, message: string, hint?: string) => Finding,
): Finding[] {
  const name = fieldLabel(path);
  if (value === undefined) return [at('RG207', `${name} is required.`)];
  const rejectsType = (branch: readonly ZodIssue[]) =>
    branch.length > 0 && branch.every((i) => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'invalid_value'));
  const plausible = issue.errors.filter((branch) => !rejectsType(branch));
  const first = plausible[0];
  if (plausible.length === 1 && first !== undefined) return first.flatMap((nested) => findingsFromIssue(nested, path, context));
  const expected = issue.errors.flatMap((branch) =>
    branch.flatMap((i) =>
      i.path.length > 0
        ? []
        : i.code === 'invalid_type'
          ? [describeExpected(i.expected)]
          : i.code === 'invalid_value'
            ? i.values.map((v) => JSON.stringify(v))
            : [],
    ),
  );
  if (plausible.length === 0 && expected.length > 0) {
    return [at('RG203', `${name} must be ${[...new Set(expected)].join(' or ')}, got ${describeValue(value, path)}.`)];
  }
  return [at('RG208', `${name} matches none of the accepted forms, got ${describeValue(value, path)}.`)];
}

function toSegment(key: PropertyKey): PathSegment {
  return typeof key === 'number' ? key : String(key);
}

function catalogCode(code: unknown): Code | undefined {
  return typeof code === 'string' && isCode(code) ? code : undefined;
}

/** The last named segment, the word a user searches their file for: `partitions`, `acls[0]`. */
function fieldLabel(path: readonly PathSegment[]): string {
  if (path.length === 0) return 'The configuration';
  let start = path.length - 1;
  while (start > 0 && typeof path[start] === 'number') start--;
  return formatPath(path.slice(start));
}

function withoutPeriod(text: string): string {
  return text.endsWith('.') ? text.slice(0, -1) : text;
}

const expectedWords: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  record: 'an object',
  array: 'an array',
  tuple: 'an array',
  null: 'null',
  undefined: 'nothing',
  bigint: 'a number',
};

function describeExpected(expected: string): string {
  return expectedWords[expected] ?? expected;
}

/**
 * A value as it appears in a message: short, and typed so `"3"` and `3` stay distinguishable. A value
 * under a key that names a credential (`token`, `password`, …) is never shown, and credentials inside a
 * string (a URL's password) are masked: messages end up in CI logs.
 */
export function describeValue(value: unknown, path: readonly PathSegment[] = []): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : `an array of ${value.length}`;
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object') return 'an object';
  const key = [...path].reverse().find((s): s is string => typeof s === 'string');
  if (key !== undefined && looksLikeCredentialKey(key) && (typeof value === 'string' || typeof value === 'number')) {
    return typeof value === 'string' ? `a value that is not shown (${value.length} ${plural(value.length, 'character')})` : 'a number that is not shown';
  }
  if (typeof value === 'number' && !Number.isInteger(value)) return String(value);
  const text = typeof value === 'string' ? JSON.stringify(redactCredentials(value)) : String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function describeSize(origin: string, value: unknown, path: readonly PathSegment[]): string {
  if (origin === 'string' && typeof value === 'string') return `${value.length} ${plural(value.length, 'character')} (${describeValue(value, path)})`;
  if (origin === 'array' && Array.isArray(value)) return `${value.length} ${plural(value.length, 'item')}`;
  return describeValue(value, path);
}

/** "between 1 and 10000", "at least 1", "at most 63 characters long": both ends when the model knows them. */
function describeRange(
  issue: Extract<ZodIssue, { code: 'too_small' | 'too_big' }>,
  path: readonly PathSegment[],
  context: IssueContext,
): string {
  const numeric = issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint';
  const bound = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
  const unit = issue.origin === 'string' ? plural(bound, 'character') + ' long' : issue.origin === 'array' || issue.origin === 'set' ? plural(bound, 'item') : '';
  const counted = (n: number) => (unit === '' ? String(n) : `${n} ${unit}`);
  const inclusive = issue.inclusive !== false;
  if (issue.exact === true) return `exactly ${counted(bound)}`;
  if (numeric && inclusive) {
    const bounds = context.schema ? numberBounds(context.schema, path) : {};
    const min = issue.code === 'too_small' ? bound : bounds.min;
    const max = issue.code === 'too_big' ? bound : bounds.max;
    if (min !== undefined && max !== undefined) return `between ${min} and ${max}`;
  }
  if (issue.code === 'too_small') return inclusive ? `at least ${counted(bound)}` : `greater than ${counted(bound)}`;
  return inclusive ? `at most ${counted(bound)}` : `less than ${counted(bound)}`;
}

/** A message that states its bounds in friendly durations (`between 1h and 3650d`). */
function mentionsDuration(message: string): boolean {
  return /\b\d+(?:ms|s|m|h|d|w)\b/.test(message);
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
