/**
 * Which topic settings Rivven 0.0.22 can apply, per target. Nothing in 0.0.22 carries per-topic
 * configuration to a broker: the operator sends only a name and a partition count, the `rivven` CLI
 * the same, and rivvend's only topic knobs are broker-wide variables.
 */
import { cite, files, type Citation } from './citation.js';

export type TopicSetting =
  | 'partitions'
  | 'replicationFactor'
  | 'minInsyncReplicas'
  | 'retention'
  | 'retentionBytes'
  | 'segmentBytes'
  | 'cleanupPolicy'
  | 'compressionType'
  | 'maxMessageBytes'
  | 'messageTimestampEnabled'
  | 'messageTimestampType'
  | 'idempotentWrites'
  | 'flushInterval'
  | 'custom'
  | 'acls'
  | 'labels'
  | 'deleteOnRemove';

export interface TopicSettingFact {
  /**
   * `per-topic`: reaches the broker for this topic; `broker-wide`: only as a broker variable for every
   * topic (applied to this topic only when its value equals the broker's); `never`: nothing carries it.
   */
  readonly manifests: 'per-topic-at-creation' | 'broker-wide' | 'never';
  readonly operator: 'per-topic-at-creation' | 'never';
  readonly brokerEnv?: string;
  readonly cite: readonly Citation[];
}

const neverSent = [cite(files.clusterClient, '147-156'), cite(files.topicController, '345-370'), cite(files.rivvenCli, '92-108')];

export const topicSettingFacts: Readonly<Record<TopicSetting, TopicSettingFact>> = {
  partitions: { manifests: 'broker-wide', operator: 'per-topic-at-creation', brokerEnv: 'RIVVEN_DEFAULT_PARTITIONS', cite: [cite(files.clusterClient, '147-156'), cite(files.rivvendCli, '45')] },
  replicationFactor: { manifests: 'broker-wide', operator: 'never', brokerEnv: 'RIVVEN_REPLICATION_FACTOR', cite: [...neverSent, cite(files.rivvendCli, '94')] },
  minInsyncReplicas: { manifests: 'broker-wide', operator: 'never', brokerEnv: 'RIVVEN_MIN_ISR', cite: [...neverSent, cite(files.rivvendCli, '98')] },
  retention: { manifests: 'never', operator: 'never', cite: neverSent },
  retentionBytes: { manifests: 'never', operator: 'never', cite: neverSent },
  segmentBytes: { manifests: 'broker-wide', operator: 'never', brokerEnv: 'RIVVEN_MAX_SEGMENT_SIZE', cite: [...neverSent, cite(files.rivvendCli, '49')] },
  cleanupPolicy: { manifests: 'never', operator: 'never', cite: neverSent },
  compressionType: { manifests: 'never', operator: 'never', cite: neverSent },
  maxMessageBytes: { manifests: 'never', operator: 'never', cite: neverSent },
  messageTimestampEnabled: { manifests: 'never', operator: 'never', cite: neverSent },
  messageTimestampType: { manifests: 'never', operator: 'never', cite: neverSent },
  idempotentWrites: { manifests: 'never', operator: 'never', cite: neverSent },
  flushInterval: { manifests: 'never', operator: 'never', cite: neverSent },
  custom: { manifests: 'never', operator: 'never', cite: neverSent },
  acls: { manifests: 'never', operator: 'never', cite: neverSent },
  labels: { manifests: 'never', operator: 'never', cite: neverSent },
  deleteOnRemove: { manifests: 'never', operator: 'per-topic-at-creation', cite: [cite(files.topicController, '506-539')] },
};

/** How topics come to exist on 0.0.22 under the `manifests` target. */
export const topicCreation = {
  /** A later commit's produce path resolves unknown topics with "get or create" (auto-create). */
  autoCreate: {
    summary:
      'Not confirmed for 0.0.22: in a later commit a producer’s first write creates an unknown topic with the broker defaults (RIVVEN_DEFAULT_PARTITIONS, RIVVEN_REPLICATION_FACTOR); that code was not found at v0.0.22',
    cite: [cite(files.produce, '48-58', 'later-commit')],
  },
  /**
   * No published image carries the `rivven` CLI, and the CLI can neither authenticate nor use TLS, so
   * rivven-gitops renders no topic-creating Job.
   */
  cliJob: {
    possible: false,
    summary:
      'No published image carries the `rivven` CLI (one binary per image), and `rivven topic create` cannot authenticate: rivven-gitops renders an idempotent PostSync Job (`topicJob`) only for a CLI image you build and with broker auth off, and it sets the partition count only',
    cite: [cite(files.dockerfile, '26,48'), cite(files.release, '438-453'), cite(files.rivvenCli, '92-108,186-193')],
  },
} as const;
