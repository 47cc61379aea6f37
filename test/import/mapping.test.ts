/**
 * What the importer does with particular inputs: the deployment guide's mistakes get notes that say why,
 * placement is matched exactly or noted, refused values are dropped with a note, conflicts keep the
 * first value, and the output does not depend on document order.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { importManifests } from '../../src/import/import-manifests.js';
import { importedFileText } from '../../src/import/import-file.js';
import { parseYamlDocuments } from '../../src/import/read-yaml.js';
import type { ImportResult } from '../../src/import/types.js';
import { importFixture } from './support/fleet.js';

function importYaml(text: string, kind: 'config' | 'environment' = 'environment'): ImportResult {
  const parsed = parseYamlDocuments(text, 'in.yaml');
  assert.equal(parsed.findings, []);
  return importManifests(parsed.documents, { kind });
}

function reasonAt(result: ImportResult, path: string): string {
  const note = result.notes.find((n) => n.path === path);
  assert.ok(note, `a note at ${path}; notes: ${result.notes.map((n) => n.path).join(', ')}`);
  return note.reason;
}

const cluster = (spec: string, name = 'main') => `apiVersion: rivven.hupe1980.github.io/v1alpha1
kind: RivvenCluster
metadata:
  name: ${name}
spec:
  replicas: 3
  image: ghcr.io/hupe1980/rivvend:0.0.22
${spec}`;

test("the guide's manual deployment: each of its mistakes is noted with the reason", () => {
  const { result } = importFixture('guide-manifests');
  const at = (path: string) => reasonAt(result, `test/fixtures/import/guide-manifests/input.yaml${path}`);
  assert.match(at('#3 spec.template.spec.containers[0].image'), /ghcr\.io\/hupe1980\/rivven:latest does not exist .* renders ghcr\.io\/hupe1980\/rivvend:0\.0\.22/);
  assert.match(at('#3 spec.template.spec.containers[0].ports[0]'), /port 9292 does not exist/);
  assert.match(at('#3 spec.template.spec.containers[0].ports[1]'), /port 9393 does not exist/);
  assert.match(at('#3 spec.template.spec.containers[0].ports[2]'), /port 9090 does not exist/);
  assert.match(at('#2 data["rivven.yaml"]'), /rivvend has no --config flag and reads no config file/);
  assert.match(at('#3 spec.template.spec.containers[0].livenessProbe'), /only GET \/health on 9094 .*not \/health\/live/);
  assert.match(at('#3 spec.template.spec.containers[0].env[1]'), /RIVVEN_ADVERTISE_ADDR as an IP:port/);
  assert.match(at('#6 spec'), /custom TCP, not HTTP or gRPC, so it cannot go through an Ingress/);
  assert.is(result.config['target'], 'manifests');
  assert.equal(result.config['autoscaling'], { minReplicas: 3, maxReplicas: 10, targetCPUUtilization: 70, targetMemoryUtilization: 80, scaleDownStabilization: '5m', scaleDownPodsPerMinute: 1 });
});

test('an affinity rivven-gitops would not render is noted, and no anti-affinity is added in its place', () => {
  const result = importYaml(
    cluster(`  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms: [{ matchExpressions: [{ key: disk, operator: In, values: [ssd] }] }]
`),
  );
  assert.match(reasonAt(result, 'in.yaml spec.affinity'), /not one rivven-gitops renders/);
  assert.equal(result.config['cluster'], { name: 'main', replicas: 3, placement: { antiAffinity: 'none' } });
});

test('values the model refuses are dropped with a note pointing at the YAML', () => {
  const result = importYaml(`apiVersion: rivven.hupe1980.github.io/v1alpha1
kind: RivvenTopic
metadata: { name: orders }
spec:
  clusterRef: { name: main }
  partitions: 0
  replicationFactor: 3
`);
  assert.equal(result.config['topics'], { orders: { replicationFactor: 3 } });
  const note = result.notes.find((n) => n.path === 'in.yaml spec.partitions');
  assert.ok(note);
  assert.match(note.reason, /topics\.orders\.partitions 0 is not valid here/);
  assert.equal(note.loc, { file: 'in.yaml', line: 6, column: 3 });
  assert.equal(note.target, ['topics', 'orders']);
});

test('a second RivvenCluster and a conflicting namespace are noted; the first is kept', () => {
  const result = importYaml(
    [cluster('', 'a').replace('metadata:\n', 'metadata:\n  namespace: one\n'), cluster('', 'b').replace('metadata:\n', 'metadata:\n  namespace: two\n')].join('\n---\n'),
  );
  assert.is(result.config['namespace'], 'one');
  assert.match(reasonAt(result, 'in.yaml#2 (document)'), /a second RivvenCluster/);
  const topic = importYaml(
    [
      'apiVersion: rivven.hupe1980.github.io/v1alpha1\nkind: RivvenTopic\nmetadata: { name: a, namespace: one }\nspec: { clusterRef: { name: main } }',
      'apiVersion: rivven.hupe1980.github.io/v1alpha1\nkind: RivvenTopic\nmetadata: { name: b, namespace: two }\nspec: { clusterRef: { name: main } }',
    ].join('\n---\n'),
  );
  assert.match(reasonAt(topic, 'in.yaml#2 metadata.namespace'), /namespace is already "one" from in\.yaml metadata\.namespace; this value \("two"\) is not carried over/);
});

test('a postgres-cdc config the typed helper cannot reproduce exactly stays free-form', () => {
  const connect = (config: string) => `apiVersion: rivven.hupe1980.github.io/v1alpha1
kind: RivvenConnect
metadata: { name: p }
spec:
  clusterRef: { name: main }
  sources:
    - name: pg
      connector: postgres-cdc
      topic: t
      config:
${config}`;
  // No snapshot.mode: the helper would add one.
  const loose = importYaml(connect('        slot_name: s\n        publication_name: p\n        tables: [public.a]\n'));
  assert.equal(loose.config['connect'], { p: { sources: { pg: { connector: 'postgres-cdc', topic: 't', config: { slot_name: 's', publication_name: 'p', tables: ['public.a'] } } } } });
  const exact = importYaml(connect('        slot_name: s\n        publication_name: p\n        tables: [public.a]\n        snapshot: { mode: never }\n'));
  assert.equal(exact.config['connect'], {
    p: { sources: { pg: { connector: 'postgres-cdc', topic: 't', postgresCdc: { slotName: 's', publication: 'p', tables: [{ schema: 'public', table: 'a' }], snapshotMode: 'never' } } } },
  });
});

test('settings of the CRD that the model lacks are noted; values equal to the CRD default are not', () => {
  const result = importYaml(
    cluster(`  broker:
    adminPort: 9095
    clusterPort: 9393
  tls:
    enabled: true
    secretName: broker-tls
    certFile: /certs/custom.crt
  unknownField: 1
`),
  );
  assert.match(reasonAt(result, 'in.yaml spec.broker.clusterPort'), /always serves this port on 9093/);
  assert.match(reasonAt(result, 'in.yaml spec.tls.certFile'), /certificate paths to the operator's defaults/);
  assert.match(reasonAt(result, 'in.yaml spec.unknownField'), /not a field of the RivvenCluster CRD: the API server prunes it/);
  assert.not.ok(result.notes.some((n) => n.path.includes('adminPort')));
});

test('the generated file does not depend on the order of the documents', () => {
  const docs = [
    cluster(''),
    'apiVersion: rivven.hupe1980.github.io/v1alpha1\nkind: RivvenTopic\nmetadata: { name: zeta }\nspec: { clusterRef: { name: main }, partitions: 2 }',
    'apiVersion: rivven.hupe1980.github.io/v1alpha1\nkind: RivvenTopic\nmetadata: { name: alpha }\nspec: { clusterRef: { name: main }, partitions: 1 }',
  ];
  const text = (order: string[]) => {
    const parsed = parseYamlDocuments(order.join('\n---\n'), 'in.yaml');
    return importedFileText(importManifests(parsed.documents, { kind: 'config' }), 'config', ['in.yaml']);
  };
  const forward = text(docs);
  assert.is(forward, text(docs));
  assert.ok(forward.indexOf('alpha') < forward.indexOf('zeta'), 'topics sorted by name');
  const reordered = text([docs[0] ?? '', docs[2] ?? '', docs[1] ?? '']);
  assert.is(reordered, forward);
});

test('topics alone take their cluster name from clusterRef; an environment import adds no base completions', () => {
  const result = importYaml('apiVersion: rivven.hupe1980.github.io/v1alpha1\nkind: RivvenTopic\nmetadata: { name: a }\nspec: { clusterRef: { name: events }, partitions: 2 }');
  assert.equal(result.config, { cluster: { name: 'events' }, topics: { a: { partitions: 2 } } });
  assert.equal(result.notes, []);
});

test.run();
