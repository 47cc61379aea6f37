import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import type { Finding } from '../../src/errors/diagnostic.js';
import type { LoadedProject } from '../../src/load/types.js';
import { configSchema } from '../../src/model/config.js';
import { finishConfig } from '../../src/resolve/finish.js';
import { mergeLayers } from '../../src/resolve/merge.js';
import { addDefaultProvenance, locateIn } from '../../src/resolve/provenance.js';
import { resolveFleet } from '../../src/resolve/resolve-environment.js';
import { reportOncePerFleet } from '../../src/resolve/name-environments.js';
import { findingsFromZodIssues } from '../../src/resolve/zod-findings.js';
import { loadedProject } from './support/loaded.js';

/**
 * The fleet merges the base once and parses each topic once; each environment must still come out
 * exactly as when both layers are merged together and the whole configuration is parsed in one piece.
 */
function resolvedAlone(project: LoadedProject, name: string): { findings: Finding[]; environment?: string } {
  const file = project.environments.find((e) => e.name === name);
  if (file === undefined) throw new Error(`no environment ${name}`);
  const merged = mergeLayers([
    { layer: 'base', file: project.base.file, value: project.base.value, positions: project.base.positions },
    { layer: 'environment', file: file.file, value: file.value, positions: file.positions },
  ]);
  const parsed = configSchema.safeParse(merged.value);
  if (!parsed.success) {
    const locate = (path: readonly (string | number)[]) => locateIn(merged.provenance, path);
    return { findings: [...merged.findings, ...findingsFromZodIssues(parsed.error.issues, { input: merged.value, schema: configSchema, locate })] };
  }
  const config = finishConfig(parsed.data, name);
  return { findings: merged.findings, environment: exactly({ config, provenance: [...addDefaultProvenance(config, merged.provenance, merged.removed)] }) };
}

/** JSON with key order, and -0 told apart from 0 (zod keeps -0; JSON and deep-equal would not see it). */
function exactly(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (Object.is(v, -0) ? '-0' : v));
}

function assertSameAsAlone(project: LoadedProject): void {
  const { fleet, findings } = resolveFleet(project);
  const alone = project.environments.map((e) => ({ name: e.name, ...resolvedAlone(project, e.name) }));
  // The same problem in several environments is reported once, naming them all.
  assert.equal(findings, reportOncePerFleet(alone.map((a) => [a.name, a.findings])));
  assert.equal(
    fleet.environments.map((e) => [e.name, exactly({ config: e.config, provenance: [...e.provenance] })]),
    alone.flatMap((a) => (a.environment === undefined ? [] : [[a.name, a.environment]])),
  );
}

test('topics written alike resolve alike, but -0 stays -0 and 0 stays 0', () => {
  const project = loadedProject({ topics: { a: { flushInterval: 0 }, b: { flushInterval: -0 }, c: { flushInterval: 0 } } }, { dev: {}, prod: {} });
  const { fleet } = resolveFleet(project);
  assert.equal(
    fleet.environments.map((e) => ['a', 'b', 'c'].map((t) => Object.is(e.config.topics[t]?.flushInterval, -0))),
    [
      [false, true, false],
      [false, true, false],
    ],
  );
  assertSameAsAlone(project);
});

test('a topic that is wrong in one environment only fails that environment, with the same findings', () => {
  const project = loadedProject(
    { topics: { orders: { partitions: 3 }, audit: { partitions: 3 } } },
    { dev: {}, prod: { topics: { audit: { partitions: 0 } } }, staging: { topics: { orders: { bogus: true } } } },
  );
  const { fleet } = resolveFleet(project);
  assert.equal(
    fleet.environments.map((e) => e.name),
    ['dev'],
  );
  assertSameAsAlone(project);
});

test('a mistake in the base is reported once, naming every environment it breaks', () => {
  const project = loadedProject({ topics: { orders: { partitions: 0 } } }, { dev: {}, prod: {}, staging: { topics: { orders: { partitions: 2 } } } });
  const { findings } = resolveFleet(project);
  assert.equal(
    findings.map((f) => [f.path, f.message]),
    [['topics.orders.partitions', 'partitions must be between 1 and 10000, got 0. (environments dev, prod)']],
  );
});

const topicArb = fc.record(
  {
    partitions: fc.constantFrom(1, 3, 12, 0),
    retention: fc.constantFrom('7d', '1d', 3_600_000, '1m'),
    flushInterval: fc.constantFrom(0, -0, 1000),
    cleanupPolicy: fc.constantFrom('delete', 'compact', 'bogus'),
    deleteOnRemove: fc.boolean(),
    acls: fc.constant([{ principal: 'user:orders', operations: ['Read'] }]),
    labels: fc.constantFrom({ team: 'a' }, { team: 'b' }),
    custom: fc.constant({ 'x.y': '1' }),
    typo: fc.constant(1),
  },
  { requiredKeys: [] },
);
const topicNames = ['a', 'b', 'c', 'd', 'e'];
const topicsArb = fc.dictionary(fc.constantFrom(...topicNames), topicArb, { maxKeys: 5 });
const overlayArb = fc.record(
  {
    topics: fc.dictionary(fc.constantFrom(...topicNames), fc.oneof(topicArb, fc.constant(null)), { maxKeys: 3 }),
    topicDefaults: fc.record({ partitions: fc.constantFrom(6, 0), flushInterval: fc.constantFrom(0, -0) }, { requiredKeys: [] }),
    cluster: fc.record({ replicas: fc.constantFrom(1, 5) }),
  },
  { requiredKeys: [] },
);

test('every environment of a fleet resolves as it would alone (merged whole, parsed whole)', () => {
  fc.assert(
    fc.property(topicsArb, fc.option(topicArb, { nil: undefined }), fc.array(overlayArb, { minLength: 1, maxLength: 3 }), (topics, topicDefaults, overlays) => {
      const base = { cluster: { replicas: 3 }, topics, ...(topicDefaults === undefined ? {} : { topicDefaults }) };
      const environments = Object.fromEntries(overlays.map((overlay, i) => [`env${i}`, overlay]));
      assertSameAsAlone(loadedProject(base, environments));
    }),
    { numRuns: 150 },
  );
});

test.run();
