/** RG408: the guide's formats block is the CRD's schemas block. */
import type { Finding } from '../../errors/diagnostic.js';
import type { ResolvedEnvironment } from '../../model/types.js';
import { findingAt } from '../locate.js';
import { defineRule } from '../define-rule.js';

const formatKeys = ['avro', 'jsonSchema', 'protobuf'] as const;

export function checkGuideFormats(env: ResolvedEnvironment): Finding[] {
  const registry = env.config.schemaRegistry;
  const formats = registry?.formats;
  if (registry === undefined || formats === undefined) return [];
  const conflicts = formatKeys.filter((k) => formats[k] !== undefined && registry.schemas?.[k] !== undefined && formats[k] !== registry.schemas[k]);
  if (conflicts.length > 0) {
    return conflicts.map((k) =>
      findingAt(env, 'RG408', ['schemaRegistry', 'formats', k], {
        message: `schemaRegistry.formats.${k} is ${String(formats[k])} but schemaRegistry.schemas.${k} is ${String(registry.schemas?.[k])}: only schemas exists in RivvenSchemaRegistry.`,
        hint: 'Remove formats and keep schemas.',
      }),
    );
  }
  return [
    findingAt(env, 'RG408', ['schemaRegistry', 'formats'], {
      severity: 'warning',
      message: "schemaRegistry.formats is the guide's name: it is rendered as schemas (avro, jsonSchema, protobuf).",
    }),
  ];
}

export const guideFormatsRule = defineRule({
  scope: 'environment',
  codes: ['RG408'],
  severity: 'as-found',
  locate: 'provenance',
  check: checkGuideFormats,
});
