/** RG407: the guide's compatibility.perSubject is the CRD's compatibility.subjects. */
import type { Finding } from '../../errors/diagnostic.js';
import type { ResolvedEnvironment } from '../../model/types.js';
import { findingAt } from '../locate.js';
import { sortedEntries } from './rule.js';
import { defineRule } from '../define-rule.js';

export function checkGuidePerSubject(env: ResolvedEnvironment): Finding[] {
  const compatibility = env.config.schemaRegistry?.compatibility;
  const perSubject = compatibility?.perSubject;
  if (compatibility === undefined || perSubject === undefined) return [];
  const conflicts = sortedEntries(perSubject).filter(([subject, level]) => {
    const other = compatibility.subjects?.[subject];
    return other !== undefined && other !== level;
  });
  if (conflicts.length > 0) {
    return conflicts.map(([subject, level]) =>
      findingAt(env, 'RG407', ['schemaRegistry', 'compatibility', 'perSubject', subject], {
        message: `Subject "${subject}" is ${level} in compatibility.perSubject but ${compatibility.subjects?.[subject] ?? ''} in compatibility.subjects: only subjects exists in RivvenSchemaRegistry, so one of them would be lost.`,
        hint: `Remove "${subject}" from perSubject (better: move every entry to subjects).`,
      }),
    );
  }
  return [
    findingAt(env, 'RG407', ['schemaRegistry', 'compatibility', 'perSubject'], {
      severity: 'warning',
      message: "schemaRegistry.compatibility.perSubject is the guide's name: its entries are rendered under compatibility.subjects.",
    }),
  ];
}

export const guidePerSubjectRule = defineRule({
  scope: 'environment',
  codes: ['RG407'],
  severity: 'as-found',
  locate: 'provenance',
  check: checkGuidePerSubject,
});
