/**
 * locatePrerequisites: each prerequisite of an environment points at the config line that creates it,
 * through the merge's provenance: the environment file where it overrides the base, else the base; the
 * setting that turns a feature on for a CRD and its operator; the environment file when no line does.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compileProject } from '../../src/compile.js';
import { rivvenGroup } from '../../src/core/rivven.js';
import { locatePrerequisites } from '../../src/render/prerequisite-sources.js';
import { listPrerequisites, type ConfigSource, type Prerequisites } from '../../src/render/prerequisites.js';
import { resolvedEnvironment } from '../support/resolved.js';

const files: Record<string, string> = {
  'rivven.config.ts': `import { defineConfig } from 'rivven-gitops';

export default defineConfig({
  project: 'shop',
  target: 'manifests',
  cluster: {
    replicas: 3,
    clusterAuthToken: { secretName: 'shop-token', key: 'token' },
    auth: { enabled: false },
  },
  monitoring: { serviceMonitor: true },
  backup: { method: 'velero' },
  networkPolicy: { allowedNamespaces: ['shop'] },
  secrets: { store: { kind: 'ClusterSecretStore', name: 'vault' }, external: ['shop-token'] },
  argocd: { repoURL: 'https://example.com/shop.git' },
});
`,
  'environments/dev.ts': `import { defineEnvironment } from 'rivven-gitops';

export default defineEnvironment({
  cluster: { clusterAuthToken: { secretName: 'dev-token', key: 'token' } },
  secrets: { external: ['dev-token'] },
});
`,
  'environments/staging.ts': `import { defineEnvironment } from 'rivven-gitops';

export default defineEnvironment({});
`,
};

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rivven-prerequisite-sources-'));
for (const [file, text] of Object.entries(files)) {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
}
test.after(() => fs.rmSync(root, { recursive: true, force: true }));

function positionOf(file: string, needle: string): string {
  const lines = (files[file] ?? '').split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  return `${file}:${line + 1}:${(lines[line] ?? '').indexOf(needle) + 1}`;
}

const at = (s: { source?: ConfigSource } | undefined): string => (s?.source?.loc === undefined ? `${s?.source?.path} (no loc)` : `${s.source.path} ${s.source.loc.file}:${s.source.loc.line}:${s.source.loc.column}`);

async function located(): Promise<Map<string, Prerequisites>> {
  const compiled = await compileProject({ root, environments: [], typecheck: false, policy: false });
  assert.equal(compiled.findings.filter((f) => f.severity === 'error').map((f) => f.code), []);
  const out = new Map<string, Prerequisites>();
  for (const env of compiled.render.environments) {
    const resolved = compiled.fleet.environments.find((e) => e.name === env.name);
    assert.ok(resolved);
    const listed = listPrerequisites(env.objects);
    // Prerequisites the example's objects do not produce, to see where each kind would point.
    const extra: Prerequisites = {
      ...listed,
      apis: [...listed.apis, { group: rivvenGroup, version: 'v1alpha1', kind: 'RivvenCluster', usedBy: [] }, { group: 'example.com', version: 'v1', kind: 'Widget', usedBy: [] }],
      storageClasses: [{ name: 'fast', usedBy: [] }],
      secretStores: [{ kind: 'ClusterSecretStore', namespace: '', name: 'vault', usedBy: [] }],
    };
    out.set(env.name, locatePrerequisites(resolved, extra));
  }
  return out;
}

test('a Secret points at the line naming it: the environment file where it overrides the base, else the base', async () => {
  const envs = await located();
  assert.equal(envs.get('dev')?.secrets.map((s) => [s.name, at(s)]), [['dev-token', `cluster.clusterAuthToken.secretName ${positionOf('environments/dev.ts', "secretName: 'dev-token'")}`]]);
  assert.equal(envs.get('staging')?.secrets.map((s) => [s.name, at(s)]), [['shop-token', `cluster.clusterAuthToken.secretName ${positionOf('rivven.config.ts', "secretName: 'shop-token'")}`]]);
});

test('a CRD and its operator point at the setting that turns the feature on', async () => {
  const staging = (await located()).get('staging');
  const api = (kind: string) => at(staging?.apis.find((a) => a.kind === kind));
  assert.is(api('ServiceMonitor'), `monitoring.serviceMonitor ${positionOf('rivven.config.ts', 'serviceMonitor: true')}`);
  // Alerts are on by default inside the monitoring block: the block's line.
  assert.is(api('PrometheusRule'), `monitoring.alerts ${positionOf('rivven.config.ts', 'monitoring: {')}`);
  assert.is(api('Schedule'), `backup.method ${positionOf('rivven.config.ts', "method: 'velero'")}`);
  assert.is(api('RivvenCluster'), `target ${positionOf('rivven.config.ts', "target: 'manifests'")}`);
  // Nothing in the config renders it (an object from elsewhere): the environment file itself.
  assert.is(api('Widget'), 'customize environments/staging.ts:1:1');
  assert.equal(staging?.operators.map((o) => [o.name, at(o)]), [
    ['prometheus-operator', `monitoring.serviceMonitor ${positionOf('rivven.config.ts', 'serviceMonitor: true')}`],
    ['Velero', `backup.method ${positionOf('rivven.config.ts', "method: 'velero'")}`],
  ]);
});

test('a StorageClass no line names points at the storage block it would go in; a SecretStore at secrets.store', async () => {
  const staging = (await located()).get('staging');
  // cluster.storage is not written: its closest written block, cluster.
  assert.equal(staging?.storageClasses.map(at), [`cluster.storage ${positionOf('rivven.config.ts', 'cluster: {')}`]);
  // The broker volumes name no class: the default StorageClass they need comes from the same block.
  assert.is(at(staging?.defaultStorageClass), `cluster.storage ${positionOf('rivven.config.ts', 'cluster: {')}`);
  assert.equal(staging?.secretStores.map(at), [`secrets.store.name ${positionOf('rivven.config.ts', "name: 'vault'")}`]);
});

test('claims without a class while cluster.storage names one come from customize', () => {
  const env = resolvedEnvironment({ target: 'manifests', cluster: { storage: { storageClassName: 'fast' } } }, 'dev');
  const located = locatePrerequisites(env, { ...listPrerequisites([]), defaultStorageClass: { usedBy: ['/PersistentVolumeClaim/rivven-dev/scratch'] } });
  assert.is(at(located.defaultStorageClass), 'customize environments/dev.ts:1:1');
});

test.run();
