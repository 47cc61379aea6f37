/** RG409: the guide's externalRegistry block is the CRD's external block, with other words. */
import type { Finding } from '../../errors/diagnostic.js';
import type { ResolvedEnvironment } from '../../model/types.js';
import { findingAt } from '../locate.js';
import { defineRule } from '../define-rule.js';

export function checkGuideExternalRegistry(env: ResolvedEnvironment): Finding[] {
  const registry = env.config.schemaRegistry;
  const guide = registry?.externalRegistry;
  if (registry === undefined || guide === undefined) return [];
  if (registry.external !== undefined) {
    return [
      findingAt(env, 'RG409', ['schemaRegistry', 'externalRegistry'], {
        message: 'schemaRegistry sets both external and externalRegistry: RivvenSchemaRegistry has one external block, so one of them would be lost.',
        hint: 'Remove externalRegistry and keep external.',
      }),
    ];
  }
  const changes = [
    ...(guide.registryType === 'compatible' ? ['registryType "compatible" → "confluent"'] : []),
    ...(guide.registryUrl === undefined ? [] : ['registryUrl → confluentUrl']),
  ];
  return [
    findingAt(env, 'RG409', ['schemaRegistry', 'externalRegistry'], {
      severity: 'warning',
      message: `schemaRegistry.externalRegistry is the guide's name: it is rendered as external${changes.length > 0 ? ` (${changes.join(', ')})` : ''}.`,
    }),
  ];
}

export const guideExternalRegistryRule = defineRule({
  scope: 'environment',
  codes: ['RG409'],
  severity: 'as-found',
  locate: 'provenance',
  check: checkGuideExternalRegistry,
});
