/**
 * Every semantic rule, in catalog order. Adding a rule: one file exporting its check and its rule (defineRule), listed
 * here, with its code in errors/codes/rules.ts (RG3xx) or guide.ts (RG4xx).
 */
import type { EnvironmentRule, FleetRule } from './rule.js';
import type { EnvironmentRuleDefinition, FleetRuleDefinition, ValidationRule } from '../define-rule.js';
import { replicationExceedsBrokersRule } from './replication-exceeds-brokers.js';
import { minInsyncExceedsReplicationRule } from './min-insync-exceeds-replication.js';
import { invalidNamesRule } from './invalid-names.js';
import { sinkTopicsUnmatchedRule } from './sink-topics-unmatched.js';
import { sourceTopicUndeclaredRule } from './source-topic-undeclared.js';
import { requestsExceedLimitsRule } from './requests-exceed-limits.js';
import { portConflictsRule } from './port-conflicts.js';
import { autoscalingWithOperatorRule } from './autoscaling-with-operator.js';
import { authSecretsRule } from './auth-secrets.js';
import { postgresCdcConnectorRule } from './postgres-cdc-connector.js';
import { schemaStorageReplicationRule } from './schema-storage-replication.js';
import { generatedNameLengthRule } from './generated-name-length.js';
import { tlsConflictingSourceRule } from './tls-conflicting-source.js';
import { mtlsWithoutTlsRule } from './mtls-without-tls.js';
import { autoscalingBoundsRule } from './autoscaling-bounds.js';
import { argocdRepositoryRule } from './argocd-repository.js';
import { clusterAuthTokenRule } from './cluster-auth-token.js';
import { tlsMissingSourceRule } from './tls-missing-source.js';
import { connectClusterRefRule } from './connect-cluster-ref.js';
import { duplicateNamespaceRule } from './duplicate-namespace.js';
import { argocdFleetModeRule, argocdModeSettingsRule } from './argocd-fleet-mode.js';
import { guideClusterVersionRule } from './guide-cluster-version.js';
import { guideClusterConfigRule } from './guide-cluster-config.js';
import { guideCedarAuthRule } from './guide-cedar-auth.js';
import { guideBackupCliRule } from './guide-backup-cli.js';
import { guideBrokerIngressRule } from './guide-broker-ingress.js';
import { guideRequestTimeoutRule } from './guide-request-timeout.js';
import { guidePerSubjectRule } from './guide-per-subject.js';
import { guideFormatsRule } from './guide-formats.js';
import { guideExternalRegistryRule } from './guide-external-registry.js';
import { guideImageNameRule } from './guide-image-name.js';
import { guideBrokerPortsRule } from './guide-broker-ports.js';
import { customBackupCommandRule } from './custom-backup-command.js';
import { floatingImageTagRule } from './floating-image-tag.js';
import { secretLiteralsRule } from './secret-literals.js';
import { needsOperatorRule } from './needs-operator.js';
import { upstreamOperatorDefectsRule } from './upstream-operator-defects.js';
import { upstreamClientTlsRule } from './upstream-client-tls.js';
import { upstreamTopicSettingsRule } from './upstream-topic-settings.js';
import { upstreamAuthSettingsRule } from './upstream-auth-settings.js';
import { upstreamAuthUsersRule } from './upstream-auth-users.js';

export type { EnvironmentRule, FleetRule } from './rule.js';

/** The validation rules of each environment, in catalog order (the renderers' own run after them: render/render-rules.ts). */
export const environmentRuleDefinitions: readonly EnvironmentRuleDefinition[] = [
  replicationExceedsBrokersRule, // RG301
  minInsyncExceedsReplicationRule, // RG302
  invalidNamesRule, // RG303
  sinkTopicsUnmatchedRule, // RG304
  sourceTopicUndeclaredRule, // RG305
  requestsExceedLimitsRule, // RG307
  portConflictsRule, // RG311
  autoscalingWithOperatorRule, // RG312
  authSecretsRule, // RG313
  postgresCdcConnectorRule, // RG314
  schemaStorageReplicationRule, // RG315
  generatedNameLengthRule, // RG316
  tlsConflictingSourceRule, // RG318
  mtlsWithoutTlsRule, // RG319
  autoscalingBoundsRule, // RG320
  argocdRepositoryRule, // RG321
  clusterAuthTokenRule, // RG322
  tlsMissingSourceRule, // RG325
  connectClusterRefRule, // RG326
  secretLiteralsRule, // RG327
  needsOperatorRule, // RG328
  guideClusterVersionRule, // RG401
  guideClusterConfigRule, // RG402
  guideCedarAuthRule, // RG403
  guideBackupCliRule, // RG404
  guideBrokerIngressRule, // RG405
  guideRequestTimeoutRule, // RG406
  guidePerSubjectRule, // RG407
  guideFormatsRule, // RG408
  guideExternalRegistryRule, // RG409
  guideImageNameRule, // RG410
  guideBrokerPortsRule, // RG411
  customBackupCommandRule, // RG412
  floatingImageTagRule, // RG413
  upstreamOperatorDefectsRule, // RG414–RG423
  upstreamClientTlsRule, // RG424
  upstreamTopicSettingsRule, // RG425
  upstreamAuthUsersRule, // RG427
  upstreamAuthSettingsRule, // RG429, RG430
  argocdModeSettingsRule, // RG336, RG337
];

/** The rules across the environments of a fleet. */
export const fleetRuleDefinitions: readonly FleetRuleDefinition[] = [
  duplicateNamespaceRule, // RG324
  argocdFleetModeRule, // RG335
];

/** Every validation rule; `validateFleet` runs these unless given others. */
export const validationRules: readonly ValidationRule[] = [...environmentRuleDefinitions, ...fleetRuleDefinitions];

/** The check functions alone, for callers that run one rule on a value. */
export const environmentRules: readonly EnvironmentRule[] = environmentRuleDefinitions.map((r) => r.check);
export const fleetRules: readonly FleetRule[] = fleetRuleDefinitions.map((r) => r.check);
