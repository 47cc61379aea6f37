/**
 * Golden files of rendered objects, and small readers for asserting on them. Golden files are
 * multi-document YAML written with the `yaml` package and sorted keys, under test/fixtures/render/;
 * `UPDATE=1 npm test -- <filter>` rewrites them, and a reviewer reads that diff.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as assert from 'uvu/assert';
import { stringify } from 'yaml';
import type { K8sObject } from '../../src/render/k8s-object.js';

const fixturesRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/render');

export function objectsToYaml(objects: readonly K8sObject[]): string {
  if (objects.length === 0) return '# no objects\n';
  return objects.map((o) => stringify(o, { sortMapEntries: true, lineWidth: 0 })).join('---\n');
}

/** Compares `objects` with test/fixtures/render/<relativePath> (or rewrites it with UPDATE=1). */
export function expectGoldenObjects(relativePath: string, objects: readonly K8sObject[]): void {
  const file = path.join(fixturesRoot, relativePath);
  const actual = objectsToYaml(objects);
  if (process.env['UPDATE'] === '1') {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) assert.unreachable(`golden file test/fixtures/render/${relativePath} is missing: run with UPDATE=1 and review it`);
  assert.fixture(actual, readFileSync(file, 'utf8'), `golden file test/fixtures/render/${relativePath} differs (UPDATE=1 rewrites it)`);
}

/** Reads a nested value of a rendered object by keys and indexes (undefined when absent), without casts. */
export function field(value: unknown, ...path: readonly (string | number)[]): unknown {
  let here = value;
  for (const key of path) {
    if (here === null || typeof here !== 'object') return undefined;
    here = Reflect.get(here, key);
  }
  return here;
}

/** The objects of one kind, optionally by name. */
export function ofKind(objects: readonly K8sObject[], kind: string, name?: string): K8sObject[] {
  return objects.filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
}

/** A container's env as name → value or valueFrom, in order (names in order under `order`). */
export function containerEnv(container: unknown): { order: string[]; byName: Map<string, unknown> } {
  const list = field(container, 'env');
  const order: string[] = [];
  const byName = new Map<string, unknown>();
  if (Array.isArray(list)) {
    for (const item of list) {
      const name = field(item, 'name');
      if (typeof name !== 'string') continue;
      order.push(name);
      byName.set(name, field(item, 'value') ?? field(item, 'valueFrom'));
    }
  }
  return { order, byName };
}
