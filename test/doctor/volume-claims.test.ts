/**
 * Which StorageClasses an environment's volume claims need (listPrerequisites): the class a claim
 * names, or the cluster's default one when it names none; an explicit `""` needs neither. Under both
 * targets: the RivvenCluster's spec.storage is a claim (the operator's claim template), like the
 * StatefulSet's volumeClaimTemplates; and the runbook lists the same.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { UserConfig } from '../../src/model/types.js';
import type { K8sObject } from '../../src/render/k8s-object.js';
import { listPrerequisites } from '../../src/render/prerequisites.js';
import { renderEnvironmentObjects } from '../../src/render/render-fleet.js';
import { prerequisiteLines } from '../../src/render/runbook-prerequisites.js';
import { resolvedEnvironment } from '../support/resolved.js';

function storageNeeds(objects: readonly K8sObject[]): { named: string[]; defaultFor: readonly string[] | null } {
  const p = listPrerequisites(objects);
  return { named: p.storageClasses.map((s) => `${s.name} ← ${s.usedBy.join(', ')}`), defaultFor: p.defaultStorageClass?.usedBy ?? null };
}

function rendered(config: UserConfig): K8sObject[] {
  return renderEnvironmentObjects(resolvedEnvironment(config, 'prod'));
}

const cluster = 'rivven.hupe1980.github.io/RivvenCluster/rivven-prod/main';
const statefulSet = 'apps/StatefulSet/rivven-prod/rivven-main';

test('operator target: the RivvenCluster storage class is a prerequisite, and no class needs the default one (both CRD schemas)', () => {
  for (const schema of ['deploy-yaml', 'print-crd'] as const) {
    const operator = { target: 'operator', operator: { crds: { schema } } } as const;
    assert.equal(storageNeeds(rendered({ ...operator, cluster: { storage: { storageClassName: 'fast-ssd' } } })), { named: [`fast-ssd ← ${cluster}`], defaultFor: null }, schema);
    assert.equal(storageNeeds(rendered({ ...operator, cluster: { storage: { size: '50Gi' } } })), { named: [], defaultFor: [cluster] }, schema);
  }
});

test('manifests target: the broker StatefulSet claim templates, named or not', () => {
  assert.equal(storageNeeds(rendered({ target: 'manifests', cluster: { storage: { storageClassName: 'fast-ssd' } } })), { named: [`fast-ssd ← ${statefulSet}`], defaultFor: null });
  assert.equal(storageNeeds(rendered({ target: 'manifests' })), { named: [], defaultFor: [statefulSet] });
});

test('claims of any object: PVCs, claim templates, generic ephemeral volumes; "" needs no class, the beta annotation names one', () => {
  const pvc = (name: string, spec: Record<string, unknown>, annotations?: Record<string, string>): K8sObject => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'n', ...(annotations ? { annotations } : {}) }, spec: { accessModes: ['ReadWriteOnce'], ...spec } });
  const objects: K8sObject[] = [
    pvc('unnamed', {}),
    pvc('static', { storageClassName: '' }),
    pvc('named', { storageClassName: 'gp3' }),
    // The deprecated annotation wins over the field, as the API server reads it.
    pvc('annotated', { storageClassName: 'gp3' }, { 'volume.beta.kubernetes.io/storage-class': 'slow' }),
    {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'scratch', namespace: 'n' },
      spec: { template: { spec: { containers: [], volumes: [
        { name: 'a', ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'] } } } },
        { name: 'b', ephemeral: { volumeClaimTemplate: { spec: { storageClassName: 'local' } } } },
      ] } } },
    },
    {
      apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'static-set', namespace: 'n' },
      spec: { volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { storageClassName: '' } }] },
    },
  ];
  assert.equal(storageNeeds(objects), {
    named: ['gp3 ← /PersistentVolumeClaim/n/named', 'local ← apps/Deployment/n/scratch', 'slow ← /PersistentVolumeClaim/n/annotated'],
    defaultFor: ['/PersistentVolumeClaim/n/unnamed', 'apps/Deployment/n/scratch'],
  });
  // Only claims with "": nothing is needed.
  assert.equal(storageNeeds([pvc('static', { storageClassName: '' }), objects[5] as K8sObject]), { named: [], defaultFor: null });
});

test('runbook: a default StorageClass is listed when a claim names no class, and not otherwise', () => {
  const unnamed = prerequisiteLines(listPrerequisites(rendered({ target: 'manifests' })), 'rivven-prod').join('\n');
  assert.match(unnamed, /- A default StorageClass \(annotated `storageclass\.kubernetes\.io\/is-default-class: "true"`, exactly one\): the volume claims of `apps\/StatefulSet\/rivven-prod\/rivven-main` name no class/);
  const named = prerequisiteLines(listPrerequisites(rendered({ target: 'manifests', cluster: { storage: { storageClassName: 'fast-ssd' } } })), 'rivven-prod').join('\n');
  assert.not.match(named, /default StorageClass/);
  assert.match(named, /- StorageClass `fast-ssd`\./);
});

test.run();
