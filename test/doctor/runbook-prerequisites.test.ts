/**
 * The runbook's Prerequisites section lists what doctor checks, from the same rendered objects: Secrets
 * created outside the repository are listed, Secrets the environment delivers itself (a cert-manager
 * Certificate's) are not.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { listPrerequisites } from '../../src/render/prerequisites.js';
import { findSecretReferences } from '../../src/render/secret-references.js';
import { compileProject } from '../../src/compile.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function section(runbook: string): string {
  return runbook.slice(runbook.indexOf('## Prerequisites'), runbook.indexOf('\n## ', runbook.indexOf('## Prerequisites') + 1));
}

test('runbook: the committed prerequisites of each environment are exactly the ones doctor checks', async () => {
  const compiled = await compileProject({ root, environments: [], typecheck: false, policy: false });
  for (const env of compiled.render.environments) {
    const committed = fs.readFileSync(path.join(root, 'out/overlays', env.name, 'RUNBOOK.md'), 'utf8');
    const listed = [...section(committed).matchAll(/^- Secret `([^`]+)`/gm)].map((m) => m[1]);
    assert.equal(listed, listPrerequisites(env.objects).secrets.map((s) => s.name), env.name);
  }
  const prod = compiled.render.environments.find((e) => e.name === 'prod');
  assert.ok(prod);
  const text = section(prod.runbook);
  // rivven-client-ca is read by the brokers and delivered by an ExternalSecret: its store is the prerequisite, not the Secret.
  assert.ok(findSecretReferences(prod.objects).some((r) => r.name === 'rivven-client-ca'));
  assert.not.match(text, /Secret `rivven-client-ca`/);
  assert.match(text, /External Secrets ClusterSecretStore `fleet-secrets`/);
  assert.match(text, /StorageClass `premium-ssd`/);
  assert.match(text, /cert-manager ClusterIssuer `rivven-ca`/);
  assert.match(text, /CRD serving `ServiceMonitor` at `monitoring.coreos.com\/v1`/);
  // The broker mounts rivven-main-tls, but its Certificate delivers it: not a prerequisite.
  assert.ok(findSecretReferences(prod.objects).some((r) => r.name === 'rivven-main-tls'));
  assert.not.match(text, /Secret `rivven-main-tls`/);
});

test('referenced Secrets: env, envFrom, volumes, projected volumes and Ingress TLS; optional ones are not required', () => {
  const pod = {
    containers: [{ name: 'c', env: [{ name: 'A', valueFrom: { secretKeyRef: { name: 'a', key: 'k' } } }, { name: 'O', valueFrom: { secretKeyRef: { name: 'opt', key: 'k', optional: true } } }], envFrom: [{ secretRef: { name: 'b' } }] }],
    volumes: [{ name: 'v', secret: { secretName: 'c' } }, { name: 'p', projected: { sources: [{ secret: { name: 'd' } }] } }],
  };
  const objects = [
    { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'j', namespace: 'n' }, spec: { jobTemplate: { spec: { template: { spec: pod } } } } },
    { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i', namespace: 'n' }, spec: { tls: [{ secretName: 'e' }] } },
  ];
  assert.equal(findSecretReferences(objects).filter((r) => !r.optional).map((r) => r.name), ['a', 'b', 'c', 'd', 'e']);
  assert.equal(findSecretReferences(objects).filter((r) => r.optional).map((r) => r.name), ['opt']);
  assert.equal(listPrerequisites(objects).secrets.map((s) => s.name), ['a', 'b', 'c', 'd', 'e']);
});

test.run();
