/** Every preflight check, in the order a reader fixes them: APIs, operators, Secrets, named objects, then the default StorageClass. */
import type { Prerequisites } from '../../render/prerequisites.js';
import { checkApis } from './check-apis.js';
import { checkDefaultStorageClass } from './check-default-storage-class.js';
import { checkNamedObjects } from './check-named-objects.js';
import { checkOperators } from './check-operators.js';
import { checkSecrets } from './check-secrets.js';
import type { DoctorFinding } from './doctor-report.js';
import type { LiveInventory } from './live-inventory.js';

export function checkPrerequisites(prerequisites: Prerequisites, inventory: LiveInventory): DoctorFinding[] {
  return [
    ...checkApis(prerequisites, inventory),
    ...checkOperators(prerequisites, inventory),
    ...checkSecrets(prerequisites, inventory),
    ...checkNamedObjects(prerequisites, inventory),
    ...checkDefaultStorageClass(prerequisites, inventory),
  ];
}
