/**
 * The import rule of docs/architecture.md, checked over every import of src/: a file imports only from
 * its own layer or lower (stage order, src/core lowest), no two files import each other through a
 * chain (no file-level cycle), and src/core imports nothing of the rest of src/ and no I/O built-in.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const root = path.resolve(import.meta.dirname, '../..');
const src = path.join(root, 'src');

/**
 * Layers, lowest first: a folder of src/ (or a file directly in src/) may import from its own layer and
 * the layers before it. A new folder must be placed here, or this test fails.
 */
const layers: readonly (readonly string[])[] = [
  ['core'],
  ['facts'],
  ['errors'],
  ['schema-pack'],
  // One table per Rivven kind: the model reads its defaults, render, diff and import read its rows.
  ['fields'],
  ['model', 'dsl'],
  // The public DSL entry user files import (load hands it to them).
  ['index.ts'],
  ['load'],
  ['resolve'],
  ['validate'],
  ['render'],
  ['customize'],
  ['check'],
  ['conform'],
  ['kustomize'],
  ['emit'],
  ['diff'],
  ['live'],
  ['report', 'github', 'import', 'init', 'gate'],
  // The library owns the pipelines (compile.ts re-exports the compile pipeline for older imports).
  ['pipelines', 'compile.ts', 'package-version.ts'],
  ['cli'],
];

/**
 * Edges (importer → imported, paths under src/) allowed to break the rule while work in progress removes
 * them; each must still exist, so the list cannot go stale. Empty since the redesign: keep it so.
 */
const knownBackEdges: readonly string[] = [];

/** I/O built-ins core must not use: core is pure. */
const ioBuiltins = new Set(['fs', 'fs/promises', 'child_process', 'net', 'http', 'https', 'dgram', 'tls', 'worker_threads', 'cluster']);

const specifierPatterns = [
  /^\s*(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/gm,
  /^\s*import\s*['"]([^'"]+)['"]/gm,
  /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
];

function specifiers(text: string): string[] {
  const found: string[] = [];
  for (const pattern of specifierPatterns) for (const m of text.matchAll(pattern)) if (m[1] !== undefined) found.push(m[1]);
  return found;
}

function layerOf(file: string): number {
  const top = file.split('/')[0] ?? '';
  return layers.findIndex((layer) => layer.includes(top));
}

const files = fg.sync('**/*.ts', { cwd: src }).sort();
const known = new Set(files);

/** importer → imported files of ours, and the other specifiers (packages, built-ins). */
const graph = new Map<string, string[]>();
const external = new Map<string, string[]>();
for (const file of files) {
  const ours: string[] = [];
  const others: string[] = [];
  for (const spec of specifiers(readFileSync(path.join(src, file), 'utf8'))) {
    if (!spec.startsWith('.')) {
      others.push(spec);
      continue;
    }
    const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)).replace(/\.js$/, '');
    const target = [`${base}.ts`, `${base}/index.ts`].find((candidate) => known.has(candidate));
    if (target === undefined) throw new Error(`${file} imports ${spec}, which is no file of src/`);
    if (!ours.includes(target)) ours.push(target);
  }
  graph.set(file, ours);
  external.set(file, others);
}

const edgeName = (from: string, to: string) => `${from} → ${to}`;

test('the import graph is read: every file of src/ is seen and imports are found', () => {
  assert.ok(files.length > 100, `only ${files.length} files found under src/`);
  assert.ok((graph.get('pipelines/compile-project.ts') ?? []).length > 3, 'the compile pipeline imports the stages');
});

test('every folder of src/ has a layer', () => {
  const unplaced = [...new Set(files.filter((f) => layerOf(f) === -1).map((f) => f.split('/')[0]))];
  assert.equal(unplaced, [], `place these in the layer table of this test and in docs/architecture.md: ${unplaced.join(', ')}`);
});

test('src/core imports nothing outside src/core and no I/O built-in', () => {
  const problems: string[] = [];
  for (const file of files.filter((f) => f.startsWith('core/'))) {
    for (const target of graph.get(file) ?? []) if (!target.startsWith('core/')) problems.push(edgeName(file, target));
    for (const spec of external.get(file) ?? []) if (ioBuiltins.has(spec.replace(/^node:/, ''))) problems.push(`${file} → ${spec}`);
  }
  assert.equal(problems, []);
});

test('the known back-edges still exist (remove them from the list once gone)', () => {
  const edges = new Set([...graph].flatMap(([from, targets]) => targets.map((to) => edgeName(from, to))));
  const gone = knownBackEdges.filter((e) => !edges.has(e));
  assert.equal(gone, [], `no longer imported; remove from knownBackEdges: ${gone.join('; ')}`);
});

test('no file imports from a higher layer', () => {
  const allowed = new Set(knownBackEdges);
  const upward: string[] = [];
  for (const [from, targets] of graph) {
    for (const to of targets) if (layerOf(to) > layerOf(from) && !allowed.has(edgeName(from, to))) upward.push(edgeName(from, to));
  }
  assert.equal(upward, [], `imports against the stage order (docs/architecture.md):\n${upward.join('\n')}`);
});

test('no file-level import cycle', () => {
  const allowed = new Set(knownBackEdges);
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const to of graph.get(file) ?? []) {
      if (allowed.has(edgeName(file, to))) continue;
      const seen = state.get(to);
      if (seen === 'open') cycles.push([...stack.slice(stack.indexOf(to)), to].join(' → '));
      else if (seen === undefined) visit(to);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of files) if (!state.has(file)) visit(file);
  assert.equal(cycles, [], `import cycles:\n${cycles.join('\n')}`);
});

test.run();
