import type { CodeInfo } from '../code-info.js';

/** RG350–RG369: how the Secrets the fleet references are delivered (`secrets:`). */
export const secretCodes = {
  RG350: {
    title: 'Secret referenced but not delivered',
    hint: "Deliver it with secrets.items (an ExternalSecret: { remoteKey } or { keys }), or, if something outside this fleet creates it, list it in secrets.external.",
  },
  RG351: {
    title: 'ExternalSecret lacks a key that is read',
    hint: 'Add the key to secrets.items.<name>.keys, or set remoteKey so every key read is fetched as the property of the same name.',
  },
  RG352: { title: 'Declared Secret read by nothing', hint: 'Remove it from secrets.items or secrets.external, or fix the name the consumer uses.' },
  RG353: { title: 'Secret item without a source', hint: 'Give the item remoteKey (the store key holding its properties) or keys (a remoteRef per Secret key).' },
  RG354: { title: 'ExternalSecrets without a store', hint: "Set secrets.store: { kind: 'ClusterSecretStore', name: '<store>' } (the External Secrets Operator store to read from)." },
  RG355: { title: 'Secret delivered twice', hint: 'Deliver each Secret one way: secrets.items, secrets.external, or the object rivven-gitops renders for it (the cert-manager TLS Secret).' },
} satisfies Record<string, CodeInfo>;
