/** Shared helpers of the diff tests: fixture files under test/fixtures/diff, parsed as the file source does. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDump } from '../../src/live/file-source.js';
import type { K8sObject } from '../../src/render/k8s-object.js';
import { isRecord, type JsonObject } from '../../src/core/json.js';

export const fixturesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/diff');

/** Every object of a fixture YAML file (multi-document or List); throws on anything unparsable. */
export function readObjects(relative: string): K8sObject[] {
  const file = path.join(fixturesDir, relative);
  const { objects, problems } = parseDump(relative, fs.readFileSync(file, 'utf8'));
  if (problems.length > 0) throw new Error(problems.map((p) => p.message).join('\n'));
  return objects;
}

export function find(objects: readonly K8sObject[], kind: string, name: string): K8sObject {
  const obj = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (obj === undefined) throw new Error(`no ${kind} ${name}`);
  return obj;
}

/** A map inside a fixture object, for tests that edit one field; throws when the path is not a map. */
export function mapAt(value: unknown, ...keys: (string | number)[]): JsonObject {
  const node = nodeAt(value, keys);
  if (!isRecord(node)) throw new Error(`not a map at ${keys.join('.')}`);
  return node;
}

/** A list inside a fixture object; throws when the path is not a list. */
export function listAt(value: unknown, ...keys: (string | number)[]): unknown[] {
  const node = nodeAt(value, keys);
  if (!Array.isArray(node)) throw new Error(`not a list at ${keys.join('.')}`);
  return node;
}

function nodeAt(value: unknown, keys: readonly (string | number)[]): unknown {
  let node = value;
  for (const key of keys) {
    if (node === null || typeof node !== 'object') return undefined;
    node = Reflect.get(node, key);
  }
  return node;
}
