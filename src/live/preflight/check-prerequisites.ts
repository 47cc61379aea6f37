/** Every preflight check, in the order a reader fixes them: APIs, operators, Secrets, then named objects. */
import type { Prerequisites } from '../../render/prerequisites.js';
import { checkApis } from './check-apis.js';
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
  ];
}
