/**
 * The SealedSecrets of `secrets.sealed`, emitted into the environment's overlay as the loader read them
 * (ciphertext only: the Sealed Secrets controller in the cluster decrypts them into Secrets). A
 * SealedSecret is sealed for one namespace and name unless its scope annotation says namespace-wide or
 * cluster-wide; one sealed for another namespace than the environment's cannot be decrypted there
 * (RG362, at the line of the sealed file that names it). Pure.
 */
import type { Finding, SourceLocation } from '../errors/diagnostic.js';
import { finding } from '../errors/catalog.js';
import type { LoadedObjectDocument } from '../model/customize-types.js';
import type { ResolvedEnvironment } from '../model/types.js';
import { cloneJson, isRecord } from '../core/json.js';
import type { K8sObject } from './k8s-object.js';

export const clusterWideAnnotation = 'sealedsecrets.bitnami.com/cluster-wide';
export const namespaceWideAnnotation = 'sealedsecrets.bitnami.com/namespace-wide';

/** What the SealedSecret's ciphertext is bound to (kubeseal `--scope`). */
export type SealingScope = 'strict' | 'namespace-wide' | 'cluster-wide';

export interface SealedDocument {
  readonly file: string;
  readonly document: LoadedObjectDocument;
  readonly object: K8sObject;
}

/** Every SealedSecret document of the environment's sealed files, in file then document order. */
export function sealedDocuments(env: ResolvedEnvironment): SealedDocument[] {
  return (env.sealedFiles ?? []).flatMap((f) => f.documents.map((document) => ({ file: f.file, document, object: document.value as K8sObject })));
}

export function sealingScopeOf(obj: K8sObject): SealingScope {
  const annotations = obj.metadata.annotations ?? {};
  if (annotations[clusterWideAnnotation] === 'true') return 'cluster-wide';
  if (annotations[namespaceWideAnnotation] === 'true') return 'namespace-wide';
  return 'strict';
}

/** The namespaces the document names: its own and its template's (kubeseal writes both). */
function namespacesNamed(obj: K8sObject): { pointer: string; namespace: string }[] {
  const spec = isRecord(obj['spec']) ? obj['spec'] : {};
  const template = isRecord(spec['template']) ? spec['template'] : {};
  const templateMeta = isRecord(template['metadata']) ? template['metadata'] : {};
  return [
    { pointer: '/metadata/namespace', namespace: obj.metadata.namespace },
    { pointer: '/spec/template/metadata/namespace', namespace: templateMeta['namespace'] },
  ].flatMap((n) => (typeof n.namespace === 'string' && n.namespace !== '' ? [{ pointer: n.pointer, namespace: n.namespace }] : []));
}

/** The SealedSecrets, in the environment's namespace. */
export function renderSealedSecrets(env: ResolvedEnvironment): K8sObject[] {
  return sealedDocuments(env).map(({ object }) => {
    const copy = cloneJson(object);
    return { ...copy, metadata: { ...copy.metadata, namespace: env.config.namespace } };
  });
}

/** Where in the sealed file a pointer is written, the document's start when it is not. */
export function sealedLocation(doc: LoadedObjectDocument, ...pointers: string[]): SourceLocation | undefined {
  for (const p of [...pointers, '']) {
    const loc = doc.positions.get(p);
    if (loc !== undefined) return loc;
  }
  return undefined;
}

/** RG362: a SealedSecret sealed for another namespace than the environment's. */
export function findSealedSecretIssues(env: ResolvedEnvironment): Finding[] {
  const namespace = env.config.namespace;
  const out: Finding[] = [];
  for (const { file, document, object } of sealedDocuments(env)) {
    const scope = sealingScopeOf(object);
    if (scope === 'cluster-wide') continue;
    const other = namespacesNamed(object).find((n) => n.namespace !== namespace);
    if (other === undefined) continue;
    const loc = sealedLocation(document, other.pointer);
    out.push(
      finding('RG362', {
        path: file,
        message: `SealedSecret "${object.metadata.name}" in ${file} is sealed for namespace "${other.namespace}" (${scope === 'strict' ? 'strict scope: namespace and name' : 'namespace-wide scope'}), but this environment deploys to "${namespace}": the Sealed Secrets controller there cannot decrypt it, and no Secret is created.`,
        ...(loc === undefined ? {} : { loc }),
      }),
    );
  }
  return out;
}
