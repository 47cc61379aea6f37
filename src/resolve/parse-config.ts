/**
 * Parsing a merged configuration with the model, topic by topic. Topics are most of a fleet's
 * configuration, and most environments leave most topics as the base wrote them: the merge then hands
 * every environment the very same topic object (see mergeLayer). So each distinct topic object is
 * parsed once per fleet, and the rest of the configuration once per environment, instead of zod
 * parsing every topic again for every environment.
 *
 * The answer is always exactly what `configSchema.safeParse(value)` answers: when the configuration
 * parses, the pieces put together are the same value with the same key order; when any piece does not,
 * the whole configuration is parsed again in one piece, so the issues (and their order) are zod's own.
 */
import type { z } from 'zod';
import { configSchema } from '../model/config.js';
import { isPlainObject } from '../core/json.js';

export type ParsedConfig = z.output<typeof configSchema>;
type ParsedTopics = ParsedConfig['topics'];
type ParsedTopic = ParsedTopics[string];

const topicsRecord = configSchema.shape.topics.unwrap();

/**
 * zod compiles (with `new Function`) a fast path for each object schema the first time it parses one.
 * That pays in a long-lived process; a build parses each of the model's many object schemas a few
 * times (topics: once per distinct topic) and exits, so compiling cost more than it saved (about half
 * the resolve stage of a 3×200 fleet) and the interpreted path is used.
 */
const parseOptions = { jitless: true };

/**
 * Parsing in pieces assumes that nothing checks the configuration as a whole (a refinement of
 * configSchema would see no topics); if the model ever gains such a check, every parse is whole.
 */
const parsesInPieces = (configSchema._zod.def.checks ?? []).length === 0;

/**
 * The topics parsed so far in one fleet. A topic the merge hands to several environments is parsed
 * once; so is a topic written like one parsed before (fleets repeat a handful of settings over many
 * topics), found by its JSON text. JSON writes -0 as 0, which zod keeps apart, so a topic found by its
 * text must also equal the first one value for value. `undefined` is kept for a topic that did not
 * parse: the configuration is then parsed whole, for zod's own issues.
 */
export class TopicParses {
  private readonly byObject = new Map<object, ParsedTopic | undefined>();
  private readonly byText = new Map<string, { readonly topic: object; readonly parsed: ParsedTopic | undefined }>();

  parse(topic: Readonly<Record<string, unknown>>): ParsedTopic | undefined {
    if (this.byObject.has(topic)) return this.byObject.get(topic);
    const text = JSON.stringify(topic);
    const known = this.byText.get(text);
    let parsed: ParsedTopic | undefined;
    if (known !== undefined && sameData(known.topic, topic)) {
      parsed = known.parsed;
    } else {
      const result = topicsRecord.valueType.safeParse(topic, parseOptions);
      parsed = result.success ? result.data : undefined;
      if (known === undefined) this.byText.set(text, { topic, parsed });
    }
    this.byObject.set(topic, parsed);
    return parsed;
  }
}

/** Equal merged data: the same keys in the same order, and leaves equal by Object.is. */
function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => sameData(item, b[i]));
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const keys = Object.keys(a);
  const otherKeys = Object.keys(b);
  return keys.length === otherKeys.length && keys.every((key, i) => key === otherKeys[i] && sameData(a[key], b[key]));
}

export function parseConfig(value: unknown, topicParses: TopicParses): z.ZodSafeParseResult<ParsedConfig> {
  if (parsesInPieces && isPlainObject(value) && isPlainObject(value['topics'])) {
    const topics = parseTopics(value['topics'], topicParses);
    if (topics !== undefined) {
      const rest = configSchema.safeParse({ ...value, topics: {} }, parseOptions);
      // The spread keeps `topics` where the schema's order put it.
      if (rest.success) return { success: true, data: { ...rest.data, topics } };
    }
  }
  return configSchema.safeParse(value, parseOptions);
}

/**
 * What the topics record parses to, as zod's record builds it; undefined when any topic does not parse.
 * `topics` comes from the merge, so its keys are own enumerable strings, never `__proto__`.
 */
function parseTopics(topics: Readonly<Record<string, unknown>>, topicParses: TopicParses): ParsedTopics | undefined {
  const parsed: ParsedTopics = {};
  for (const name of Object.keys(topics)) {
    const topic = topics[name];
    const key = topicsRecord.keyType.safeParse(name, parseOptions);
    if (!key.success || key.data !== name || !isPlainObject(topic)) return undefined;
    const entry = topicParses.parse(topic);
    if (entry === undefined) return undefined;
    Object.defineProperty(parsed, name, { value: entry, enumerable: true, writable: true, configurable: true });
  }
  return parsed;
}
