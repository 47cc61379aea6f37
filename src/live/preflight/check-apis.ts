/** Every API the environment's objects use must be served at the version they use (RG775, RG776). */
import type { Prerequisites } from '../../render/prerequisites.js';
import type { DoctorFinding } from './doctor-report.js';
import type { LiveInventory } from './live-inventory.js';
import { preflightFinding } from './preflight-finding.js';

export function checkApis(prerequisites: Prerequisites, inventory: LiveInventory): DoctorFinding[] {
  const findings: DoctorFinding[] = [];
  for (const api of prerequisites.apis) {
    const gv = `${api.group}/${api.version}`;
    const users = `used by ${api.usedBy.join(', ')}`;
    const object = `${api.kind}.${api.group}`;
    if (!inventory.groups.known) {
      findings.push(preflightFinding('RG782', object, api.source, { severity: 'warning', message: `Cannot tell whether ${api.kind} ${gv} is served: ${inventory.groups.reason}.` }));
      continue;
    }
    const versions = inventory.groups.value.get(api.group);
    if (versions === undefined) {
      findings.push(preflightFinding('RG775', object, api.source, { message: `The cluster serves no API group ${api.group}, so ${api.kind} ${gv} (${users}) cannot be applied: its CRD is not installed.` }));
      continue;
    }
    if (!versions.includes(api.version)) {
      findings.push(preflightFinding('RG776', object, api.source, { message: `The cluster serves ${api.group} at ${versions.join(', ')}, not ${api.version}: ${api.kind} ${gv} (${users}) cannot be applied.` }));
      continue;
    }
    const kinds = inventory.kinds.get(gv);
    if (kinds === undefined || !kinds.known) {
      findings.push(preflightFinding('RG782', object, api.source, { severity: 'warning', message: `Cannot tell whether ${gv} serves ${api.kind}: ${kinds?.known === false ? kinds.reason : 'not read'}.` }));
    } else if (!kinds.value.includes(api.kind)) {
      findings.push(preflightFinding('RG775', object, api.source, { message: `The cluster serves ${gv} but not the kind ${api.kind} (${users}): its CRD is not installed.` }));
    }
  }
  return findings;
}
