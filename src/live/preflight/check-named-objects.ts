/** StorageClasses (RG780), cert-manager issuers (RG781) and SecretStores (RG779) the objects name must exist. */
import type { ConfigSource, Prerequisites } from '../../render/prerequisites.js';
import type { DoctorFinding } from './doctor-report.js';
import { objectKey, type LiveInventory } from './live-inventory.js';
import { preflightFinding } from './preflight-finding.js';

type NamedCode = 'RG779' | 'RG780' | 'RG781';

interface Named {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly usedBy: readonly string[];
  readonly code: NamedCode;
  readonly source?: ConfigSource;
}

/** The cluster objects the prerequisites name, with the code for each when missing. */
export function namedPrerequisites(prerequisites: Prerequisites): Named[] {
  return [
    ...prerequisites.storageClasses.map((s) => ({ kind: 'StorageClass', namespace: '', name: s.name, usedBy: s.usedBy, code: 'RG780' as const, ...(s.source === undefined ? {} : { source: s.source }) })),
    ...prerequisites.issuers.map((i) => ({ ...i, code: 'RG781' as const })),
    ...prerequisites.secretStores.map((s) => ({ ...s, code: 'RG779' as const })),
  ];
}

export function checkNamedObjects(prerequisites: Prerequisites, inventory: LiveInventory): DoctorFinding[] {
  const findings: DoctorFinding[] = [];
  for (const n of namedPrerequisites(prerequisites)) {
    const where = n.namespace === '' ? '' : ` in namespace ${n.namespace}`;
    const path = `${n.kind}/${n.namespace === '' ? '' : `${n.namespace}/`}${n.name}`;
    const exists = inventory.objects.get(objectKey(n.kind, n.namespace, n.name));
    if (exists === undefined || !exists.known) {
      findings.push(preflightFinding('RG782', path, n.source, { severity: 'warning', message: `Cannot tell whether ${n.kind} ${n.name}${where} exists: ${exists?.known === false ? exists.reason : 'not read'}.` }));
    } else if (!exists.value) {
      findings.push(preflightFinding(n.code, path, n.source, { message: `${n.kind} ${n.name}${where} does not exist; ${n.usedBy.join(', ')} name${n.usedBy.length === 1 ? 's' : ''} it.` }));
    }
  }
  return findings;
}
