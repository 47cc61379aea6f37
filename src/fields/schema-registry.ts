/**
 * RivvenSchemaRegistry ↔ `schemaRegistry`: every spec field render/rivven-schema-registry.ts writes,
 * in the CRD's words (the guide's words are mapped onto them by resolve/schema-registry-aliases.ts
 * first, so `copy` rows read the normalized registry). Rows added for render keep the location the
 * diff named before they existed (`locateAs: []`, the registry itself).
 */
import type { KindTable } from './row.js';
import { computedRow as computed, podTemplateRows, sameRow as same } from './row-builders.js';

const crd = { from: 'crd' } as const;

export const schemaRegistryTable: KindTable = {
  kind: 'RivvenSchemaRegistry',
  rows: [
    { config: ['replicas'], crd: 'spec.replicas', unit: 'plain', label: 'replicas', default: crd },
    // clusterRef.namespace stays unset: it defaults to the registry's own namespace.
    computed('clusterRef'),
    // The registry's version or the pinned release, and an image of the same tag.
    computed('version', ['version'], { default: crd }),
    computed('image', ['image']),
    same('imagePullPolicy', { default: crd }),
    same('imagePullSecrets'),
    same('resources'),
    same('server.port', { default: crd }),
    same('server.bindAddress', { default: crd }),
    same('server.timeoutSeconds', { default: crd }),
    same('server.maxRequestSize', { default: crd }),
    same('server.corsEnabled', { default: crd }),
    same('server.corsAllowedOrigins'),
    same('storage.mode', { default: crd }),
    same('storage.topic', { default: crd }),
    same('storage.replicationFactor', { default: crd }),
    same('storage.partitions', { default: crd }),
    same('storage.normalize', { default: crd }),
    same('compatibility.defaultLevel', { default: crd }),
    same('compatibility.allowOverrides', { default: crd }),
    same('compatibility.subjects'),
    same('schemas'),
    same('contexts'),
    same('validation'),
    // enabled, method, credentialsSecretRef, jwt, users; absent when the registry has no auth.
    computed('auth', ['auth']),
    same('tls'),
    same('metrics'),
    // Always written (the operator's derived default fails its own validation).
    computed('external', ['external']),
    ...podTemplateRows,
    // The CRD's probes have no successThreshold.
    computed('livenessProbe', ['probes', 'liveness']),
    computed('readinessProbe', ['probes', 'readiness']),
    same('podDisruptionBudget'),
  ],
  classifyOrder: [],
};
