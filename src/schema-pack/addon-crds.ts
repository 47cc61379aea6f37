/**
 * Structural schemas of add-on custom resources rivven-gitops renders and no installed model package
 * describes. Normalized by hand, holding only what decides whether the API server stores, prunes or
 * rejects the fields rivven-gitops writes (descriptions, status, generator and template details
 * dropped; open where the upstream schema is larger than what we check).
 *
 * ExternalSecret (external-secrets.io/v1): derived from the External Secrets Operator CRD
 * (github.com/external-secrets/external-secrets, config/crds/bases/external-secrets.io_externalsecrets.yaml,
 * Apache-2.0). The schema read is the v1beta1 one of commit 00baf4c, which the v1 API serves unchanged
 * since the ESO 0.16 promotion; the @kubernetes-models/external-secrets package lacks v1 (0.5.x) or
 * needs Node 22 (2.x).
 *
 * SealedSecret (bitnami.com/v1alpha1): derived from the Sealed Secrets CRD (github.com/bitnami-labs/sealed-secrets,
 * helm/sealed-secrets/crds/bitnami.com_sealedsecrets.yaml, Apache-2.0): `spec.encryptedData` a map of
 * ciphertext strings (required), `spec.template` (metadata, type, data: a map of strings), the
 * deprecated `spec.data`. The scope annotations (`sealedsecrets.bitnami.com/cluster-wide`,
 * `/namespace-wide`) are metadata and checked as annotations are: string values.
 */
import type { PackedCrd, StructuralSchema } from './types.js';

const dnsSubdomain = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';
const secretKeyPattern = '^[-._a-zA-Z0-9]+$';
const str: StructuralSchema = { type: 'string' };
const open: StructuralSchema = { type: 'object', preserveUnknownFields: true };

const remoteRef: StructuralSchema = {
  type: 'object',
  required: ['key'],
  properties: {
    key: str,
    property: str,
    version: str,
    conversionStrategy: { type: 'string', enum: ['Default', 'Unicode'] },
    decodingStrategy: { type: 'string', enum: ['Auto', 'Base64', 'Base64URL', 'None'] },
    metadataPolicy: { type: 'string', enum: ['None', 'Fetch'] },
  },
};

const storeRef: StructuralSchema = {
  type: 'object',
  properties: {
    kind: { type: 'string', enum: ['SecretStore', 'ClusterSecretStore'] },
    name: { type: 'string', minLength: 1, maxLength: 253, pattern: dnsSubdomain },
  },
};

const externalSecretV1: StructuralSchema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        secretStoreRef: storeRef,
        refreshInterval: str,
        refreshPolicy: { type: 'string', enum: ['CreatedOnce', 'Periodic', 'OnChange'] },
        target: {
          type: 'object',
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 253, pattern: dnsSubdomain },
            creationPolicy: { type: 'string', enum: ['Owner', 'Orphan', 'Merge', 'None'] },
            deletionPolicy: { type: 'string', enum: ['Delete', 'Merge', 'Retain'] },
            template: open,
          },
        },
        data: {
          type: 'array',
          items: {
            type: 'object',
            required: ['remoteRef', 'secretKey'],
            properties: {
              secretKey: { type: 'string', minLength: 1, maxLength: 253, pattern: secretKeyPattern },
              remoteRef,
              sourceRef: open,
            },
          },
        },
        dataFrom: {
          type: 'array',
          items: {
            type: 'object',
            properties: { extract: remoteRef, find: open, rewrite: { type: 'array', items: open }, sourceRef: open },
          },
        },
      },
    },
    status: open,
  },
};

const sealedSecretV1alpha1: StructuralSchema = {
  type: 'object',
  required: ['spec'],
  properties: {
    spec: {
      type: 'object',
      required: ['encryptedData'],
      properties: {
        /** Deprecated upstream (one blob for the whole Secret); still served. */
        data: { type: 'string', format: 'byte' },
        encryptedData: { type: 'object', additionalProperties: str, preserveUnknownFields: true },
        template: {
          type: 'object',
          properties: {
            metadata: open,
            type: str,
            data: { type: 'object', additionalProperties: str, nullable: true },
          },
        },
      },
    },
    status: open,
  },
};

/** By `group/Kind`, like a schema pack's `crds`. */
export const addonCrds: Readonly<Record<string, PackedCrd>> = {
  'external-secrets.io/ExternalSecret': {
    group: 'external-secrets.io',
    kind: 'ExternalSecret',
    plural: 'externalsecrets',
    scope: 'Namespaced',
    versions: { v1: externalSecretV1 },
  },
  'bitnami.com/SealedSecret': {
    group: 'bitnami.com',
    kind: 'SealedSecret',
    plural: 'sealedsecrets',
    scope: 'Namespaced',
    versions: { v1alpha1: sealedSecretV1alpha1 },
  },
};
