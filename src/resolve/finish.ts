/**
 * The last, pure step of resolving: values that depend on other values (the namespace from the project
 * and environment name, each topic from topicDefaults and the CRD defaults). Kept apart from the merge so
 * tests and renderers can build a ResolvedConfig from a plain parsed config.
 */
import type { z } from 'zod';
import type { configSchema } from '../model/config.js';
import { defaults } from '../model/defaults.js';
import type { ResolvedConfig, ResolvedTopic } from '../model/types.js';

type ParsedConfig = z.output<typeof configSchema>;

export function finishConfig(parsed: ParsedConfig, environmentName: string): ResolvedConfig {
  const topicDefaults = parsed.topicDefaults ?? {};
  const topics: Record<string, ResolvedTopic> = {};
  for (const name of Object.keys(parsed.topics).sort()) {
    const own = parsed.topics[name];
    if (own === undefined) continue;
    const pick = <K extends keyof typeof topicDefaults>(key: K) => own[key] ?? topicDefaults[key];
    topics[name] = {
      partitions: pick('partitions') ?? defaults.topic.partitions,
      replicationFactor: pick('replicationFactor') ?? defaults.topic.replicationFactor,
      retention: pick('retention') ?? defaults.topic.retentionMs,
      retentionBytes: pick('retentionBytes') ?? defaults.topic.retentionBytes,
      segmentBytes: pick('segmentBytes') ?? defaults.topic.segmentBytes,
      cleanupPolicy: pick('cleanupPolicy') ?? defaults.topic.cleanupPolicy,
      compressionType: pick('compressionType') ?? defaults.topic.compressionType,
      minInsyncReplicas: pick('minInsyncReplicas') ?? defaults.topic.minInsyncReplicas,
      maxMessageBytes: pick('maxMessageBytes') ?? defaults.topic.maxMessageBytes,
      messageTimestampEnabled: pick('messageTimestampEnabled') ?? defaults.topic.messageTimestampEnabled,
      messageTimestampType: pick('messageTimestampType') ?? defaults.topic.messageTimestampType,
      idempotentWrites: pick('idempotentWrites') ?? defaults.topic.idempotentWrites,
      flushInterval: pick('flushInterval') ?? defaults.topic.flushIntervalMs,
      deleteOnRemove: pick('deleteOnRemove') ?? defaults.topic.deleteOnRemove,
      acls: own.acls ?? [],
      ...(topicDefaults.custom || own.custom ? { custom: { ...topicDefaults.custom, ...own.custom } } : {}),
      ...(own.labels ? { labels: own.labels } : {}),
      ...(own.objectLabels ? { objectLabels: own.objectLabels } : {}),
    };
  }
  return {
    ...parsed,
    namespace: parsed.namespace ?? `${parsed.project}-${environmentName}`,
    topics,
  };
}
