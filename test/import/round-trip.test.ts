/**
 * Import → write TypeScript into a temporary fleet → compile → the emitted resources equal the imported
 * ones (both sides with the real CRDs' defaults applied). Also: the generated file type-checks and
 * passes `validate` (the CLI, in-process), and it matches its golden file (UPDATE=1 rewrites those).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compileProject } from '../../src/compile.js';
import { applyServerDefaults } from '../../src/diff/kubernetes-defaults.js';
import { findDifferences } from '../../src/import/compare-values.js';
import { importManifests } from '../../src/import/import-manifests.js';
import { importedFileText } from '../../src/import/import-file.js';
import type { ImportDocument, ImportResult } from '../../src/import/types.js';
import type { K8sObject } from '../../src/render/k8s-object.js';
import { formatPath, parseDisplayPath, type PathSegment } from '../../src/core/path.js';
import { withCrdDefaults } from './support/crd-defaults.js';
import { checkImportGolden, importFixture, removeFleet, repoRoot, runCli, writeFleet } from './support/fleet.js';

function isObject(value: unknown): value is K8sObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'kind' in value && 'metadata' in value;
}

const rivvenKinds = ['RivvenCluster', 'RivvenTopic', 'RivvenConnect', 'RivvenSchemaRegistry'];

async function compileImported(text: string, kind: 'config' | 'environment'): Promise<{ dir: string; objects: readonly K8sObject[] }> {
  const dir = await writeFleet(text, kind);
  const compiled = await compileProject({ root: dir, typecheck: false, policy: false });
  const env = compiled.render.environments.find((e) => e.name === 'imported');
  if (env === undefined) throw new Error('no environment "imported" rendered');
  return { dir, objects: env.objects };
}

function renderedFor(input: K8sObject, objects: readonly K8sObject[]): K8sObject | undefined {
  return objects.find((o) => o.kind === input.kind && o.metadata.name === input.metadata.name);
}

/** Every Rivven custom resource of the input, rendered again with the same spec, name and namespace. */
function assertCustomResourcesEqual(documents: readonly ImportDocument[], objects: readonly K8sObject[]): void {
  const inputs = documents.map((d) => d.value).filter(isObject).filter((o) => rivvenKinds.includes(o.kind));
  assert.ok(inputs.length > 0, 'the fixture holds Rivven custom resources');
  for (const input of inputs) {
    const rendered = renderedFor(input, objects);
    assert.ok(rendered, `${input.kind} ${input.metadata.name} is rendered`);
    assert.equal(withCrdDefaults(rendered)['spec'], withCrdDefaults(input)['spec'], `${input.kind} ${input.metadata.name}: spec`);
    assert.is(rendered.metadata.namespace, input.metadata.namespace);
    for (const [label, value] of Object.entries(input.metadata.labels ?? {})) assert.is(rendered.metadata.labels?.[label], value, `${input.kind} ${input.metadata.name}: label ${label}`);
  }
}

test('Rivven custom resources of every kind round-trip exactly, with only the Argo CD placeholder noted (no SCRAM placeholder: nothing would read it)', async () => {
  const { documents, result, text } = importFixture('operator');
  assert.equal(
    result.imported.map((o) => `${o.kind}/${o.name}`),
    ['RivvenCluster/events', 'RivvenTopic/orders-events', 'RivvenTopic/cdc.orders', 'RivvenConnect/cdc-pipeline', 'RivvenSchemaRegistry/registry'],
  );
  assert.equal(
    result.notes.map((n) => n.target.join('.')),
    ['argocd'],
    result.notes.map((n) => n.reason).join('\n'),
  );
  const { dir, objects } = await compileImported(text, 'config');
  try {
    assertCustomResourcesEqual(documents, objects);
    const validate = await runCli(['validate'], dir);
    assert.is(validate.code, 0, validate.stdout + validate.stderr);
  } finally {
    await removeFleet(dir);
  }
  assert.is(checkImportGolden('operator', 'expected.ts', text), undefined);
});

test('the friendly forms: retention in days, exact byte sizes in binary units, the typed postgres-cdc helper', () => {
  const { text } = importFixture('operator');
  assert.match(text, /retention: '7d',/);
  assert.match(text, /retention: '3d',/);
  assert.match(text, /segmentBytes: '1Gi',/);
  assert.match(text, /broker: \{ segmentSize: '512Mi', retention: '3d', compressionLevel: 6, maxMessageSize: '2Mi' \}/);
  assert.match(text, /flushInterval: '1s',/);
  assert.match(text, /postgresCdc: \{\n\s+slotName: 'rivven_slot',\n\s+publication: 'rivven_pub',/);
  // The router block is read by no typed field: it stays free-form, exactly as written.
  assert.match(text, /config: \{ router: \{ enabled: true, default_destination: 'cdc\.orders' \} \}/);
  assert.not.match(text, /retentionMs|segmentSizeBytes|slot_name/);
});

test('the same resources as an environment file round-trip over a base', async () => {
  const { documents, result, text } = importFixture('operator', 'environment');
  assert.ok(text.includes("import { defineEnvironment } from 'rivven-gitops';"));
  assert.not.ok('argocd' in result.config, 'an environment does not get the base-only completions');
  const { dir, objects } = await compileImported(text, 'environment');
  try {
    assertCustomResourcesEqual(documents, objects);
  } finally {
    await removeFleet(dir);
  }
});

/** Removes what the notes explain from a copy: those values are not carried over, by design. */
function withoutNoted(obj: K8sObject, notedPaths: readonly (readonly PathSegment[])[]): K8sObject {
  const copy = structuredClone(obj);
  for (const p of notedPaths) {
    let node: unknown = copy;
    for (const segment of p.slice(0, -1)) node = typeof node === 'object' && node !== null ? Reflect.get(node, segment) : undefined;
    const last = p[p.length - 1];
    if (typeof node === 'object' && node !== null && last !== undefined) Reflect.deleteProperty(node, last);
  }
  return copy;
}

function notedPathsOf(result: ImportResult, doc: ImportDocument): PathSegment[][] {
  const prefix = `${doc.file}${doc.index > 0 ? `#${doc.index + 1}` : ''} `;
  return result.notes.filter((n) => n.path.startsWith(prefix)).map((n) => parsePath(n.path.slice(prefix.length)));
}

function parsePath(text: string): PathSegment[] {
  if (text === '(document)') return [];
  // parseDisplayPath reads `[0]` as a number and quoted keys as strings, as formatPath writes them.
  return parseDisplayPath(text);
}

test("the guide's manual deployment: what is carried over renders the same, and every other value has a note", async () => {
  const { documents, result, text } = importFixture('guide-manifests');
  assert.is(result.config['target'], 'manifests');
  const { dir, objects } = await compileImported(text, 'config');
  try {
    const pairs: [string, (o: K8sObject) => boolean][] = [
      ['StatefulSet', (o) => o.kind === 'StatefulSet'],
      ['HorizontalPodAutoscaler', (o) => o.kind === 'HorizontalPodAutoscaler'],
    ];
    for (const [kind, match] of pairs) {
      const doc = documents.find((d) => isObject(d.value) && d.value.kind === kind);
      const rendered = objects.find(match);
      assert.ok(doc && isObject(doc.value) && rendered, `${kind} imported and rendered`);
      const input = withoutNoted(doc.value, notedPathsOf(result, doc));
      applyServerDefaults(input);
      const output = structuredClone(rendered);
      applyServerDefaults(output);
      const left = findDifferences(input['spec'], output['spec'], ['spec']);
      assert.equal(left.map((d) => formatPath(d.path)), [], `${kind}: values neither carried over nor noted`);
    }
    const validate = await runCli(['validate'], dir);
    assert.is(validate.code, 0, validate.stdout + validate.stderr);
  } finally {
    await removeFleet(dir);
  }
  assert.is(checkImportGolden('guide-manifests', 'expected.ts', text), undefined);
});

/**
 * A map the input has and the rendered object leaves out is an empty map to the API server: it fills both
 * with the same defaults (`broker: { adminPort: 9095 }` is stored like no broker block at all).
 */
function mirrorMaps(input: unknown, rendered: Record<string, unknown>): void {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return;
  for (const [key, value] of Object.entries(input)) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
    if (rendered[key] === undefined) rendered[key] = {};
    const next = rendered[key];
    if (typeof next === 'object' && next !== null && !Array.isArray(next)) mirrorMaps(value, Object(next));
  }
}

test("the guide's custom resources: every value is carried over or noted (the guide's pruned fields, wrong ports, camelCase CDC keys)", async () => {
  const { documents, result, text } = importFixture('guide-crs');
  assert.is(result.config['rivvenVersion'], '0.0.22', "the guide's spec.version pins the release");
  const { dir, objects } = await compileImported(text, 'config');
  try {
    for (const doc of documents) {
      assert.ok(isObject(doc.value));
      const rendered = renderedFor(doc.value, objects);
      assert.ok(rendered, `${doc.value.kind} ${doc.value.metadata.name} rendered`);
      // Defaults first: a note about an absent field (spec.image) explains the default it would get.
      const input = withoutNoted(withCrdDefaults(doc.value), notedPathsOf(result, doc));
      const output = structuredClone(rendered);
      mirrorMaps(input['spec'], Object(output['spec']));
      const left = findDifferences(input['spec'], withCrdDefaults(output)['spec'], ['spec']);
      assert.equal(left.map((d) => formatPath(d.path)), [], `${doc.value.kind}: values neither carried over nor noted`);
    }
    const validate = await runCli(['validate'], dir);
    assert.is(validate.code, 0, validate.stdout + validate.stderr);
  } finally {
    await removeFleet(dir);
  }
  assert.equal(
    result.notes.map((n) => n.path.replace('test/fixtures/import/guide-crs/input.yaml', 'input.yaml')),
    [
      'input.yaml spec.image',
      'input.yaml spec.version',
      'input.yaml spec.config',
      'input.yaml spec.broker.clientPort',
      'input.yaml spec.metrics.serviceMonitor',
      'input.yaml#2 spec.config.retention',
      'input.yaml#3 spec.version',
      'input.yaml#3 spec.sources[0].config',
      'input.yaml#4 spec.server.requestTimeoutMs',
      'input.yaml#4 spec.compatibility.perSubject',
      'input.yaml#4 spec.formats',
      '(added by import)',
    ],
  );
  assert.is(checkImportGolden('guide-crs', 'expected.ts', text), undefined);
});

test('Helm-style values become the cluster settings they were meant for, and the file validates', async () => {
  const { result, text } = importFixture('helm-values');
  assert.equal(result.config['cluster'], {
    replicas: 5,
    imagePullPolicy: 'IfNotPresent',
    storage: { size: '100Gi', storageClassName: 'premium-ssd' },
    resources: { requests: { cpu: '1', memory: '2Gi' }, limits: { cpu: '4', memory: '8Gi' } },
    placement: { antiAffinity: 'required', zoneSpread: true },
    tls: {
      enabled: true,
      certManager: { issuerRef: { name: 'letsencrypt-prod', kind: 'ClusterIssuer' } },
      mtls: { enabled: true, clientCASecret: 'rivven-client-ca' },
    },
    auth: { enabled: true, mechanism: 'scram', scram: { existingSecret: 'rivven-users' }, rbac: { enabled: true, configMapName: 'rivven-rbac' } },
  });
  assert.is(result.config['rivvenVersion'], '0.0.22');
  const dir = await writeFleet(text, 'config');
  try {
    const validate = await runCli(['validate'], dir);
    assert.is(validate.code, 0, validate.stdout + validate.stderr);
  } finally {
    await removeFleet(dir);
  }
  assert.is(checkImportGolden('helm-values', 'expected.ts', text), undefined);
});

/**
 * Argo CD's sync annotations follow argocd.enabled, which the import switches off until repoURL is set
 * (a note says so); the Applications themselves are not among the imported kinds.
 */
function withoutArgoCd(obj: K8sObject): K8sObject {
  const annotations = Object.entries(obj.metadata.annotations ?? {}).filter(([k]) => !k.startsWith('argocd.argoproj.io/'));
  const { annotations: _dropped, ...metadata } = obj.metadata;
  return { ...obj, metadata: annotations.length > 0 ? { ...metadata, annotations: Object.fromEntries(annotations) } : metadata };
}

/** What rivven-gitops rendered for one environment, imported and compiled again: the same objects. */
/**
 * What an escape hatch (customize) added is no DSL setting: import cannot carry it over and must say so in
 * a note (`rendered.yaml#<document number> <dotted path>: … not carried over`). The round trip holds for the rest:
 * the fields those notes name are dropped from the original before comparing.
 */
function withoutNotCarriedOver(obj: K8sObject, document: number, notes: readonly { readonly path: string; readonly reason: string }[]): K8sObject {
  const copy = structuredClone(obj) as unknown as Record<string, unknown>;
  const prefix = document === 0 ? 'rendered.yaml ' : `rendered.yaml#${document + 1} `;
  for (const note of notes) {
    if (!note.path.startsWith(prefix) || !/not carried over/.test(note.reason)) continue;
    const keys = note.path.slice(prefix.length).split('.');
    let node: unknown = copy;
    for (const key of keys.slice(0, -1)) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    if (node !== null && typeof node === 'object') delete (node as Record<string, unknown>)[keys[keys.length - 1] ?? ''];
  }
  return copy as unknown as K8sObject;
}

async function assertRenderedRoundTrip(root: string, environment: string, kinds: readonly string[]): Promise<void> {
  const source = await compileProject({ root, typecheck: false, policy: false });
  const env = source.render.environments.find((e) => e.name === environment);
  assert.ok(env, `${root}: environment ${environment}`);
  const documents: ImportDocument[] = env.objects.map((o, index) => ({ file: 'rendered.yaml', index, value: structuredClone(o) }));
  const result = importManifests(documents, { kind: 'config' });
  const { dir, objects } = await compileImported(importedFileText(result, 'config', ['rendered.yaml']), 'config');
  try {
    const selected = env.objects.filter((o) => kinds.includes(o.kind));
    assert.ok(selected.length >= kinds.length, 'every kind is present in the source');
    for (const original of selected) {
      const again = objects.find((o) => o.kind === original.kind && o.metadata.name === original.metadata.name);
      assert.ok(again, `${original.kind} ${original.metadata.name} rendered again`);
      assert.equal(withCrdDefaults(withoutArgoCd(again)), withCrdDefaults(withoutArgoCd(withoutNotCarriedOver(original, env.objects.indexOf(original), result.notes))), `${original.kind} ${original.metadata.name}`);
    }
  } finally {
    await removeFleet(dir);
  }
}

test("an operator-target fleet's prod output (the diff fixture fleet) round-trips object for object", async () => {
  await assertRenderedRoundTrip(`${repoRoot}/test/fixtures/diff/fleet`, 'prod', ['RivvenCluster', 'RivvenTopic']);
});

test("the example fleet's prod output (manifests target, TLS) round-trips object for object", async () => {
  await assertRenderedRoundTrip(repoRoot, 'prod', ['StatefulSet', 'Service', 'Namespace']);
});

test('a manifests-target fleet output (StatefulSet, Services, HPA, Ingress, Namespace) round-trips object for object', async () => {
  await assertRenderedRoundTrip(`${repoRoot}/test/fixtures/fleets/manifests-target`, 'prod', ['StatefulSet', 'Service', 'HorizontalPodAutoscaler', 'Ingress', 'Namespace']);
});

test.run();
