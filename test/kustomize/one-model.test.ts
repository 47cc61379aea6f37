/**
 * The layout writer and the git source's evaluator (live/kustomize-lite.ts) share one model of
 * kustomize: the namespace transform of kustomize/scope.ts and the RFC 6902 apply of
 * customize/apply-json-patch.ts. Before they did, the two disagreed where these tests look, and real
 * `kubectl kustomize` sides with what is kept here.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { applyJsonPatch } from '../../src/kustomize/json-patch.js';
import { layoutFleet } from '../../src/kustomize/layout-fleet.js';
import { survivesNamespaceTransform } from '../../src/kustomize/scope.js';
import type { K8sObject } from '../../src/render/k8s-object.js';
import { buildKustomization } from '../../src/live/kustomize-lite.js';
import { assertSameObjects, kubectlTest, kustomizeBuild } from '../support/kubectl.js';

const ns = 'rivven-dev';
const serviceAccount: K8sObject = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'app', namespace: ns } };
/** A subject without a namespace that names a ServiceAccount of the build: kustomize gives it the overlay's namespace. */
const binding: K8sObject = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'RoleBinding',
  metadata: { name: 'app-readers', namespace: ns },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' },
  subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'app' }],
};

async function writeTree(tree: ReadonlyMap<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'rivven-one-model-'));
  for (const [file, text] of tree) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
  return dir;
}

test('a binding whose subject names one of the environment\'s ServiceAccounts, without a namespace, does not survive the overlay', () => {
  // The old layout model only knew the `default` rule and put this binding in base/, where the
  // overlay's transform then added a namespace to the subject.
  assert.is(survivesNamespaceTransform(binding, ns, [{ name: 'app', namespace: ns }]), false);
  assert.is(survivesNamespaceTransform(binding, ns, [{ name: 'other', namespace: ns }]), true);
});

kubectlTest(test, 'such a binding: kubectl kustomize and the git source both give back exactly the rendered objects', async () => {
  const tree = layoutFleet({ environments: [{ name: 'dev', namespace: ns, objects: [serviceAccount, binding], runbook: '' }], argocd: [] }, { layout: 'overlays' });
  const dir = await writeTree(tree);
  try {
    const dirs = ['overlays/dev', 'other-namespaces/dev'].filter((d) => tree.has(`${d}/kustomization.yaml`));
    const byKubectl = (await Promise.all(dirs.map((d) => kustomizeBuild(path.join(dir, d))))).flat();
    const byGitSource = dirs.flatMap((d) => buildKustomization(tree, d));
    // The Namespace-less fixture: only the two objects, exactly as rendered.
    assertSameObjects(byKubectl, [serviceAccount, binding]);
    assertSameObjects(byGitSource, [serviceAccount, binding]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

const patchTarget: K8sObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: ns }, data: { a: '1' }, spec: { list: ['x', 'y'] } };
const operations = [
  { op: 'add', path: '/spec/list/-', value: 'z' },
  { op: 'copy', from: '/data/a', path: '/data/b' },
  { op: 'move', from: '/spec/list/0', path: '/spec/first' },
  { op: 'test', path: '/spec/first', value: 'x' },
] as const;

test('`-` appends, and move, copy and test apply, as RFC 6902 says', () => {
  // The layout's apply used to insert at `-` as if it were index 0 and knew no move, copy or test.
  const patched = applyJsonPatch(patchTarget, operations);
  assert.equal(patched['spec'], { list: ['y', 'z'], first: 'x' });
  assert.equal(patched['data'], { a: '1', b: '1' });
  assert.equal(patchTarget['spec'], { list: ['x', 'y'] }, 'the input is left alone');
  assert.throws(() => applyJsonPatch(patchTarget, [{ op: 'test', path: '/data/a', value: '2' }]), /test of \/data\/a failed/);
});

kubectlTest(test, 'the shared apply agrees with kubectl kustomize on those operations, through the git source', async () => {
  const patch = operations.map((o) => `- ${JSON.stringify(o)}`).join('\n');
  const tree = new Map([
    ['k/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: rivven-dev\ndata:\n  a: "1"\nspec:\n  list: [x, y]\n'],
    ['k/kustomization.yaml', `resources: [cm.yaml]\npatches:\n- target: {kind: ConfigMap, name: c}\n  patch: |\n${patch.split('\n').map((l) => `    ${l}`).join('\n')}\n`],
  ]);
  const dir = await writeTree(tree);
  try {
    const expected = applyJsonPatch(patchTarget, operations);
    assertSameObjects(await kustomizeBuild(path.join(dir, 'k')), [expected]);
    assertSameObjects(buildKustomization(tree, 'k'), [expected]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test.run();
