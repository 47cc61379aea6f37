/** RG314: the typed postgresCdc block is rendered for connector "postgres-cdc" only. */
import type { Finding } from '../../errors/diagnostic.js';
import type { ResolvedEnvironment } from '../../model/types.js';
import { findingAt } from '../locate.js';
import { sortedEntries } from './rule.js';
import { defineRule } from '../define-rule.js';

export function checkPostgresCdcConnector(env: ResolvedEnvironment): Finding[] {
  const findings: Finding[] = [];
  for (const [pipeline, spec] of sortedEntries(env.config.connect)) {
    for (const [source, s] of sortedEntries(spec.sources)) {
      if (s.postgresCdc === undefined || s.connector === 'postgres-cdc') continue;
      findings.push(
        findingAt(env, 'RG314', ['connect', pipeline, 'sources', source, 'postgresCdc'], {
          message: `Source "${source}" uses connector "${s.connector}" but sets postgresCdc: those settings are only understood by the postgres-cdc connector and would be ignored.`,
          hint: `Set connector: 'postgres-cdc', or move the settings into config in the form "${s.connector}" reads.`,
        }),
      );
    }
  }
  return findings;
}

export const postgresCdcConnectorRule = defineRule({
  scope: 'environment',
  codes: ['RG314'],
  severity: 'as-found',
  locate: 'provenance',
  check: checkPostgresCdcConnector,
});
