/**
 * The renderers' own checks (values a CRD cannot hold, connector keys that do nothing, PDBs that block
 * drains), as rules of the one rule shape. They run with the validation rules, before anything is
 * written, so a build with such errors never writes and inherited problems are reported once for the
 * fleet. Each check lives beside the renderer whose knowledge it shares and names only the config path;
 * `locate: 'config-path'` finds the line that set it.
 */
import { defineRule, type EnvironmentRuleDefinition, type FleetRuleDefinition, type ValidationRule } from '../validate/define-rule.js';
import { environmentRuleDefinitions, fleetRuleDefinitions } from '../validate/rules/index.js';
import { findBrokerHpaIssues } from './broker-hpa.js';
import { findBrokerPdbIssues } from './broker-pdb.js';
import { findBrokerStatefulSetIssues } from './broker-statefulset.js';
import { findOperatorInstallIssues, findOperatorScopeConflicts } from './operator-install.js';
import { findRivvenClusterIssues } from './rivven-cluster.js';
import { findConnectRenderIssues } from './rivven-connect.js';
import { findSchemaRegistryIssues } from './rivven-schema-registry.js';
import { findIngressIssues } from './ingress.js';
import { findMonitoringIssues } from './monitoring.js';
import { findNetworkPolicyIssues } from './network-policy.js';
import { findTopicJobIssues } from './topic-job.js';
import { findSealedSecretIssues } from './sealed-secrets.js';

const renderCheck = (codes: EnvironmentRuleDefinition['codes'], check: EnvironmentRuleDefinition['check']): EnvironmentRuleDefinition =>
  defineRule({ scope: 'environment', codes, severity: 'as-found', locate: 'config-path', check });

/** In the order the renderers ran them when they were one validation rule. */
export const renderEnvironmentRules: readonly EnvironmentRuleDefinition[] = [
  renderCheck(['RG426', 'RG504', 'RG505', 'RG506'], findRivvenClusterIssues),
  renderCheck(['RG500', 'RG501', 'RG502', 'RG503', 'RG507'], findConnectRenderIssues),
  renderCheck(['RG506'], findSchemaRegistryIssues),
  renderCheck(['RG510'], findBrokerStatefulSetIssues),
  renderCheck(['RG511'], findBrokerPdbIssues),
  renderCheck(['RG512'], findBrokerHpaIssues),
  renderCheck(['RG513'], findOperatorInstallIssues),
  renderCheck(['RG533'], findMonitoringIssues),
  renderCheck(['RG530'], findNetworkPolicyIssues),
  renderCheck(['RG532'], findIngressIssues),
  renderCheck(['RG428'], findTopicJobIssues),
  // RG350–RG355 (delivery) run after customize (pipelines/compile-project.ts), where the escape hatches' deliveries count.
  defineRule({ scope: 'environment', codes: ['RG362'], severity: 'as-found', locate: 'provenance', check: findSealedSecretIssues }),
];

export const renderFleetRules: readonly FleetRuleDefinition[] = [
  defineRule({ scope: 'fleet', codes: ['RG514'], severity: 'as-found', locate: 'provenance', check: (fleet) => findOperatorScopeConflicts(fleet.environments) }),
];

/**
 * What runs before rendering: the validation rules, then the renderers' own (per environment, then
 * across the fleet), in the order the build has always reported them.
 */
export const buildRules: readonly ValidationRule[] = [...environmentRuleDefinitions, ...renderEnvironmentRules, ...fleetRuleDefinitions, ...renderFleetRules];
