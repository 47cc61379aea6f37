/**
 * The topic settings of a configuration that Rivven 0.0.22 will not apply, per topic. Pure; read by
 * validation (RG425 findings with positions) and by the diff reports, so a pull request shows them too.
 * Settings left at the model's defaults are not listed: nothing claims them either way.
 */
import { rowDefault, valueAt } from '../fields/derive.js';
import type { FieldRow, FieldUnit } from '../fields/row.js';
import { topicDeleteOnRemove, topicTable } from '../fields/topic.js';
import type { ResolvedConfig, ResolvedTopic } from '../model/types.js';
import { topicSettingFacts, type TopicSetting } from '../facts/topic-settings.js';
import { rivvendEnv } from '../facts/rivvend.js';
import { InternalError } from '../errors/diagnostic.js';

export interface UnappliedSetting {
  readonly setting: TopicSetting;
  readonly value: string;
  /** Why it does not take effect, in a few words. */
  readonly reason: string;
}

export interface UnappliedTopic {
  readonly topic: string;
  readonly settings: readonly UnappliedSetting[];
}

/** What rivvend applies to every topic, from the variables the `manifests` target sets (cli.rs defaults otherwise). */
function rivvendDefaultNumber(variable: string): number {
  const value = Number(rivvendEnv[variable]?.default);
  if (!Number.isInteger(value)) throw new InternalError(`the fact table has no integer default for ${variable}`);
  return value;
}

export function brokerTopicDefaults(config: Pick<ResolvedConfig, 'cluster'>): { partitions: number; replicationFactor: number; minInsyncReplicas: number } {
  const c = config.cluster.config;
  // rivvend's own defaults, from the fact table (crates/rivvend/src/cli.rs), when the config sets none.
  const replicationFactor = c?.defaultReplicationFactor ?? rivvendDefaultNumber('RIVVEN_REPLICATION_FACTOR');
  const minIsr = rivvendDefaultNumber('RIVVEN_MIN_ISR');
  const minInsyncReplicas = c?.minInsyncReplicas ?? (c?.defaultReplicationFactor !== undefined && c.defaultReplicationFactor < minIsr ? c.defaultReplicationFactor : minIsr);
  return { partitions: c?.defaultPartitions ?? rivvendDefaultNumber('RIVVEN_DEFAULT_PARTITIONS'), replicationFactor, minInsyncReplicas };
}

/**
 * The scalar settings the topic table maps (config path, unit, default), in the fact table's order:
 * one row each, compared with the row's default. deleteOnRemove is lifecycle, not a topic setting.
 */
const scalarUnits: readonly FieldUnit[] = ['plain', 'duration-ms', 'bytes', 'bytes-or-unlimited'];
const scalarRows: readonly (readonly [TopicSetting, FieldRow, unknown])[] = (Object.keys(topicSettingFacts) as TopicSetting[]).flatMap((setting) => {
  const row = topicTable.rows.find((r) => r.config.length === 1 && r.config[0] === setting);
  if (row === undefined || row === topicDeleteOnRemove || !scalarUnits.includes(row.unit)) return [];
  return [[setting, row, rowDefault(topicTable, row)] as const];
});
const unitBySetting = new Map(scalarRows.map(([setting, row]) => [setting, row.unit]));

/** Whether the `manifests` target's topic Job runs (render/topic-job.ts renders it on the same terms). */
export function topicJobRuns(config: Pick<ResolvedConfig, 'target' | 'cluster' | 'topicJob'>): boolean {
  return config.target === 'manifests' && config.topicJob !== undefined && !config.cluster.auth.enabled;
}

/** Values of the settings that are not at the model's default, as users write them. */
function writtenSettings(t: ResolvedTopic): [TopicSetting, string][] {
  const out: [TopicSetting, string][] = [];
  const differs = (setting: TopicSetting, value: unknown, dflt: unknown) => {
    if (value !== dflt) out.push([setting, String(value)]);
  };
  for (const [setting, row, dflt] of scalarRows) differs(setting, valueAt(t, row.config), dflt);
  if (t.custom !== undefined && Object.keys(t.custom).length > 0) out.push(['custom', Object.keys(t.custom).sort().join(', ')]);
  if (t.acls.length > 0) out.push(['acls', `${t.acls.length} rule${t.acls.length === 1 ? '' : 's'}`]);
  if (t.labels !== undefined && Object.keys(t.labels).length > 0) out.push(['labels', Object.keys(t.labels).sort().join(', ')]);
  return out;
}

function displayValue(setting: TopicSetting, value: string): string {
  const unit = unitBySetting.get(setting);
  if (unit === 'duration-ms') return `${value} ms`;
  if (unit === 'bytes' || unit === 'bytes-or-unlimited') return `${value} bytes`;
  return value;
}

function reasonFor(config: Pick<ResolvedConfig, 'target' | 'cluster' | 'topicJob'>, setting: TopicSetting, value: string): string | undefined {
  const fact = topicSettingFacts[setting];
  if (config.target === 'operator') {
    return fact.operator === 'never' ? 'the operator never sends it to the broker' : undefined;
  }
  if (fact.manifests === 'never') return 'nothing carries it to a 0.0.22 broker';
  // The topic Job creates each topic with its own partition count (at creation only).
  if (setting === 'partitions' && topicJobRuns(config)) return undefined;
  if (fact.manifests === 'broker-wide') {
    const broker = brokerTopicDefaults(config);
    const brokerValue = setting === 'partitions' ? broker.partitions : setting === 'replicationFactor' ? broker.replicationFactor : setting === 'minInsyncReplicas' ? broker.minInsyncReplicas : undefined;
    if (brokerValue !== undefined && String(brokerValue) === value) return undefined;
    return `only the broker-wide ${fact.brokerEnv ?? 'default'}${brokerValue === undefined ? '' : ` (${brokerValue})`} applies`;
  }
  return undefined;
}

/** Every topic with settings that will not take effect, sorted by topic name. */
export function findUnappliedTopicSettings(config: Pick<ResolvedConfig, 'target' | 'cluster' | 'topics' | 'topicJob'>): UnappliedTopic[] {
  const result: UnappliedTopic[] = [];
  for (const name of Object.keys(config.topics).sort()) {
    const t = config.topics[name];
    if (t === undefined) continue;
    const settings: UnappliedSetting[] = [];
    for (const [setting, value] of writtenSettings(t)) {
      const reason = reasonFor(config, setting, value);
      if (reason !== undefined) settings.push({ setting, value: displayValue(setting, value), reason });
    }
    // Under `manifests` nothing deletes a topic: a removal from Git never reaches the broker.
    if (config.target === 'manifests' && t.deleteOnRemove) settings.push({ setting: 'deleteOnRemove', value: 'true', reason: 'nothing deletes topics under target "manifests"' });
    if (settings.length > 0) result.push({ topic: name, settings });
  }
  return result;
}

/** One line per topic, for messages and reports. */
export function describeUnappliedTopic(u: UnappliedTopic): string {
  return `Topic "${u.topic}": ${u.settings.map((s) => `${s.setting} ${s.value} (${s.reason})`).join('; ')} — not applied by Rivven 0.0.22.`;
}
