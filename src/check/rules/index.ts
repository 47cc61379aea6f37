/**
 * Every policy rule, in code order. Adding a rule: one file exporting one `defineRule(...)`, listed
 * here, with its code in errors/codes/check.ts (RG800–RG899, and RG531 which became a rule). Codes never
 * change meaning.
 */
import type { CheckRule } from '../rule.js';
import { minBrokers } from './min-brokers.js';
import { zoneSpread } from './zone-spread.js';
import { podAntiAffinity } from './pod-anti-affinity.js';
import { storageClass } from './storage-class.js';
import { brokerTls } from './broker-tls.js';
import { networkPolicies } from './network-policies.js';
import { resourceRequirements } from './resource-requirements.js';
import { containerProbes } from './container-probes.js';
import { monitoringEnabled } from './monitoring-enabled.js';
import { alertingEnabled } from './alerting-enabled.js';
import { backupSchedule } from './backup-schedule.js';
import { floatingImage } from './floating-image.js';
import { runAsNonRoot } from './run-as-non-root.js';
import { privilegeEscalation } from './privilege-escalation.js';
import { dropCapabilities } from './drop-capabilities.js';
import { readOnlyRootFilesystem } from './read-only-root-filesystem.js';
import { pdbPresent } from './pdb-present.js';
import { pdbConsistent } from './pdb-consistent.js';
import { topicReplication } from './topic-replication.js';
import { topicMinInsync } from './topic-min-insync.js';
import { topicDeleteOnRemove } from './topic-delete-on-remove.js';
import { capacityOverflow } from './capacity-overflow.js';
import { capacityUnbounded } from './capacity-unbounded.js';
import { durabilityBrokers } from './durability-brokers.js';
import { durabilityReplication } from './durability-replication.js';
import { durabilityRetention } from './durability-retention.js';
import { brokerApiExposed } from './broker-api-exposed.js';

export const checkRules: readonly CheckRule[] = [
  minBrokers, // RG801
  zoneSpread, // RG802
  podAntiAffinity, // RG803
  storageClass, // RG804
  brokerTls, // RG805
  networkPolicies, // RG806
  resourceRequirements, // RG807
  containerProbes, // RG808
  monitoringEnabled, // RG809
  alertingEnabled, // RG810
  backupSchedule, // RG811
  floatingImage, // RG820
  runAsNonRoot, // RG821
  privilegeEscalation, // RG822
  dropCapabilities, // RG823
  readOnlyRootFilesystem, // RG824
  pdbPresent, // RG825
  pdbConsistent, // RG826
  topicReplication, // RG830
  topicMinInsync, // RG831
  topicDeleteOnRemove, // RG832
  capacityOverflow, // RG833
  capacityUnbounded, // RG834
  durabilityBrokers, // RG840
  durabilityReplication, // RG841
  durabilityRetention, // RG842
  // Older than the policy (it was a render warning); kept under its code, which never changes meaning.
  brokerApiExposed, // RG531
];
