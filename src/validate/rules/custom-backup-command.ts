/** RG412: a custom backup command runs as written; nothing here can tell whether it restores. */
import type { Finding } from '../../errors/diagnostic.js';
import type { ResolvedEnvironment } from '../../model/types.js';
import { findingAt } from '../locate.js';
import { defineRule } from '../define-rule.js';

export function checkCustomBackupCommand(env: ResolvedEnvironment): Finding[] {
  const backup = env.config.backup;
  if (backup?.enabled !== true || backup.method !== 'command') return [];
  return [
    findingAt(env, 'RG412', ['backup', 'method'], {
      severity: 'warning',
      message: "backup.method 'command' runs your own image and command on the schedule; rivven-gitops cannot check what it backs up or that a restore works.",
      hint: "Test a restore from it, or use 'volume-snapshot' or 'velero'.",
    }),
  ];
}

export const customBackupCommandRule = defineRule({
  scope: 'environment',
  codes: ['RG412'],
  severity: 'as-found',
  locate: 'provenance',
  check: checkCustomBackupCommand,
});
