/**
 * The runbook's "Secrets and authentication" section: what client auth really does on rivvend
 * 0.0.22, and every Secret the environment's objects read with how it is delivered. Names and keys
 * only, never a value. Pure.
 */
import type { ResolvedEnvironment } from '../model/types.js';
import type { K8sObject } from './k8s-object.js';
import { formatCitations } from '../facts/citation.js';
import { isPublishedBrokerImage, rivvendAuthSettings, rivvendUsers } from '../facts/rivvend.js';
import { secretInventory, type SecretInventoryEntry } from './secret-inventory.js';
import { brokerPorts } from './names.js';
import { sealedDocuments } from './sealed-secrets.js';

function authParagraph(env: ResolvedEnvironment): string {
  const c = env.config;
  if (c.cluster.auth.enabled) {
    return `Client auth is on (rivvend's default), and ${rivvendUsers.summary} (${formatCitations(rivvendUsers.cite)}): no client user can be provisioned, so every client, the \`rivven\` CLI included, is refused with "not authenticated" (RG427). Nothing in this fleet can change that on ${c.rivvenVersion}; turning auth off with a guarded client port is what works (RG430).`;
  }
  const guards = [
    ...(c.networkPolicy?.enabled === true ? [`NetworkPolicies (only this namespace${c.networkPolicy.allowedNamespaces.length > 0 ? ` and ${c.networkPolicy.allowedNamespaces.map((n) => `\`${n}\``).join(', ')}` : ''} reach port ${brokerPorts.client})`] : []),
    ...(c.cluster.tls.enabled && c.cluster.tls.mtls?.enabled === true
      ? [isPublishedBrokerImage(c.cluster.image) ? 'not mTLS: the published image keeps the client port plaintext, so client certificates are not checked (RG424)' : 'mTLS (client certificates signed by the client CA)']
      : []),
  ];
  return `Client auth is off: the brokers run with \`RIVVEN_NO_REQUIRE_AUTH=true\` (${formatCitations(rivvendAuthSettings.noRequireAuth.cite)}), because ${rivvendUsers.summary}: every client that reaches port ${brokerPorts.client} gets in without credentials. ${guards.length > 0 ? `What limits who reaches it: ${guards.join('; ')}.` : 'Nothing limits who reaches it.'}`;
}

function deliveredBy(env: ResolvedEnvironment, e: SecretInventoryEntry): string {
  const store = env.config.secrets?.store;
  switch (e.delivery) {
    case 'external-secret':
      return `ExternalSecret \`${e.name}\`${store === undefined ? '' : ` from ${store.kind} \`${store.name}\``}`;
    case 'sealed': {
      // The file it comes from, when secrets.sealed names it (else an escape hatch added it).
      const file = sealedDocuments(env).find((d) => d.object.metadata.name === e.name)?.file;
      return `SealedSecret \`${e.name}\`${file === undefined ? '' : ` from \`${file}\``}, decrypted by the Sealed Secrets controller`;
    }
    case 'rendered-by-us':
      return 'cert-manager, from the Certificate rendered here';
    case 'external':
      return 'created outside this fleet (`secrets.external`): create it before the first sync';
    case 'undeclared':
      return '**nothing**: create it before the first sync, or deliver it with `secrets.items` or `secrets.sealed` (RG350)';
  }
}

function keysText(keys: readonly string[]): string {
  const named = keys.filter((k) => k !== '*').map((k) => `\`${k}\``);
  if (!keys.includes('*')) return named.join(', ');
  return named.length === 0 ? 'all (mounted whole)' : `all (mounted whole; by name: ${named.join(', ')})`;
}

export function renderSecretsSection(env: ResolvedEnvironment, objects: readonly K8sObject[]): string {
  const ns = env.config.namespace;
  const inventory = secretInventory(objects, { namespace: ns, ...(env.config.secrets?.external === undefined ? {} : { external: env.config.secrets.external }) }).filter((e) => e.consumers.length > 0);
  const blocks = [authParagraph(env)];
  if (inventory.length === 0) {
    blocks.push('No rendered object reads a Secret.');
  } else {
    blocks.push(
      [
        '| Secret | Keys read | Read by | Delivered by |',
        '| --- | --- | --- | --- |',
        ...inventory.map((e) => `| \`${e.name}\` | ${keysText(e.keys)} | ${e.consumers.map((x) => `\`${x}\``).join(', ')} | ${deliveredBy(env, e)} |`),
      ].join('\n'),
    );
    const lines = [
      ...(inventory.some((e) => e.delivery === 'external-secret') ? [`kubectl get externalsecrets.external-secrets.io -n ${ns}`] : []),
      ...(inventory.some((e) => e.delivery === 'sealed') ? [`kubectl get sealedsecrets.bitnami.com -n ${ns}`] : []),
      // Names and types only: never print a Secret's data.
      `kubectl get secrets -n ${ns} ${inventory.map((e) => e.name).join(' ')}`,
    ];
    blocks.push(['```sh', ...lines, '```'].join('\n'));
  }
  return ['## Secrets and authentication', ...blocks].join('\n\n');
}
