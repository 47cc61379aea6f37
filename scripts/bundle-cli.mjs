// Writes dist/cli-bundle/: the CLI as a few ES modules (one per command, loaded as the command runs)
// made by esbuild from the compiled dist/ with zod, yaml, fast-glob and diff inside.
//
// Why: loading dist/ means Node's ES module loader resolving, reading and linking about 420 files (our
// ~180 modules, zod's ~95, yaml's ~70, fast-glob's ~70) in every process: about a third of a warm build
// of the 3x200 benchmark fleet. The bundle is the same code in a handful of files.
//
// What stays outside: TypeScript (loaded with require only when a type-check or transpile is needed,
// with its own code cache: src/load/typescript.ts) and @kubernetes/client-node (only `diff --against
// live` imports it). The bundle sits one directory below dist/, as dist/cli/main.js does, so every path
// the code finds from its own location (public-api.ts: libraryDir, the printed types) is the same.
// dist/ itself stays as tsc wrote it: the library's API (`import … from 'rivven-gitops'`) and the files
// the loader reads (public types, provenance sources for the derived cache).
//
//   node scripts/bundle-cli.mjs [dist-dir]      (run by `npm run build:ts` and `prepare`)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repoDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const distDir = path.resolve(process.argv[2] ?? path.join(repoDir, 'dist'));
const outDir = path.join(distDir, 'cli-bundle');

fs.rmSync(outDir, { recursive: true, force: true });
const result = await build({
  // The type-check worker (src/load/typecheck-beside.ts) is started by file name, beside the chunk that starts it.
  entryPoints: { main: path.join(distDir, 'cli', 'main.js'), 'typecheck-worker': path.join(distDir, 'load', 'typecheck-worker.js') },
  outdir: outDir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['typescript', '@kubernetes/client-node'],
  // Stable names (content hashes): the same sources give the same bundle, byte for byte.
  chunkNames: 'chunk-[hash]',
  entryNames: '[name]',
  // yaml and fast-glob are CommonJS and require Node built-ins; an ES module has no `require` of its own.
  banner: { js: "import { createRequire as rivvenGitopsCreateRequire } from 'node:module';\nconst require = rivvenGitopsCreateRequire(import.meta.url);" },
  legalComments: 'linked',
  logLevel: 'warning',
  metafile: true,
});
const inputs = Object.keys(result.metafile.inputs).length;
const outputs = Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.js')).length;
process.stdout.write(`dist/cli-bundle/: ${inputs} modules in ${outputs} files\n`);
