/**
 * Topics an environment writes to besides those it declares: what connect sources publish, including
 * the postgres-cdc connector's side topics and router destinations. Sinks may consume any of them.
 */
import type { ResolvedConfig } from '../model/types.js';
import type { PathSegment } from '../core/path.js';
import { sortedEntries } from './rules/rule.js';

export interface ProducedTopic {
  /** A topic name, or a routing template with `{schema}`, `{table}`, `{database}` placeholders. */
  readonly name: string;
  readonly template: boolean;
  /** Where it is configured. */
  readonly path: readonly PathSegment[];
}

export function producedTopics(config: ResolvedConfig): ProducedTopic[] {
  const out: ProducedTopic[] = [];
  const add = (name: string | undefined, path: PathSegment[], template = false) => {
    if (name !== undefined) out.push({ name, template, path });
  };
  for (const [pipeline, spec] of sortedEntries(config.connect)) {
    for (const [source, s] of sortedEntries(spec.sources)) {
      const at = ['connect', pipeline, 'sources', source];
      add(s.topic, [...at, 'topic']);
      add(s.topicRouting, [...at, 'topicRouting'], true);
      const cdc = s.postgresCdc;
      if (cdc === undefined) continue;
      const cdcAt = [...at, 'postgresCdc'];
      if (cdc.transactionTopic?.enabled === true) add(cdc.transactionTopic.topicName, [...cdcAt, 'transactionTopic', 'topicName']);
      if (cdc.schemaChangeTopic?.enabled === true) add(cdc.schemaChangeTopic.topicName, [...cdcAt, 'schemaChangeTopic', 'topicName']);
      if (cdc.router?.enabled === true) {
        add(cdc.router.defaultDestination, [...cdcAt, 'router', 'defaultDestination']);
        add(cdc.router.deadLetterQueue, [...cdcAt, 'router', 'deadLetterQueue']);
        (cdc.router.rules ?? []).forEach((rule, i) => add(rule.destination, [...cdcAt, 'router', 'rules', i, 'destination']));
      }
    }
  }
  const registry = config.schemaRegistry;
  if (registry?.enabled === true && registry.storage.mode === 'broker') add(registry.storage.topic, ['schemaRegistry', 'storage', 'topic']);
  return out;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function isGlob(pattern: string): boolean {
  return /[*?]/.test(pattern);
}

/** `cdc.*` → /^cdc\..*$/ (`*` any run of characters, `?` one character). */
export function globToRegExp(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : escapeRegExp(c))).join('')}$`);
}

function templateToRegExp(template: string): RegExp {
  return new RegExp(`^${template.split(/\{[a-z_]+\}/).map(escapeRegExp).join('.+')}$`);
}

/** The text before the first wildcard or placeholder. */
function literalPrefix(text: string, stop: RegExp): string {
  const index = text.search(stop);
  return index < 0 ? text : text.slice(0, index);
}

/**
 * A test of whether a sink's topic entry can match a topic. For a glob against a routing template,
 * whose topics are only known at run time, the answer is "maybe" when their literal prefixes agree;
 * "maybe" counts as a match, so the rule only reports entries that certainly match nothing.
 */
export function sinkEntryMatcher(entry: string): (topic: { name: string; template: boolean }) => boolean {
  const glob = isGlob(entry) ? globToRegExp(entry) : undefined;
  const prefix = literalPrefix(entry, /[*?]/);
  return (topic) => {
    if (!topic.template) return glob === undefined ? entry === topic.name : glob.test(topic.name);
    if (glob === undefined) return templateToRegExp(topic.name).test(entry);
    const templatePrefix = literalPrefix(topic.name, /\{/);
    return prefix.startsWith(templatePrefix) || templatePrefix.startsWith(prefix);
  };
}
