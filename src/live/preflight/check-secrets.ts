/** Every Secret the environment references but does not deliver must exist, by name (RG778). Never its data. */
import { finding } from '../../errors/catalog.js';
import type { Finding } from '../../errors/diagnostic.js';
import type { Prerequisites } from '../../render/prerequisites.js';
import type { LiveInventory } from './live-inventory.js';

export function checkSecrets(prerequisites: Prerequisites, inventory: LiveInventory): Finding[] {
  const findings: Finding[] = [];
  for (const secret of prerequisites.secrets) {
    const names = inventory.secretNames.get(secret.namespace);
    const readers = [...new Set(secret.consumers.map((c) => `${c.consumer} (${c.via})`))].join(', ');
    if (names === undefined || !names.known) {
      findings.push(finding('RG782', { severity: 'warning', path: `${secret.namespace}/${secret.name}`, message: `Cannot tell whether Secret ${secret.name} exists in ${secret.namespace}: ${names?.known === false ? names.reason : 'not read'}.` }));
    } else if (!names.value.includes(secret.name)) {
      findings.push(finding('RG778', { path: `${secret.namespace}/${secret.name}`, message: `Secret ${secret.name} does not exist in namespace ${secret.namespace}; it is read by ${readers}.` }));
    }
  }
  return findings;
}
