/**
 * How much disk the declared topics can take at most, against what the brokers have. A partition
 * keeps up to `retentionBytes` plus the active segment (retention deletes whole closed segments), on
 * each of its `replicationFactor` brokers. Topics without `retentionBytes` keep by time only, so their
 * size depends on traffic the compiler cannot know.
 */
import type { ResolvedConfig } from '../model/types.js';
import { parseQuantity } from '../core/units.js';
import { sortedEntries } from './rule.js';
import { compareText } from '../core/order.js';

export interface TopicFootprint {
  readonly topic: string;
  readonly bytes: number;
}

export interface CapacityEstimate {
  /** Sum over brokers of their volume size. */
  readonly capacityBytes: number;
  readonly volumeBytes: number;
  /** Worst case of the topics with a byte limit, largest first. */
  readonly bounded: readonly TopicFootprint[];
  readonly boundedBytes: number;
  /** Topics kept by time only. */
  readonly unbounded: readonly string[];
}

export function estimateCapacity(config: ResolvedConfig): CapacityEstimate | undefined {
  const volumeBytes = parseQuantity(config.cluster.storage.size);
  if (volumeBytes === undefined) return undefined;
  const bounded: TopicFootprint[] = [];
  const unbounded: string[] = [];
  for (const [name, topic] of sortedEntries(config.topics)) {
    if (topic.retentionBytes < 0) unbounded.push(name);
    else bounded.push({ topic: name, bytes: topic.partitions * topic.replicationFactor * (topic.retentionBytes + topic.segmentBytes) });
  }
  bounded.sort((a, b) => b.bytes - a.bytes || compareText(a.topic, b.topic));
  return {
    capacityBytes: volumeBytes * config.cluster.replicas,
    volumeBytes,
    bounded,
    boundedBytes: bounded.reduce((sum, t) => sum + t.bytes, 0),
    unbounded,
  };
}

const binaryUnits = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/** `1610612736` → `1.5 GiB`: for messages only. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < binaryUnits.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const rounded = value >= 100 || Number.isInteger(value) ? Math.round(value).toString() : value.toFixed(1);
  return `${rounded} ${binaryUnits[unit] ?? 'B'}`;
}
