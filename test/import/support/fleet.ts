/**
 * Test support for import: read a fixture, import it, write the generated file into a temporary fleet,
 * and run the CLI in-process there.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../../src/cli/main.js';
import { importManifests } from '../../../src/import/import-manifests.js';
import { importedFileText } from '../../../src/import/import-file.js';
import { parseYamlDocuments } from '../../../src/import/read-yaml.js';
import type { ImportDocument, ImportKind, ImportResult } from '../../../src/import/types.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCli(argv: readonly string[], cwd: string): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { cwd, env: { NO_COLOR: '1' }, isTTY: false, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/** The fixture's documents, named as the CLI would name them from the repository root. */
export function fixtureDocuments(name: string): ImportDocument[] {
  const file = `test/fixtures/import/${name}/input.yaml`;
  const parsed = parseYamlDocuments(readFileSync(path.join(repoRoot, file), 'utf8'), file);
  if (parsed.findings.length > 0) throw new Error(`${file}: ${parsed.findings.map((f) => f.message).join('; ')}`);
  return [...parsed.documents];
}

export function importFixture(name: string, kind: ImportKind = 'config'): { documents: ImportDocument[]; result: ImportResult; text: string } {
  const documents = fixtureDocuments(name);
  const result = importManifests(documents, { kind });
  return { documents, result, text: importedFileText(result, kind, documents.map((d) => d.file)) };
}

/**
 * Compares `actual` with the golden file test/fixtures/import/<name>/<file>; UPDATE=1 rewrites it.
 * Returns a problem, or undefined when they match.
 */
export function checkImportGolden(name: string, file: string, actual: string): string | undefined {
  const golden = path.join(repoRoot, 'test/fixtures/import', name, file);
  if (process.env['UPDATE'] === '1') {
    writeFileSync(golden, actual);
    return undefined;
  }
  if (!existsSync(golden)) return `${path.relative(repoRoot, golden)} is missing: run the test with UPDATE=1 and review it`;
  return readFileSync(golden, 'utf8') === actual ? undefined : `${path.relative(repoRoot, golden)} differs from what import writes (UPDATE=1 rewrites it)`;
}

/**
 * A temporary fleet holding the imported file: `rivven.config.ts` (kind config) plus one empty
 * environment, or a minimal base plus `environments/<env>.ts` (kind environment).
 */
export async function writeFleet(text: string, kind: ImportKind, env = 'imported'): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'rivven-import-'));
  await mkdir(path.join(dir, 'environments'));
  if (kind === 'config') {
    await writeFile(path.join(dir, 'rivven.config.ts'), text);
    // The imported fleet targets the operator: declaring a fixed one keeps 0.0.22's defects (RG414–RG422)
    // from stopping a round trip that is about the imported values.
    await writeFile(path.join(dir, 'environments', `${env}.ts`), "import { defineEnvironment } from 'rivven-gitops';\n\nexport default defineEnvironment({ operator: { patchedImage: true } });\n");
  } else {
    await writeFile(
      path.join(dir, 'rivven.config.ts'),
      "import { defineConfig } from 'rivven-gitops';\n\nexport default defineConfig({\n  argocd: { enabled: false },\n  cluster: { auth: { scram: { existingSecret: 'rivven-users' } } },\n  operator: { patchedImage: true },\n});\n",
    );
    await writeFile(path.join(dir, 'environments', `${env}.ts`), text);
  }
  return dir;
}

export async function removeFleet(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

export async function readText(file: string): Promise<string> {
  return readFile(file, 'utf8');
}
