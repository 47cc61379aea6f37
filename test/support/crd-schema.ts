/**
 * Checks rendered custom resources against the Rivven CRD schemas of the committed schema pack, with the
 * build's own conform stage (src/conform): fields the API server would silently PRUNE and values it would
 * REJECT. It also compares rendered objects with their golden files (test/fixtures/render/**).
 * Test support only: it reads golden files, so the pure render stage never imports it.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import type { K8sObject } from '../../src/render/k8s-object.js';
import { conformObject } from '../../src/conform/conform-object.js';
import { formatFieldPath } from '../../src/conform/violation.js';
import { schemaPackFor } from '../../src/schema-pack/packs.js';
import type { PackedCrd, SchemaPack } from '../../src/schema-pack/types.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The pack of the pinned Rivven version (what the example and the fixtures use). */
export function pinnedPack(): SchemaPack {
  const pack = schemaPackFor('0.0.22');
  if (pack === undefined) throw new Error('no schema pack for Rivven 0.0.22');
  return pack;
}

/** Every CRD of the pinned pack, keyed by `group/kind`. */
export function loadCrds(): ReadonlyMap<string, PackedCrd> {
  return new Map(Object.entries(pinnedPack().crds));
}

/** The structural schema (defaults included) of a Rivven kind at an API version, from the pinned pack. */
export function crdSchemaFor(apiVersion: string, kind: string): unknown {
  const slash = apiVersion.indexOf('/');
  const crd = pinnedPack().crds[`${apiVersion.slice(0, Math.max(slash, 0))}/${kind}`];
  return crd?.versions[apiVersion.slice(slash + 1)];
}

/**
 * What the API server would prune or reject in `obj`, as readable lines (`spec.version: unknown
 * field, the API server would prune it`). Empty means the object is stored exactly as rendered.
 */
export function validateAgainstCrd(obj: K8sObject, pack: SchemaPack = pinnedPack()): string[] {
  const result = conformObject(obj, pack);
  if (result.origin !== 'crd-pack') return result.violations.map((v) => `${obj.apiVersion} ${obj.kind}: ${v.message}`);
  return result.violations.map((v) => `${formatFieldPath(v.path)}: ${v.message}`);
}

/** Objects as review-friendly YAML: one document each, keys sorted (the kustomize stage has its own writer). */
export function toGoldenYaml(objects: readonly K8sObject[]): string {
  return objects.map((o) => stringify(o, { sortMapEntries: true })).join('---\n');
}

/**
 * Compares `actual` with `test/fixtures/render/<name>.yaml`; with UPDATE=1 it rewrites the file instead.
 * Returns a problem (with the new text, for review) when they differ.
 */
export function checkGolden(actual: string, name: string): string[] {
  const file = path.join(repoRoot, 'test/fixtures/render', `${name}.yaml`);
  const shown = path.relative(repoRoot, file);
  if (process.env['UPDATE'] === '1') {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return [];
  }
  if (!existsSync(file)) return [`${shown}: golden file missing (run with UPDATE=1 to write it)`];
  if (readFileSync(file, 'utf8') !== actual) return [`${shown}: differs from the rendered output (review, then rewrite with UPDATE=1):\n${actual}`];
  return [];
}

/**
 * Checks that the API server would store every rendered custom resource unchanged, and that they match
 * their golden file; for `assert.equal(checkCrGolden(objects, 'rivven-cluster/rich'), [])`.
 */
export function checkCrGolden(objects: readonly K8sObject[], name: string): string[] {
  const problems = objects.flatMap((o) => validateAgainstCrd(o).map((p) => `${o.kind} ${o.metadata.name}: ${p}`));
  return [...problems, ...checkGolden(toGoldenYaml(objects), name)];
}
