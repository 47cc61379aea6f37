/**
 * Facts every mapper needs before it starts, read from all documents at once: what each document is,
 * the Rivven version the images pin, the cluster's name, and the target. Deciding them first keeps the
 * mappers independent of document order.
 */
import { defaults } from '../model/defaults.js';
import { asRecord, asString } from './values.js';
import type { ImportDocument, ImportKind } from './types.js';
import { rivvenApiVersion } from '../core/rivven.js';

export const rivvenKinds = ['RivvenCluster', 'RivvenTopic', 'RivvenConnect', 'RivvenSchemaRegistry'] as const;
export const workloadKinds = ['Namespace', 'StatefulSet', 'Service', 'ConfigMap', 'HorizontalPodAutoscaler', 'Ingress'] as const;
/** Top-level keys of the deployment guide's Helm-style values. */
export const helmValueKeys = ['cluster', 'image', 'storage', 'persistence', 'resources', 'service', 'affinity', 'topologySpreadConstraints', 'tls', 'mtls', 'auth'] as const;

export type DocumentRole =
  | { readonly type: 'rivven'; readonly kind: (typeof rivvenKinds)[number] }
  | { readonly type: 'workload'; readonly kind: (typeof workloadKinds)[number] }
  | { readonly type: 'values' }
  | { readonly type: 'unknown'; readonly why: string };

const versionPattern = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;
const brokerImage = /^ghcr\.io\/hupe1980\/rivvend:(.+)$/;
/** The guide's broker image name (which does not exist) still says which release was meant. */
const brokerOrGuideImage = /^ghcr\.io\/hupe1980\/rivvend?:(.+)$/;
const connectImage = /^ghcr\.io\/hupe1980\/rivven-connect:(.+)$/;
const registryImage = /^ghcr\.io\/hupe1980\/rivven-schema:(.+)$/;

export function isRelease(tag: string | undefined): tag is string {
  return tag !== undefined && versionPattern.test(tag);
}

/** The release an image of `pattern` pins, when it pins one. */
export function releaseOf(image: string | undefined, pattern: RegExp): string | undefined {
  const tag = image === undefined ? undefined : pattern.exec(image)?.[1];
  return isRelease(tag) ? tag : undefined;
}

export const imagePatterns = { broker: brokerImage, connect: connectImage, schemaRegistry: registryImage } as const;

const groupedApiVersions: Readonly<Record<string, readonly string[]>> = {
  StatefulSet: ['apps/v1'],
  HorizontalPodAutoscaler: ['autoscaling/v2', 'autoscaling/v1'],
  Ingress: ['networking.k8s.io/v1'],
  Namespace: ['v1'],
  Service: ['v1'],
  ConfigMap: ['v1'],
};

/** What a document is. Only shape is looked at: nothing in a document is ever executed. */
export function classifyDocument(doc: ImportDocument): DocumentRole {
  const value = asRecord(doc.value);
  if (value === undefined) return { type: 'unknown', why: 'it is not a mapping' };
  const kind = asString(value['kind']);
  const apiVersion = asString(value['apiVersion']);
  if (kind === undefined && apiVersion === undefined) {
    if (Object.keys(value).some((k) => (helmValueKeys as readonly string[]).includes(k))) return { type: 'values' };
    return { type: 'unknown', why: 'it has no kind and none of the Helm-style value keys' };
  }
  if (kind === undefined) return { type: 'unknown', why: 'it has an apiVersion but no kind' };
  const rivven = rivvenKinds.find((k) => k === kind);
  if (rivven !== undefined) {
    if (apiVersion !== rivvenApiVersion) return { type: 'unknown', why: `${kind} of apiVersion ${apiVersion ?? '(none)'} is not one rivven-gitops knows (it renders ${rivvenApiVersion})` };
    return { type: 'rivven', kind: rivven };
  }
  const workload = workloadKinds.find((k) => k === kind);
  if (workload !== undefined && apiVersion !== undefined && groupedApiVersions[workload]?.includes(apiVersion)) return { type: 'workload', kind: workload };
  if (kind === 'Secret') return { type: 'unknown', why: 'Secrets are never imported: keep them out of Git and reference them by name' };
  return { type: 'unknown', why: `rivven-gitops does not import ${apiVersion ?? ''} ${kind}`.replace('  ', ' ') };
}

export interface ImportPlan {
  readonly kind: ImportKind;
  /** The release the images pin (first of broker, connect, schema registry), if any. */
  readonly rivvenVersion?: string;
  /** The release rendered when rivvenVersion is not set. */
  readonly effectiveVersion: string;
  readonly clusterName: string;
  readonly target: 'operator' | 'manifests';
}

function firstContainerImage(value: Record<string, unknown>): string | undefined {
  const containers = asRecord(asRecord(asRecord(value['spec'])?.['template'])?.['spec'])?.['containers'];
  return Array.isArray(containers) ? asString(asRecord(containers[0])?.['image']) : undefined;
}

function helmImage(value: Record<string, unknown>): string | undefined {
  const image = asRecord(value['image']);
  const repository = asString(image?.['repository']);
  const tag = image?.['tag'];
  return repository === undefined ? undefined : `${repository}:${typeof tag === 'number' ? String(tag) : (asString(tag) ?? 'latest')}`;
}

/** Strips the `rivven-` prefix of the operator's (and our) broker object names. */
export function clusterNameFromBrokerObject(name: string | undefined): string | undefined {
  return name?.startsWith('rivven-') && name.length > 'rivven-'.length ? name.slice('rivven-'.length) : undefined;
}

export function planImport(documents: readonly { doc: ImportDocument; role: DocumentRole }[], kind: ImportKind): ImportPlan {
  const versions: (string | undefined)[] = [];
  const names: (string | undefined)[] = [];
  let manifests = false;
  let operator = false;
  for (const { doc, role } of documents) {
    const value = asRecord(doc.value) ?? {};
    const spec = asRecord(value['spec']);
    const meta = asRecord(value['metadata']);
    if (role.type === 'rivven' && role.kind === 'RivvenCluster') {
      operator = true;
      // The guide's spec.version (pruned by the API server) still says which release was meant.
      const version = asString(spec?.['version']);
      versions.unshift(releaseOf(asString(spec?.['image']), brokerOrGuideImage) ?? (spec?.['image'] === undefined && isRelease(version) ? version : undefined));
      names.unshift(asString(meta?.['name']));
    } else if (role.type === 'rivven') {
      const image = asString(spec?.['image']);
      if (role.kind === 'RivvenConnect') versions.push(releaseOf(image, connectImage) ?? (isRelease(asString(spec?.['version'])) ? asString(spec?.['version']) : undefined));
      if (role.kind === 'RivvenSchemaRegistry') versions.push(releaseOf(image, registryImage));
      operator = true;
      names.push(asString(asRecord(spec?.['clusterRef'])?.['name']));
    } else if (role.type === 'workload' && role.kind === 'StatefulSet') {
      manifests = true;
      versions.unshift(releaseOf(firstContainerImage(value), brokerOrGuideImage));
      const labels = asRecord(meta?.['labels']);
      names.unshift(clusterNameFromBrokerObject(asString(meta?.['name'])) ?? asString(labels?.['app.kubernetes.io/instance']));
    } else if (role.type === 'values') {
      versions.unshift(releaseOf(helmImage(value), brokerOrGuideImage));
    }
  }
  const rivvenVersion = versions.find((v) => v !== undefined);
  return {
    kind,
    ...(rivvenVersion === undefined ? {} : { rivvenVersion }),
    effectiveVersion: rivvenVersion ?? defaults.rivvenVersion,
    clusterName: names.find((n) => n !== undefined && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(n)) ?? defaults.cluster.name,
    // The manual-deployment manifests run rivvend without the operator; Rivven custom resources need it.
    target: manifests && !operator ? 'manifests' : 'operator',
  };
}
