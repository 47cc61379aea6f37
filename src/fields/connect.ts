/**
 * RivvenConnect ↔ `connect[name]`: every spec field render/rivven-connect.ts writes. `copy` rows are
 * copied from the pipeline; `computed` rows get the value the renderer computes (sources and sinks are
 * records in the model and name-keyed lists in the CRD). Rows added for render keep the location the
 * diff named before they existed (`locateAs: []`, the pipeline itself).
 */
import type { KindTable } from './row.js';
import { computedRow as computed, podTemplateRows, sameRow as same } from './row-builders.js';

const none = { from: 'none' } as const;
const crd = { from: 'crd' } as const;

export const connectTable: KindTable = {
  kind: 'RivvenConnect',
  rows: [
    { config: ['replicas'], crd: 'spec.replicas', unit: 'plain', label: 'replicas', default: crd },
    { config: ['sources'], crd: 'spec.sources', unit: 'list', keyedByName: true, default: none, write: 'computed' },
    { config: ['sinks'], crd: 'spec.sinks', unit: 'list', keyedByName: true, default: none, write: 'computed' },
    // clusterRef names the pipeline's cluster (or the environment's) and always the namespace.
    computed('clusterRef', ['cluster']),
    // The pinned release (rivvenVersion), next to an image of the same tag.
    computed('version', [], { default: crd }),
    computed('image', ['image']),
    same('imagePullPolicy', { default: crd }),
    same('imagePullSecrets'),
    same('resources'),
    // { stateDir, logLevel }
    computed('config'),
    same('settings'),
    same('tls'),
    ...podTemplateRows,
  ],
  classifyOrder: [],
};
