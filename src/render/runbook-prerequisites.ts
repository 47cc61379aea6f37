/**
 * The runbook's "Prerequisites" section: the same list `doctor` checks against a live cluster
 * (listPrerequisites), so the two cannot drift.
 */
import type { Prerequisites } from './prerequisites.js';

export function prerequisiteLines(p: Prerequisites, namespace: string): string[] {
  const lines: string[] = [];
  for (const api of p.apis) lines.push(`- CRD serving \`${api.kind}\` at \`${api.group}/${api.version}\` (used by ${api.usedBy.map((u) => `\`${u}\``).join(', ')}).`);
  for (const o of p.operators) lines.push(`- Operator: ${o.name}, acting on \`${o.group}\` (doctor finds it by a Deployment labelled ${o.selectors.map((s) => `\`${s}\``).join(' or ')}).`);
  for (const s of p.secrets) {
    const readers = [...new Set(s.consumers.map((c) => `\`${c.consumer}\` (${c.via})`))].join(', ');
    lines.push(`- Secret \`${s.name}\` in namespace \`${s.namespace}\`, created outside this repository (read by ${readers}).`);
  }
  for (const sc of p.storageClasses) lines.push(`- StorageClass \`${sc.name}\`.`);
  if (p.defaultStorageClass !== undefined) {
    const users = p.defaultStorageClass.usedBy.map((u) => `\`${u}\``).join(', ');
    lines.push(`- A default StorageClass (annotated \`storageclass.kubernetes.io/is-default-class: "true"\`, exactly one): the volume claims of ${users} name no class, and stay Pending while the cluster has no default.`);
  }
  for (const i of p.issuers) lines.push(`- cert-manager ${i.kind} \`${i.name}\`${i.namespace === '' ? '' : ` in namespace \`${i.namespace}\``}.`);
  for (const s of p.secretStores) lines.push(`- External Secrets ${s.kind} \`${s.name}\`${s.namespace === '' ? '' : ` in namespace \`${s.namespace}\``}.`);
  if (lines.length === 0) lines.push('- None beyond a Kubernetes 1.32 cluster.');
  return [
    `What the cluster must have before Argo CD syncs namespace \`${namespace}\`. \`rivven-gitops doctor --env <name>\` checks every item against the live cluster (read-only; Secrets by name only).`,
    lines.join('\n'),
  ];
}
