import { z } from 'zod';
import { defaults } from './defaults.js';
import { cron, dnsLabel, envVar, objectName } from './primitives.js';

/**
 * Backups that can really run. `volume-snapshot` takes CSI VolumeSnapshots of the broker volumes on a
 * schedule; `velero` renders a Velero Schedule; `command` runs your own image (unverified, RG412).
 * The guide's `rivven backup` CLI does not exist (method `rivven-cli` is refused with RG404).
 */
export const backupSchema = z.strictObject({
  /** @default true once the block is present */
  enabled: z.boolean().default(true),
  /** @default '0 2 * * *' */
  schedule: cron.default(defaults.backup.schedule),
  /** @default 'volume-snapshot' */
  method: z.enum(['volume-snapshot', 'velero', 'command', 'rivven-cli']).default(defaults.backup.method),
  /** How long Velero keeps a backup (Go duration). @default '720h' */
  ttl: z.string().regex(/^(\d+h)?(\d+m)?(\d+s)?$/, "Invalid TTL: use Go duration hours, e.g. '720h'").default(defaults.backup.ttl),
  velero: z
    .strictObject({
      /** @default 'velero' */
      namespace: dnsLabel.default(defaults.backup.veleroNamespace),
      storageLocation: z.string().min(1).optional(),
      /** @default true */
      snapshotVolumes: z.boolean().default(true),
    })
    .prefault({}),
  volumeSnapshot: z
    .strictObject({
      /** VolumeSnapshotClass; the cluster default when unset. */
      className: objectName.optional(),
      /** Snapshots kept per broker volume. @default 7 */
      keep: z.number().int().min(1).max(100).default(defaults.backup.keep),
    })
    .prefault({}),
  command: z
    .strictObject({
      image: z.string().min(1),
      command: z.array(z.string()).min(1),
      env: z.array(envVar).optional(),
    })
    .optional(),
  /** The guide's backup destination (e.g. `s3://backups/rivven`), used by method `command`. */
  destination: z.string().optional(),
});
