import type { CodeInfo } from '../code-info.js';

/** RG350–RG369: how the Secrets the fleet references are delivered (`secrets:`). */
export const secretCodes = {
  RG350: {
    title: 'Secret referenced but not delivered',
    hint: "Deliver it with secrets.items (an ExternalSecret: { remoteKey } or { keys }) or a SealedSecret file in secrets.sealed, or, if something outside this fleet creates it, list it in secrets.external.",
  },
  RG351: {
    title: 'Delivered Secret lacks a key that is read',
    hint: 'For an ExternalSecret, add the key to secrets.items.<name>.keys, or set remoteKey so every key read is fetched as the property of the same name; for a SealedSecret, re-seal it with the key (`kubeseal --merge-into <file>`).',
  },
  RG352: { title: 'Declared Secret read by nothing', hint: 'Remove it from secrets.items or secrets.external, or fix the name the consumer uses.' },
  RG353: { title: 'Secret item without a source', hint: 'Give the item remoteKey (the store key holding its properties) or keys (a remoteRef per Secret key).' },
  RG354: { title: 'ExternalSecrets without a store', hint: "Set secrets.store: { kind: 'ClusterSecretStore', name: '<store>' } (the External Secrets Operator store to read from)." },
  RG355: { title: 'Secret delivered twice', hint: 'Deliver each Secret one way: secrets.items, secrets.sealed, secrets.external, or the object rivven-gitops renders for it (the cert-manager TLS Secret).' },
  RG356: {
    title: 'Sealed file outside the project',
    hint: '`secrets.sealed` holds paths or globs relative to the project root, without `..` and not absolute.',
  },
  RG357: {
    title: 'Sealed file through a symbolic link outside the project',
    hint: 'Keep the SealedSecret file in the project: a symbolic link leading outside it (or nowhere) is not read.',
  },
  RG358: {
    title: 'Sealed file missing or unreadable',
    hint: 'Fix the path or glob in secrets.sealed (relative to the project root), or check that the file is readable.',
  },
  RG359: {
    title: 'Sealed file is not valid YAML',
    hint: 'Fix the YAML at the position shown; documents are separated by `---`. Re-create the file with kubeseal if it was edited by hand.',
  },
  RG360: {
    title: 'Not a SealedSecret in a sealed file',
    hint: 'A secrets.sealed file holds only bitnami.com/v1alpha1 SealedSecrets (`kubeseal --format yaml`); move other objects to customize.objectFiles.',
  },
  RG361: {
    title: 'Plain Secret in a sealed file',
    hint: 'Seal it (`kubeseal --format yaml < secret.yaml`) and commit only the SealedSecret; the plain values are in Git history now: rotate them.',
  },
  RG362: {
    title: 'SealedSecret sealed for another namespace',
    hint: "Re-seal it for this environment's namespace (`kubeseal -n <namespace>`), or with --scope namespace-wide / cluster-wide if it is meant to move.",
  },
} satisfies Record<string, CodeInfo>;
