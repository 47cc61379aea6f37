/**
 * Every operator whose CRDs the environment uses must run somewhere (RG777). Detected by a Deployment
 * carrying one of the labels its usual installs (Helm chart, upstream manifests) set, in any namespace:
 * an operator installed under other labels is reported missing, and a Deployment that exists but has no
 * ready pod still counts as present.
 */
import type { OperatorSpec, Prerequisites } from '../../render/prerequisites.js';
import type { DoctorFinding } from './doctor-report.js';
import type { LiveDeployment, LiveInventory } from './live-inventory.js';
import { preflightFinding } from './preflight-finding.js';

function matches(selector: string, deployment: LiveDeployment): boolean {
  return selector.split(',').every((term) => {
    const [key, value] = term.split('=');
    return key !== undefined && deployment.labels[key] === value;
  });
}

export function findOperator(operator: OperatorSpec, deployments: readonly LiveDeployment[]): LiveDeployment | undefined {
  return deployments.find((d) => operator.selectors.some((s) => matches(s, d)));
}

export function checkOperators(prerequisites: Prerequisites, inventory: LiveInventory): DoctorFinding[] {
  const findings: DoctorFinding[] = [];
  for (const operator of prerequisites.operators) {
    if (!inventory.deployments.known) {
      findings.push(preflightFinding('RG782', operator.name, operator.source, { severity: 'warning', message: `Cannot tell whether ${operator.name} runs: ${inventory.deployments.reason}.` }));
    } else if (findOperator(operator, inventory.deployments.value) === undefined) {
      findings.push(preflightFinding('RG777', operator.name, operator.source, {
        message: `No Deployment labelled ${operator.selectors.join(' or ')} in any namespace: ${operator.name} (it acts on ${operator.group}) seems not to be installed.`,
        hint: `Install it (${operator.install}); if it runs under other labels, this finding is a false alarm.`,
      }));
    }
  }
  return findings;
}
