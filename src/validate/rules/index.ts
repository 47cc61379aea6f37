/**
 * Every semantic rule, in catalog order. Adding a rule: one file exporting one pure function, listed
 * here, with its code in errors/codes/rules.ts (RG3xx) or guide.ts (RG4xx).
 */
import type { EnvironmentRule, FleetRule } from './rule.js';
import { checkReplicationExceedsBrokers } from './replication-exceeds-brokers.js';
import { checkMinInsyncExceedsReplication } from './min-insync-exceeds-replication.js';
import { checkInvalidNames } from './invalid-names.js';
import { checkSinkTopicsUnmatched } from './sink-topics-unmatched.js';
import { checkSourceTopicUndeclared } from './source-topic-undeclared.js';
import { checkRequestsExceedLimits } from './requests-exceed-limits.js';
import { checkPortConflicts } from './port-conflicts.js';
import { checkAutoscalingWithOperator } from './autoscaling-with-operator.js';
import { checkAuthSecrets } from './auth-secrets.js';
import { checkPostgresCdcConnector } from './postgres-cdc-connector.js';
import { checkSchemaStorageReplication } from './schema-storage-replication.js';
import { checkGeneratedNameLength } from './generated-name-length.js';
import { checkTlsConflictingSource } from './tls-conflicting-source.js';
import { checkMtlsWithoutTls } from './mtls-without-tls.js';
import { checkAutoscalingBounds } from './autoscaling-bounds.js';
import { checkArgocdRepository } from './argocd-repository.js';
import { checkClusterAuthToken } from './cluster-auth-token.js';
import { checkTlsMissingSource } from './tls-missing-source.js';
import { checkConnectClusterRef } from './connect-cluster-ref.js';
import { checkDuplicateNamespace } from './duplicate-namespace.js';
import { checkGuideClusterVersion } from './guide-cluster-version.js';
import { checkGuideClusterConfig } from './guide-cluster-config.js';
import { checkGuideCedarAuth } from './guide-cedar-auth.js';
import { checkGuideBackupCli } from './guide-backup-cli.js';
import { checkGuideBrokerIngress } from './guide-broker-ingress.js';
import { checkGuideRequestTimeout } from './guide-request-timeout.js';
import { checkGuidePerSubject } from './guide-per-subject.js';
import { checkGuideFormats } from './guide-formats.js';
import { checkGuideExternalRegistry } from './guide-external-registry.js';
import { checkGuideImageName } from './guide-image-name.js';
import { checkGuideBrokerPorts } from './guide-broker-ports.js';
import { checkCustomBackupCommand } from './custom-backup-command.js';
import { checkFloatingImageTag } from './floating-image-tag.js';
import { checkOperatorScopeConflicts, checkRenderability } from './render-checks.js';
import { checkSecretLiterals } from './secret-literals.js';
import { checkNeedsOperator } from './needs-operator.js';
import { checkUpstreamOperatorDefects } from './upstream-operator-defects.js';
import { checkUpstreamClientTls } from './upstream-client-tls.js';
import { checkUpstreamTopicSettings } from './upstream-topic-settings.js';
import { checkUpstreamAuthUsers } from './upstream-auth-users.js';

export type { EnvironmentRule, FleetRule } from './rule.js';

export const environmentRules: readonly EnvironmentRule[] = [
  checkReplicationExceedsBrokers, // RG301
  checkMinInsyncExceedsReplication, // RG302
  checkInvalidNames, // RG303
  checkSinkTopicsUnmatched, // RG304
  checkSourceTopicUndeclared, // RG305
  checkRequestsExceedLimits, // RG307
  checkPortConflicts, // RG311
  checkAutoscalingWithOperator, // RG312
  checkAuthSecrets, // RG313
  checkPostgresCdcConnector, // RG314
  checkSchemaStorageReplication, // RG315
  checkGeneratedNameLength, // RG316
  checkTlsConflictingSource, // RG318
  checkMtlsWithoutTls, // RG319
  checkAutoscalingBounds, // RG320
  checkArgocdRepository, // RG321
  checkClusterAuthToken, // RG322
  checkTlsMissingSource, // RG325
  checkConnectClusterRef, // RG326
  checkSecretLiterals, // RG327
  checkNeedsOperator, // RG328
  checkGuideClusterVersion, // RG401
  checkGuideClusterConfig, // RG402
  checkGuideCedarAuth, // RG403
  checkGuideBackupCli, // RG404
  checkGuideBrokerIngress, // RG405
  checkGuideRequestTimeout, // RG406
  checkGuidePerSubject, // RG407
  checkGuideFormats, // RG408
  checkGuideExternalRegistry, // RG409
  checkGuideImageName, // RG410
  checkGuideBrokerPorts, // RG411
  checkCustomBackupCommand, // RG412
  checkFloatingImageTag, // RG413
  checkUpstreamOperatorDefects, // RG414–RG423
  checkUpstreamClientTls, // RG424
  checkUpstreamTopicSettings, // RG425
  checkUpstreamAuthUsers, // RG427
  checkRenderability, // RG5xx: what the renderers cannot express
];

export const fleetRules: readonly FleetRule[] = [
  checkDuplicateNamespace, // RG324
  checkOperatorScopeConflicts, // RG514
];
