/** Every API the environment's objects use must be served at the version they use (RG775, RG776). */
import { finding } from '../../errors/catalog.js';
import type { Finding } from '../../errors/diagnostic.js';
import type { Prerequisites } from '../../render/prerequisites.js';
import type { LiveInventory } from './live-inventory.js';

export function checkApis(prerequisites: Prerequisites, inventory: LiveInventory): Finding[] {
  const findings: Finding[] = [];
  for (const api of prerequisites.apis) {
    const gv = `${api.group}/${api.version}`;
    const users = `used by ${api.usedBy.join(', ')}`;
    if (!inventory.groups.known) {
      findings.push(finding('RG782', { severity: 'warning', path: `${api.kind}.${api.group}`, message: `Cannot tell whether ${api.kind} ${gv} is served: ${inventory.groups.reason}.` }));
      continue;
    }
    const versions = inventory.groups.value.get(api.group);
    if (versions === undefined) {
      findings.push(finding('RG775', { path: `${api.kind}.${api.group}`, message: `The cluster serves no API group ${api.group}, so ${api.kind} ${gv} (${users}) cannot be applied: its CRD is not installed.` }));
      continue;
    }
    if (!versions.includes(api.version)) {
      findings.push(finding('RG776', { path: `${api.kind}.${api.group}`, message: `The cluster serves ${api.group} at ${versions.join(', ')}, not ${api.version}: ${api.kind} ${gv} (${users}) cannot be applied.` }));
      continue;
    }
    const kinds = inventory.kinds.get(gv);
    if (kinds === undefined || !kinds.known) {
      findings.push(finding('RG782', { severity: 'warning', path: `${api.kind}.${api.group}`, message: `Cannot tell whether ${gv} serves ${api.kind}: ${kinds?.known === false ? kinds.reason : 'not read'}.` }));
    } else if (!kinds.value.includes(api.kind)) {
      findings.push(finding('RG775', { path: `${api.kind}.${api.group}`, message: `The cluster serves ${gv} but not the kind ${api.kind} (${users}): its CRD is not installed.` }));
    }
  }
  return findings;
}
