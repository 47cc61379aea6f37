// One in-process build of a benchmark project, timing every stage: the compiler's own stages through
// compileProject's onStage (load = find + type-check + evaluate + provenance, resolve, validate, render,
// check, conform, kustomize) and emit into a fresh output directory. Prints one JSON line.
//
//   node bench/stages.mjs <project-root> <out-dir> [--no-typecheck]
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [root, outDir, flag] = process.argv.slice(2);
// BENCH_DIST points at another checkout's dist/ (bench/ab.mjs compares two).
const dist = process.env.BENCH_DIST ?? path.join(path.dirname(path.dirname(new URL(import.meta.url).pathname)), 'dist');
const start = performance.now();
const { compileProject } = await import(pathToFileURL(path.join(dist, 'compile.js')).href);
const { emitTree } = await import(pathToFileURL(path.join(dist, 'emit', 'emit-tree.js')).href);
const stages = { import: performance.now() - start };
const compiled = await compileProject({ root, typecheck: flag !== '--no-typecheck', onStage: (stage, ms) => (stages[stage] = ms) });
fs.rmSync(outDir, { recursive: true, force: true });
let emitStart = performance.now();
const written = await emitTree(outDir, compiled.tree);
stages.emit = performance.now() - emitStart;
emitStart = performance.now();
const again = await emitTree(outDir, compiled.tree);
stages['emit-noop'] = performance.now() - emitStart;
if (again.written.length !== 0) throw new Error(`a second emit wrote ${again.written.length} files`);
process.stdout.write(`${JSON.stringify({ stages, files: compiled.tree.size, written: written.written.length, objects: compiled.render.environments.reduce((n, e) => n + e.objects.length, 0) + compiled.render.argocd.length })}\n`);
