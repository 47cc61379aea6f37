/**
 * The source contract of the diff (src/live/source.ts): `--against` forms, which reads the live reader
 * is asked for, and how its per-kind statuses become unknown objects and coded problems.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { liveEnvironmentSource, parseSourceSpec, planLiveReads } from '../../src/live/source.js';
import type { K8sObject } from '../../src/render/k8s-object.js';

test('--against forms', () => {
  assert.equal(parseSourceSpec('git:HEAD'), { type: 'git', ref: 'HEAD' });
  assert.equal(parseSourceSpec('git:origin/main~2'), { type: 'git', ref: 'origin/main~2' });
  assert.equal(parseSourceSpec('live'), { type: 'live' });
  assert.equal(parseSourceSpec('file:dumps/prod.yaml'), { type: 'file', path: 'dumps/prod.yaml' });
  assert.is(parseSourceSpec('git:'), undefined);
  assert.is(parseSourceSpec('file:'), undefined);
  assert.is(parseSourceSpec('HEAD'), undefined);
});

const obj = (apiVersion: string, kind: string, name: string, namespace?: string): K8sObject => ({
  apiVersion,
  kind,
  metadata: { name, ...(namespace === undefined ? {} : { namespace }) },
});

test('one read per namespace, only the kinds rendered there, cluster-scoped objects by name, never Secrets', () => {
  const reads = planLiveReads('shop-prod', [
    obj('v1', 'Namespace', 'shop-prod'),
    obj('apps/v1', 'Deployment', 'op', 'shop-prod'),
    obj('v1', 'Secret', 's', 'shop-prod'),
    obj('rivven.hupe1980.github.io/v1alpha1', 'RivvenTopic', 'a', 'shop-prod'),
    obj('rivven.hupe1980.github.io/v1alpha1', 'RivvenTopic', 'b', 'shop-prod'),
    obj('monitoring.coreos.com/v1', 'ServiceMonitor', 'm', 'monitoring'),
    obj('rbac.authorization.k8s.io/v1', 'ClusterRole', 'r'),
  ]);
  assert.equal(reads, [
    {
      namespace: 'shop-prod',
      kinds: [
        { group: 'apps', version: 'v1', kind: 'Deployment' },
        { group: 'rivven.hupe1980.github.io', version: 'v1alpha1', kind: 'RivvenTopic' },
      ],
      clusterScoped: [
        { group: '', version: 'v1', kind: 'Namespace', names: ['shop-prod'] },
        { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRole', names: ['r'] },
      ],
    },
    { namespace: 'monitoring', kinds: [{ group: 'monitoring.coreos.com', version: 'v1', kind: 'ServiceMonitor' }], clusterScoped: [] },
  ]);
});

test('kind statuses: forbidden and failing kinds are unreadable (unknown objects), a missing kind is an error problem', () => {
  const read = planLiveReads('shop-prod', [obj('v1', 'Namespace', 'shop-prod'), obj('apps/v1', 'Deployment', 'op', 'shop-prod')])[0];
  if (read === undefined) throw new Error('no read');
  const source = liveEnvironmentSource([
    {
      read,
      snapshot: {
        objects: [obj('apps/v1', 'Deployment', 'op', 'shop-prod')],
        kinds: [
          { group: 'apps', version: 'v1', kind: 'Deployment', status: 'ok' },
          { group: '', version: 'v1', kind: 'Namespace', status: 'forbidden', code: 'RG758', message: 'namespaces "shop-prod" is forbidden' },
          { group: 'rivven.hupe1980.github.io', version: 'v1alpha1', kind: 'RivvenTopic', status: 'not-installed' },
          { group: 'monitoring.coreos.com', version: 'v1', kind: 'ServiceMonitor', status: 'error', code: 'RG761', message: 'timed out' },
        ],
      },
    },
  ]);
  assert.equal(source.unreadable, [
    { group: '', kind: 'Namespace', namespace: '' },
    { group: 'monitoring.coreos.com', kind: 'ServiceMonitor', namespace: 'shop-prod' },
  ]);
  assert.equal(source.problems.map((p) => [p.code, p.severity, p.path]), [
    ['RG758', 'warning', 'v1 Namespace'],
    ['RG759', 'error', 'rivven.hupe1980.github.io/v1alpha1 RivvenTopic'],
    ['RG761', 'warning', 'monitoring.coreos.com/v1 ServiceMonitor'],
  ]);
  assert.is(source.deletions, 'tracked');
  assert.is(source.objects.length, 1);
});

test.run();
