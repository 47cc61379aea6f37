/**
 * Secrets delivery: every Secret the rendered objects read resolves to one the fleet delivers (an
 * ExternalSecret, an object rivven-gitops renders) or declares external; an undeclared one is RG350 at
 * the config line that names it; each ExternalSecret carries exactly the keys read, before the
 * workloads in sync order, and conforms to the external-secrets.io/v1 schema.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compileProject } from '../../src/compile.js';
import { renderEnvironment } from '../../src/render/render-fleet.js';
import { findSecretReferences } from '../../src/render/secret-references.js';
import { secretInventory } from '../../src/render/secret-inventory.js';
import { findSecretDeliveryIssues } from '../../src/render/secret-delivery.js';
import { conformObject } from '../../src/conform/conform-object.js';
import { syncWaveAnnotation } from '../../src/render/argocd-annotations.js';
import type { K8sObject } from '../../src/render/k8s-object.js';
import type { UserConfig } from '../../src/model/types.js';
import { resolvedEnvironment } from '../support/resolved.js';
import { repoRoot } from '../faults/harness.js';

const wave = (o: K8sObject): number => Number(o.metadata.annotations?.[syncWaveAnnotation]);

test('the example fleet: every secretKeyRef, volume, envFrom and TLS secretName is delivered or declared', async () => {
  const compiled = await compileProject({ root: repoRoot, typecheck: false, policy: false });
  assert.equal(compiled.findings.filter((f) => f.code >= 'RG350' && f.code <= 'RG369'), []);
  for (const env of compiled.render.environments) {
    const resolved = compiled.fleet.environments.find((e) => e.name === env.name);
    const external = new Set(resolved?.config.secrets?.external ?? []);
    const references = findSecretReferences(env.objects);
    assert.ok(references.length > 0, `${env.name} reads Secrets`);
    for (const ref of references) {
      const delivered = env.objects.some(
        (o) =>
          (o.kind === 'ExternalSecret' && (o['spec'] as { target?: { name?: string } }).target?.name === ref.name) ||
          (o.kind === 'Certificate' && (o['spec'] as { secretName?: string }).secretName === ref.name),
      );
      assert.ok(delivered || external.has(ref.name), `${env.name}: ${ref.consumer} reads Secret ${ref.name} (${ref.field}), delivered by nothing`);
    }
    for (const entry of secretInventory(env.objects, { namespace: env.namespace, external: [...external] })) {
      assert.is.not(entry.delivery, 'undeclared', `${env.name}: ${entry.name}`);
    }
    // Delivered before the workloads that read them.
    const statefulSet = env.objects.find((o) => o.kind === 'StatefulSet');
    for (const es of env.objects.filter((o) => o.kind === 'ExternalSecret' || o.kind === 'Certificate')) {
      if (statefulSet !== undefined) assert.ok(wave(es) < wave(statefulSet), `${es.kind} ${es.metadata.name} wave ${wave(es)} before the StatefulSet's ${wave(statefulSet)}`);
    }
  }
  const prod = compiled.render.environments.find((e) => e.name === 'prod');
  const ca = prod?.objects.find((o) => o.kind === 'ExternalSecret' && o.metadata.name === 'rivven-client-ca');
  assert.equal((ca?.['spec'] as Record<string, unknown>)['data'], [{ secretKey: 'ca.crt', remoteRef: { key: 'rivven/prod/client-ca', property: 'ca.crt' } }]);
});

const base: UserConfig = {
  namespace: 'shop-dev',
  target: 'manifests',
  cluster: { name: 'main', replicas: 3, auth: { enabled: false }, clusterAuthToken: { secretName: 'cluster-token', key: 'token' } },
  networkPolicy: {},
  argocd: { repoURL: 'https://github.com/example/fleet.git' },
};

test('an ExternalSecret carries exactly the keys read, from the store, with only references', () => {
  const env = resolvedEnvironment({ ...base, secrets: { store: { kind: 'SecretStore', name: 'vault' }, refreshInterval: '15m', items: { 'cluster-token': { remoteKey: 'shop/rivven' } } } }, 'dev');
  const es = renderEnvironment(env).objects.find((o) => o.kind === 'ExternalSecret');
  assert.ok(es);
  assert.is(es.apiVersion, 'external-secrets.io/v1');
  assert.equal(es['spec'], {
    secretStoreRef: { kind: 'SecretStore', name: 'vault' },
    refreshInterval: '15m',
    target: { name: 'cluster-token', creationPolicy: 'Owner', deletionPolicy: 'Retain' },
    data: [{ secretKey: 'token', remoteRef: { key: 'shop/rivven', property: 'token' } }],
  });
  assert.equal(conformObject(es, undefined).violations, []);
  assert.is(findSecretDeliveryIssues(env).length, 0);
});

test('the ExternalSecret schema rejects what the API server would', () => {
  const bad: K8sObject = {
    apiVersion: 'external-secrets.io/v1',
    kind: 'ExternalSecret',
    metadata: { name: 'x', namespace: 'ns' },
    spec: { secretStoreRef: { kind: 'Vault', name: 'v' }, data: [{ secretKey: 'a b', remoteRef: {} }], extra: 1 },
  };
  const classes = conformObject(bad, undefined).violations.map((v) => `${v.class} ${v.path.join('.')}`).sort();
  assert.equal(classes, ['enum spec.secretStoreRef.kind', 'pattern spec.data.0.secretKey', 'pruned spec.extra', 'required spec.data.0.remoteRef.key']);
});

test('an undeclared Secret is RG350 at the line that names it: a warning without a secrets block, an error with one', () => {
  const without = findSecretDeliveryIssues(resolvedEnvironment(base, 'dev'));
  assert.equal(without.map((f) => [f.code, f.severity, f.path]), [['RG350', 'warning', 'cluster.clusterAuthToken.secretName']]);
  const withBlock = findSecretDeliveryIssues(resolvedEnvironment({ ...base, secrets: { external: ['other'] } }, 'dev'));
  assert.equal(withBlock.map((f) => [f.code, f.severity, f.path]), [
    ['RG350', 'error', 'cluster.clusterAuthToken.secretName'],
    ['RG352', 'warning', 'secrets.external'],
  ]);
  assert.match(withBlock[0]?.message ?? '', /StatefulSet\/rivven-main/);
});

test('declared external resolves; a keys-only item missing a key read is RG351; no store is RG354; twice is RG355', () => {
  assert.equal(findSecretDeliveryIssues(resolvedEnvironment({ ...base, secrets: { external: ['cluster-token'] } }, 'dev')), []);
  const missingKey = findSecretDeliveryIssues(
    resolvedEnvironment({ ...base, secrets: { store: { name: 'vault' }, items: { 'cluster-token': { keys: { other: { key: 'k' } } } } } }, 'dev'),
  );
  assert.equal(missingKey.map((f) => [f.code, f.path]), [['RG351', 'secrets.items.cluster-token.keys']]);
  const noStore = findSecretDeliveryIssues(resolvedEnvironment({ ...base, secrets: { items: { 'cluster-token': { remoteKey: 'k' } } } }, 'dev'));
  assert.equal(noStore.map((f) => f.code), ['RG354']);
  const twice = findSecretDeliveryIssues(resolvedEnvironment({ ...base, secrets: { store: { name: 'vault' }, items: { 'cluster-token': { remoteKey: 'k' } }, external: ['cluster-token'] } }, 'dev'));
  assert.equal(twice.map((f) => f.code), ['RG355']);
});

test('the inventory names consumers, keys and delivery of every Secret (volumes, projected, envFrom, Ingress TLS)', () => {
  const objects: K8sObject[] = [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'app', namespace: 'ns' },
      spec: {
        template: {
          spec: {
            containers: [{ name: 'c', envFrom: [{ secretRef: { name: 'env-all' } }], env: [{ name: 'A', valueFrom: { secretKeyRef: { name: 'one', key: 'a' } } }] }],
            volumes: [{ name: 'v', projected: { sources: [{ secret: { name: 'proj', items: [{ key: 'p', path: 'p' }] } }] } }, { name: 'w', secret: { secretName: 'whole' } }],
          },
        },
      },
    },
    { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'ns', annotations: { 'cert-manager.io/cluster-issuer': 'le' } }, spec: { tls: [{ hosts: ['x'], secretName: 'web-tls' }] } },
  ];
  assert.equal(
    secretInventory(objects, { external: ['env-all', 'one', 'proj', 'whole'] }).map((e) => [e.name, e.keys.join(','), e.consumers.join(','), e.delivery]),
    [
      ['env-all', '*', 'Deployment/app', 'external'],
      ['one', 'a', 'Deployment/app', 'external'],
      ['proj', 'p', 'Deployment/app', 'external'],
      ['web-tls', 'ca.crt,tls.crt,tls.key', 'Ingress/web', 'rendered-by-us'],
      ['whole', '*', 'Deployment/app', 'external'],
    ],
  );
});

test.run();
