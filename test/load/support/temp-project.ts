/**
 * Projects written to a temporary directory for the load tests. Broken configs live here rather than
 * under test/fixtures/: the repository's own `tsc -p .` type-checks every .ts file under test/, and a
 * fixture with a deliberate type or syntax error would fail it. A temp dir outside the package also
 * proves that `import … from 'rivven-gitops'` resolves without any node_modules next to the config.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../../../src/errors/diagnostic.js';
import type { Finding } from '../../../src/errors/diagnostic.js';
import { loadProject } from '../../../src/load/load-project.js';
import type { LoadOptions } from '../../../src/load/types.js';

const created: string[] = [];

export const fixturesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/load');

/** A valid base every project can start from. */
export const baseConfig = `import { defineConfig } from 'rivven-gitops';

export default defineConfig({
  project: 'shop',
  cluster: { replicas: 3 },
});
`;

/** Writes `files` (project-relative path → content) into a fresh directory and returns its path. */
export function writeProject(files: Readonly<Record<string, string>>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rivven-load-'));
  created.push(root);
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  }
  return root;
}

export function removeProjects(): void {
  for (const root of created.splice(0)) fs.rmSync(root, { recursive: true, force: true });
}


/** Loads a project that must fail, and returns the findings it failed with. */
export async function loadFailure(options: LoadOptions): Promise<readonly Finding[]> {
  try {
    await loadProject(options);
  } catch (error) {
    if (error instanceof UserError) return error.findings;
    throw error;
  }
  throw new Error(`expected loading ${options.root} to fail`);
}

/** `RG102 environments/prod.ts:8:5` per finding: what a person reads first. */
export function summarize(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.code} ${f.loc === undefined ? f.path : `${f.loc.file}:${f.loc.line}:${f.loc.column}`}`);
}

/**
 * Points RIVVEN_GITOPS_CACHE_DIR at a fresh directory for this test file; `restore` deletes it and puts
 * the previous setting back.
 */
export function scratchCacheDir(prefix: string): { readonly dir: string; restore(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const previous = process.env['RIVVEN_GITOPS_CACHE_DIR'];
  process.env['RIVVEN_GITOPS_CACHE_DIR'] = dir;
  return {
    dir,
    restore() {
      fs.rmSync(dir, { recursive: true, force: true });
      if (previous === undefined) delete process.env['RIVVEN_GITOPS_CACHE_DIR'];
      else process.env['RIVVEN_GITOPS_CACHE_DIR'] = previous;
    },
  };
}
