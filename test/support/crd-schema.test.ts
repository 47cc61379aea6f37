import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadCrds, validateAgainstCrd } from './crd-schema.js';
import type { K8sObject } from '../../src/render/k8s-object.js';

const apiVersion = 'rivven.hupe1980.github.io/v1alpha1';

function cluster(spec: Record<string, unknown>, metadata: K8sObject['metadata'] = { name: 'main', namespace: 'rivven-dev' }): K8sObject {
  return { apiVersion, kind: 'RivvenCluster', metadata, spec };
}

test('loads the four Rivven CRDs', () => {
  const kinds = [...loadCrds().values()].map((c) => c.kind).sort();
  assert.equal(kinds, ['RivvenCluster', 'RivvenConnect', 'RivvenSchemaRegistry', 'RivvenTopic']);
});

test('a minimal valid RivvenCluster has no problems', () => {
  assert.equal(validateAgainstCrd(cluster({ replicas: 3, image: 'ghcr.io/hupe1980/rivvend:0.0.22' })), []);
});

test('catches a field the API server would prune (the guide\'s spec.version and spec.config)', () => {
  const problems = validateAgainstCrd(cluster({ replicas: 3, version: '0.0.22', config: { defaultPartitions: 3 } }));
  assert.equal(problems, ['spec.version: unknown field, the API server would prune it', 'spec.config: unknown field, the API server would prune it']);
});

test('catches out-of-range values, wrong types, enums and missing required fields', () => {
  const problems = validateAgainstCrd(
    cluster({ replicas: 101, broker: { retentionDurationSecs: 30, compressionLevel: 'high' }, storage: { accessModes: ['ReadWriteOncePod'] } }),
  );
  assert.equal(problems, [
    'spec.replicas: 101 is above the maximum 100',
    'spec.broker.retentionDurationSecs: 30 is below the minimum 60',
    'spec.broker.compressionLevel: expected integer, got string "high"',
    'spec.storage.accessModes[0]: "ReadWriteOncePod" is not one of "ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany"',
  ]);
  assert.equal(validateAgainstCrd(cluster({})), ['spec.replicas: required field missing']);
  assert.equal(validateAgainstCrd(cluster({ replicas: 1.5 })), ['spec.replicas: expected integer, got number 1.5']);
});

test('honours preserve-unknown-fields, additionalProperties and int-or-string', () => {
  assert.equal(
    validateAgainstCrd(
      cluster({
        replicas: 1,
        resources: { requests: { cpu: '1' }, anything: true },
        nodeSelector: { zone: 'a' },
        pdb: { minAvailable: '50%', maxUnavailable: 1 },
      }),
    ),
    [],
  );
  assert.equal(validateAgainstCrd(cluster({ replicas: 1, nodeSelector: { zone: 1 } })), ['spec.nodeSelector.zone: expected string, got integer 1']);
  assert.equal(validateAgainstCrd(cluster({ replicas: 1, pdb: { minAvailable: true } })), ['spec.pdb.minAvailable: expected an integer or a string, got boolean true']);
});

test('checks pattern, length and item counts on RivvenTopic', () => {
  const topic = (spec: Record<string, unknown>): K8sObject => ({ apiVersion, kind: 'RivvenTopic', metadata: { name: 'orders' }, spec });
  assert.equal(validateAgainstCrd(topic({ clusterRef: { name: 'main' } })), []);
  assert.equal(validateAgainstCrd(topic({ clusterRef: { name: 'Main_1' } })), ['spec.clusterRef.name: "Main_1" does not match ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$']);
  assert.equal(validateAgainstCrd(topic({ clusterRef: { name: 'main' }, acls: [{ principal: '', operations: [] }] })), [
    'spec.acls[0].principal: "" is shorter than 1',
    'spec.acls[0].operations: 0 items, at least 1 required',
  ]);
  assert.equal(validateAgainstCrd(topic({ clusterRef: { name: 'main' }, config: { custom: { a: 'b' }, retention: 1 } })), [
    'spec.config.retention: unknown field, the API server would prune it',
  ]);
});

test('checks metadata and unknown kinds', () => {
  assert.equal(validateAgainstCrd(cluster({ replicas: 1 }, { name: 'Bad_Name', labels: { a: 'b' } })), [
    'metadata.name: "Bad_Name" (8 characters) is not a DNS-1123 subdomain: at most 253 characters of lower-case DNS labels joined by "."',
  ]);
  assert.equal(validateAgainstCrd({ apiVersion, kind: 'RivvenBackup', metadata: { name: 'x' } }), [`${apiVersion} RivvenBackup: the Rivven CRDs define no kind RivvenBackup`]);
  assert.equal(validateAgainstCrd({ apiVersion, kind: 'RivvenCluster', metadata: { name: 'x' }, spec: { replicas: 1 }, extra: 1 }), [
    'extra: unknown field, the API server would prune it',
  ]);
});

test.run();
