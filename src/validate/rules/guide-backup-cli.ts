/** RG404: the guide's backup CronJob runs `rivven backup`, a command the rivven CLI does not have. */
import type { Finding } from '../../errors/diagnostic.js';
import type { ResolvedEnvironment } from '../../model/types.js';
import { findingAt } from '../locate.js';
import { defineRule } from '../define-rule.js';

export function checkGuideBackupCli(env: ResolvedEnvironment): Finding[] {
  const backup = env.config.backup;
  if (backup?.enabled !== true || backup.method !== 'rivven-cli') return [];
  return [
    findingAt(env, 'RG404', ['backup', 'method'], {
      message: "backup.method 'rivven-cli' cannot run: the rivven CLI has no backup command (only topic, group, produce, consume and ping), so every scheduled backup would fail.",
    }),
  ];
}

export const guideBackupCliRule = defineRule({
  scope: 'environment',
  codes: ['RG404'],
  severity: 'as-found',
  locate: 'provenance',
  check: checkGuideBackupCli,
});
