/** RG811: replication protects against lost brokers, not against deleted or corrupted data. */
import { backupNames } from '../../render/backup.js';
import { defineRule, violation } from '../rule.js';

export const backupSchedule = defineRule({
  code: 'RG811',
  rationale:
    'Replicas copy every mistake: a deleted topic, a bad producer or a removed RivvenTopic (whose finalizer deletes data) is gone on every broker. Only a scheduled backup (CSI volume snapshots or a Velero Schedule) lets you go back.',
  severity: { development: 'off', staging: 'info', production: 'error' },
  check({ env, objects }) {
    const cronJob = backupNames(env).cronJob;
    const scheduled = objects.some((o) => (o.kind === 'CronJob' && o.metadata.name === cronJob) || (o.kind === 'Schedule' && o.apiVersion.startsWith('velero.io/')));
    if (scheduled) return [];
    return [
      violation(env, env.config.backup?.enabled ? ['backup', 'method'] : ['backup', 'enabled'], {
        message: env.config.backup?.enabled
          ? `backup.method "${env.config.backup.method}" renders no schedule: the brokers' data is never backed up.`
          : 'No backup is scheduled: a deleted topic or corrupted data cannot be restored, because every replica holds the same mistake.',
      }),
    ];
  },
});
