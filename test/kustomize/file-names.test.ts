import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import path from 'node:path';
import { assignFileNames, isSafeRelativePath, sanitizeFileStem } from '../../src/kustomize/file-names.js';
import { layoutFleet } from '../../src/kustomize/layout-fleet.js';
import type { K8sObject } from '../../src/render/k8s-object.js';
import { UserError } from '../../src/errors/diagnostic.js';

const hostile = ['../../etc/passwd', '/etc/passwd', '..', '.', '', 'a/../../b', 'C:\\Windows\\system32', 'a\\..\\b', 'nul\u0000byte', 'line\nbreak', '.hidden', '-dash-', 'ÜNICODE-näme', 'a'.repeat(500), '%2e%2e%2f', '~user', 'con', '    '];

function cm(name: string, apiVersion = 'v1', namespace = 'ns'): K8sObject {
  return { apiVersion, kind: 'ConfigMap', metadata: { name, namespace } };
}

test('hostile object names become plain [a-z0-9.-] file names inside their directory', () => {
  for (const name of hostile) {
    const stem = sanitizeFileStem(`ConfigMap-${name}`);
    assert.ok(/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(stem), `${JSON.stringify(name)} → ${stem}`);
    assert.not.ok(stem.includes('..'), stem);
    assert.ok(stem.length <= 120, 'bounded length');
    const file = `overlays/dev/${stem}.yaml`;
    assert.ok(isSafeRelativePath(file));
    assert.is(path.posix.normalize(file), file, 'normalising changes nothing');
  }
});

test('names that sanitise alike, or repeat in another group, get deterministic suffixes', () => {
  const objects = [cm('a_b'), cm('a-b'), cm('A B'), cm('a-b', 'example.com/v1')];
  const names = assignFileNames(objects);
  assert.equal([...names.values()].sort(), ['configmap-a-b-2.yaml', 'configmap-a-b-3.yaml', 'configmap-a-b-4.yaml', 'configmap-a-b.yaml']);
  // Same objects, another order: same assignment.
  const again = assignFileNames([...objects].reverse());
  for (const obj of objects) assert.is(again.get(obj), names.get(obj));
  assert.is(names.get(objects[1] ?? cm('x')), 'configmap-a-b.yaml', 'the exact name wins over lookalikes');
});

test('long names stay apart through a hash suffix', () => {
  const a = sanitizeFileStem(`${'x'.repeat(200)}-a`);
  const b = sanitizeFileStem(`${'x'.repeat(200)}-b`);
  assert.is.not(a, b);
  assert.ok(a.length <= 120 && b.length <= 120);
});

test('kustomization.yaml is never handed to an object', () => {
  const obj: K8sObject = { apiVersion: 'v1', kind: 'Kustomization', metadata: { name: '' } };
  // `Kustomization-` sanitises to `kustomization`: the reserved name goes to nobody.
  assert.is(assignFileNames([obj]).get(obj), 'kustomization-2.yaml');
});

test('isSafeRelativePath refuses every way out of the root', () => {
  for (const bad of ['', '/abs', '../x', 'a/../../x', 'a/./b', 'a//b', 'a/', 'a\\b', 'C:/x', 'a\u0000b', '..', '.']) {
    assert.not.ok(isSafeRelativePath(bad), JSON.stringify(bad));
  }
  for (const good of ['base/kustomization.yaml', 'overlays/prod/patches/rivventopic-orders.yaml', 'overlays/dev/RUNBOOK.md']) assert.ok(isSafeRelativePath(good));
});

test('no object name can make layoutFleet write outside out/ (property)', () => {
  const name = fc.oneof(fc.constantFrom(...hostile), fc.string({ unit: 'binary', maxLength: 80 }));
  fc.assert(
    fc.property(fc.array(name, { minLength: 1, maxLength: 6 }), fc.constantFrom('overlays' as const, 'flat' as const), (names, layout) => {
      const objects = names.map((n, i): K8sObject => ({ apiVersion: 'v1', kind: i % 2 === 0 ? 'ConfigMap' : '../Secret', metadata: { name: n, namespace: 'rivven-dev' }, data: { i: String(i) } }));
      const unique = objects.filter((o, i) => objects.findIndex((p) => p.kind === o.kind && p.metadata.name === o.metadata.name) === i);
      const tree = layoutFleet({ environments: [{ name: 'dev', namespace: 'rivven-dev', objects: unique, runbook: '' }], argocd: [] }, { layout });
      for (const file of tree.keys()) {
        assert.ok(isSafeRelativePath(file), file);
        assert.ok(/^[A-Za-z0-9._/-]+$/.test(file), file);
      }
      assert.is(tree.size, unique.length + (layout === 'overlays' ? 3 : 2), 'one file per object, none overwritten');
    }),
    { numRuns: 200 },
  );
});

test('an environment name that is not a DNS-1123 label is refused with RG601', () => {
  for (const name of ['../prod', 'Prod', 'a/b', '', '..']) {
    try {
      layoutFleet({ environments: [{ name, namespace: 'x', objects: [], runbook: '' }], argocd: [] }, { layout: 'overlays' });
      assert.unreachable(`accepted ${name}`);
    } catch (error) {
      assert.instance(error, UserError);
      assert.is(error instanceof UserError ? error.findings[0]?.code : '', 'RG601');
    }
  }
});

test.run();
