/**
 * Dangerous changes: one fixture per code under test/fixtures/diff/dangers/ (`expect:` the codes,
 * `source:` what the git ref or cluster holds, `rendered:` what is rendered now), plus the config line
 * each finding names and the one-line summaries reports show.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { classifyEnvironment } from '../../src/diff/classify.js';
import { diffEnvironment } from '../../src/diff/diff-environment.js';
import { diffCodes } from '../../src/errors/codes/diff.js';
import { toK8sObject } from '../../src/live/source.js';
import type { LeafProvenance, ResolvedEnvironment } from '../../src/model/types.js';
import type { K8sObject } from '../../src/render/k8s-object.js';
import { pathKey } from '../../src/core/path.js';
import { resolvedEnvironment } from '../support/resolved.js';
import { fixturesDir } from './fixtures.js';
import { isRecord } from '../../src/core/json.js';

interface DangerFixture {
  readonly file: string;
  readonly expect: string[];
  readonly actions?: string[];
  readonly source: K8sObject[];
  readonly rendered: K8sObject[];
}

function objects(value: unknown, file: string): K8sObject[] {
  if (!Array.isArray(value)) throw new Error(`${file}: expected a list of objects`);
  return value.map((v) => {
    const obj = toK8sObject(v);
    if (obj === undefined) throw new Error(`${file}: not a Kubernetes object`);
    return obj;
  });
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

const dangersDir = path.join(fixturesDir, 'dangers');
const fixtures: DangerFixture[] = fs
  .readdirSync(dangersDir)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((file) => {
    const doc: unknown = parse(fs.readFileSync(path.join(dangersDir, file), 'utf8'));
    if (!isRecord(doc)) throw new Error(`${file}: not a map`);
    return {
      file,
      expect: strings(doc['expect']),
      ...(doc['actions'] === undefined ? {} : { actions: strings(doc['actions']) }),
      source: objects(doc['source'], file),
      rendered: objects(doc['rendered'], file),
    };
  });

function run(fx: Pick<DangerFixture, 'source' | 'rendered'>, env?: ResolvedEnvironment) {
  const diff = diffEnvironment({ name: 'prod', namespace: 'shop-prod', rendered: fx.rendered, source: { objects: fx.source, deletions: 'all' } }, { sourceLabel: 'git:HEAD' });
  return { diff, ...classifyEnvironment(diff, env) };
}

for (const fx of fixtures) {
  test(`${fx.file}: ${fx.expect.length > 0 ? fx.expect.join(', ') : 'no danger'}`, () => {
    const { diff, dangers, resources } = run(fx);
    assert.equal([...new Set(dangers.map((d) => d.code))].sort(), [...fx.expect].sort());
    if (fx.actions) assert.equal(diff.changes.map((c) => c.action), fx.actions);
    for (const d of dangers) {
      assert.ok(d.hint && d.hint.length > 20, `${d.code} has a hint`);
      assert.ok(resources.some((r) => r.id === d.resource && r.dangerCodes.includes(d.code)), `${d.code} is tied to its resource`);
    }
  });
}

test('every dangerous-change code (RG700–RG719) has a fixture that produces it', () => {
  const covered = new Set(fixtures.flatMap((f) => f.expect));
  const codes = Object.keys(diffCodes).filter((c) => Number(c.slice(2)) < 720);
  assert.equal(codes.filter((c) => !covered.has(c)), []);
});

test('errors come before warnings', () => {
  const fx = fixtures.find((f) => f.file.startsWith('RG700'));
  const warn = fixtures.find((f) => f.file.startsWith('RG701'));
  if (!fx || !warn) throw new Error('fixtures missing');
  const other = warn.rendered.map((o) => ({ ...o, metadata: { ...o.metadata, name: 'aaa' } }));
  const otherSource = warn.source.map((o) => ({ ...o, metadata: { ...o.metadata, name: 'aaa' } }));
  const { dangers } = run({ source: [...otherSource, ...fx.source], rendered: [...other, ...fx.rendered] });
  assert.equal(dangers.map((d) => `${d.severity} ${d.code}`), ['error RG700', 'warning RG701']);
});

function provenanceAt(entries: Record<string, readonly (string | number)[]>, line: Record<string, number>): Map<string, LeafProvenance> {
  const out = new Map<string, LeafProvenance>();
  for (const [key, segments] of Object.entries(entries)) {
    out.set(pathKey(segments), { origin: { layer: 'environment', loc: { file: 'environments/prod.ts', line: line[key] ?? 1, column: 15 } }, overridden: [] });
  }
  return out;
}

test('a finding names the config line that caused it (the environment file that set partitions)', () => {
  const base = resolvedEnvironment({ namespace: 'shop-prod', topics: { orders: { partitions: 12 } } }, 'prod');
  const env: ResolvedEnvironment = { ...base, provenance: provenanceAt({ topic: ['topics', 'orders'], partitions: ['topics', 'orders', 'partitions'] }, { topic: 7, partitions: 8 }) };
  const fx = fixtures.find((f) => f.file.startsWith('RG700'));
  if (!fx) throw new Error('fixture missing');
  const { dangers, resources } = run(fx, env);
  assert.equal(
    dangers.map((d) => [d.code, d.path, d.loc]),
    [['RG700', 'topics.orders.partitions', { file: 'environments/prod.ts', line: 8, column: 15 }]],
  );
  assert.match(dangers[0]?.message ?? '', /from 24 to 12 partitions/);
  assert.equal(resources[0]?.loc, { file: 'environments/prod.ts', line: 8, column: 15 });
});

test('a removed topic points at the line that removed it, when there is one', () => {
  const base = resolvedEnvironment({ namespace: 'shop-prod' }, 'prod');
  const env: ResolvedEnvironment = { ...base, provenance: provenanceAt({ removal: ['topics', 'audit-log'] }, { removal: 11 }) };
  const fx = fixtures.find((f) => f.file.startsWith('RG703'));
  if (!fx) throw new Error('fixture missing');
  assert.equal(run(fx, env).dangers.map((d) => [d.path, d.loc?.line]), [['topics.audit-log', 11]]);
  assert.equal(run(fx).dangers.map((d) => [d.path, d.loc]), [['rivven.hupe1980.github.io/RivvenTopic/shop-prod/audit-log', undefined]]);
});

test('a topic deleted from the base is not attributed to the environment file that writes other topics', () => {
  const base = resolvedEnvironment({ namespace: 'shop-prod', topics: { orders: { partitions: 12 } } }, 'prod');
  // prod.ts writes `topics: { orders: … }` (line 5): the deleted audit-log was never in it.
  const env: ResolvedEnvironment = { ...base, provenance: provenanceAt({ topics: ['topics'], orders: ['topics', 'orders'] }, { topics: 5, orders: 6 }) };
  const fx = fixtures.find((f) => f.file.startsWith('RG703'));
  if (!fx) throw new Error('fixture missing');
  const { dangers, resources } = run(fx, env);
  assert.equal(dangers.map((d) => [d.path, d.loc]), [['topics.audit-log', undefined]]);
  assert.equal(resources.map((r) => r.loc), [undefined]);
});

test('a removal Argo CD will not prune (Prune=false) says so, and stays dangerous', () => {
  const note = /Argo CD will not prune it \(sync option Prune=false\)/;
  const prune = fixtures.find((f) => f.file === 'RG711-cluster-removed-argocd-no-prune.yaml');
  const plain = fixtures.find((f) => f.file === 'RG711-cluster-removed.yaml');
  if (!prune || !plain) throw new Error('fixtures missing');
  assert.match(run(prune).dangers[0]?.message ?? '', note);
  assert.is(run(prune).dangers[0]?.severity, 'error');
  assert.not.match(run(plain).dangers[0]?.message ?? '', note);
});

test('one-line summaries speak the config: partitions, retention as a duration, replicas', () => {
  const topic = (partitions: number, retentionMs: number): K8sObject => ({
    apiVersion: 'rivven.hupe1980.github.io/v1alpha1',
    kind: 'RivvenTopic',
    metadata: { name: 'orders-events', namespace: 'shop-prod' },
    spec: { clusterRef: { name: 'main' }, partitions, replicationFactor: 3, config: { retentionMs } },
  });
  const update = run({ source: [topic(12, 604_800_000)], rendered: [topic(24, 259_200_000)] });
  assert.equal(update.resources.map((r) => r.summary), ['orders-events: partitions 12 → 24, retention 7d → 3d']);
  const create = run({ source: [], rendered: [topic(12, 604_800_000)] });
  assert.equal(create.resources.map((r) => r.summary), ['orders-events: new topic, 12 partitions, replication factor 3, retention 7d']);
  const removed = run({ source: [topic(12, 604_800_000)], rendered: [] });
  assert.equal(removed.resources.map((r) => r.summary), ['orders-events: topic removed and its data deleted (deleteOnRemove)']);
  const cluster = fixtures.find((f) => f.file.startsWith('RG712'));
  if (!cluster) throw new Error('fixture missing');
  assert.equal(run(cluster).resources.map((r) => r.summary), ['main: storage 100Gi → 200Gi']);
});

test.run();
