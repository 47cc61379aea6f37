/** Every Secret the environment references but does not deliver must exist, by name (RG778). Never its data. */
import type { Prerequisites } from '../../render/prerequisites.js';
import type { DoctorFinding } from './doctor-report.js';
import type { LiveInventory } from './live-inventory.js';
import { preflightFinding } from './preflight-finding.js';

export function checkSecrets(prerequisites: Prerequisites, inventory: LiveInventory): DoctorFinding[] {
  const findings: DoctorFinding[] = [];
  for (const secret of prerequisites.secrets) {
    const names = inventory.secretNames.get(secret.namespace);
    const object = `${secret.namespace}/${secret.name}`;
    const readers = [...new Set(secret.consumers.map((c) => `${c.consumer} (${c.via})`))].join(', ');
    if (names === undefined || !names.known) {
      findings.push(preflightFinding('RG782', object, secret.source, { severity: 'warning', message: `Cannot tell whether Secret ${secret.name} exists in ${secret.namespace}: ${names?.known === false ? names.reason : 'not read'}.` }));
    } else if (!names.value.includes(secret.name)) {
      findings.push(preflightFinding('RG778', object, secret.source, { message: `Secret ${secret.name} does not exist in namespace ${secret.namespace}; it is read by ${readers}.` }));
    }
  }
  return findings;
}
