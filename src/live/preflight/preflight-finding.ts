/**
 * A doctor finding: the catalogued code, pointed at the config line that creates the prerequisite
 * (its `source`, from locatePrerequisites) and naming the live object it is about.
 */
import { finding } from '../../errors/catalog.js';
import type { Severity } from '../../errors/diagnostic.js';
import type { ConfigSource } from '../../render/prerequisites.js';
import type { DoctorFinding } from './doctor-report.js';

/** The codes doctor reports (RG775–RG784). */
export type PreflightCode = 'RG775' | 'RG776' | 'RG777' | 'RG778' | 'RG779' | 'RG780' | 'RG781' | 'RG782' | 'RG783' | 'RG784';

export interface PreflightFindingInput {
  readonly severity?: Severity;
  readonly message: string;
  readonly hint?: string;
}

/** Without a source (prerequisites listed from objects alone) the path is the object, as before. */
export function preflightFinding(code: PreflightCode, object: string, source: ConfigSource | undefined, input: PreflightFindingInput): DoctorFinding {
  const at = source === undefined ? { path: object } : { path: source.path, ...(source.loc === undefined ? {} : { loc: source.loc }) };
  return { ...finding(code, { ...input, ...at }), object };
}
