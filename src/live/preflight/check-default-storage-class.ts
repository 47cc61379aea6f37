/**
 * Volume claims that name no StorageClass need the cluster to mark exactly one default (RG783 when
 * none is, RG784 when several are). Without a default they stay Pending and the brokers never start;
 * with several, Kubernetes (1.26 and later) gives them the newest default.
 */
import { compareText } from '../../core/order.js';
import type { Prerequisites } from '../../render/prerequisites.js';
import type { DoctorFinding } from './doctor-report.js';
import type { LiveInventory, LiveStorageClass } from './live-inventory.js';
import { preflightFinding } from './preflight-finding.js';

/** What a finding names as the live object: no one StorageClass, the cluster's default one. */
const object = 'StorageClass (default)';

/** The default a claim without a class gets: the newest, then the first by name (the API server's order). */
export function chooseDefaultStorageClass(classes: readonly LiveStorageClass[]): LiveStorageClass | undefined {
  return [...classes].filter((c) => c.isDefault).sort((a, b) => compareText(b.created, a.created) || compareText(a.name, b.name))[0];
}

export function checkDefaultStorageClass(prerequisites: Prerequisites, inventory: LiveInventory): DoctorFinding[] {
  const needed = prerequisites.defaultStorageClass;
  if (needed === undefined) return [];
  const claims = `the volume claims of ${needed.usedBy.join(', ')} name no StorageClass`;
  const read = inventory.storageClasses;
  if (read === undefined || !read.known) {
    return [preflightFinding('RG782', object, needed.source, { severity: 'warning', message: `Cannot tell whether the cluster has a default StorageClass (${claims}): ${read?.known === false ? read.reason : 'not read'}.` })];
  }
  const defaults = read.value.filter((c) => c.isDefault).map((c) => c.name).sort(compareText);
  if (defaults.length === 0) {
    const present = read.value.length === 0 ? 'it has no StorageClass at all' : `none of ${read.value.map((c) => c.name).sort(compareText).join(', ')} is annotated storageclass.kubernetes.io/is-default-class: "true"`;
    return [preflightFinding('RG783', object, needed.source, { message: `The cluster has no default StorageClass (${present}); ${claims}, so they stay Pending and their pods never start.` })];
  }
  if (defaults.length > 1) {
    const chosen = chooseDefaultStorageClass(read.value);
    return [preflightFinding('RG784', object, needed.source, { severity: 'warning', message: `${defaults.length} StorageClasses are marked default (${defaults.join(', ')}); ${claims}, and Kubernetes gives them the newest default: ${chosen?.name ?? defaults[0]}.` })];
  }
  return [];
}
