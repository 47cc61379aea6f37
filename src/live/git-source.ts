/**
 * `--against git:<ref>`: the committed output at a ref, read with git plumbing — one `git ls-tree` and
 * one `git cat-file --batch`, never a checkout — and built into objects per environment by the strict
 * kustomize evaluator (kustomize-lite.ts). It is what Argo CD syncs from that ref.
 */
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { finding } from '../errors/catalog.js';
import { UserError } from '../errors/diagnostic.js';
import type { K8sObject } from '../render/k8s-object.js';
import { buildKustomization, hasKustomization, type FileMap } from './kustomize-lite.js';
import type { EnvironmentSource } from './source.js';
import { argoCdDir, baseDir, environmentDirs, environmentOfKustomization } from '../kustomize/layout-paths.js';

export interface GitOutput {
  readonly ref: string;
  /** False when the output directory does not exist at the ref (every object is then "create"). */
  readonly exists: boolean;
  /** Files under the output directory, keyed relative to it (`overlays/prod/kustomization.yaml`). */
  readonly files: FileMap;
}

function refError(ref: string, message: string): UserError {
  return new UserError([finding('RG730', { path: `git:${ref}`, message })]);
}

/** Runs git in `root`; rejects with git's message. Shared with git-commits.ts. */
export function run(root: string, args: readonly string[], input?: string): Promise<Buffer> {
  if (input === undefined) {
    return new Promise((resolve, reject) => {
      execFile('git', [...args], { cwd: root, encoding: 'buffer', maxBuffer: 1 << 30 }, (error, stdout, stderr) => {
        if (error) reject(new Error(stderr.toString('utf8').trim() || error.message));
        else resolve(stdout);
      });
    });
  }
  return new Promise((resolve, reject) => {
    const child = spawn('git', [...args], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new Error(Buffer.concat(err).toString('utf8').trim() || `git ${args[0] ?? ''} exited with ${code ?? 'a signal'}`));
    });
    child.stdin.end(input);
  });
}

interface TreeEntry {
  readonly oid: string;
  readonly path: string;
}

function parseLsTree(output: Buffer): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (const record of output.toString('utf8').split('\0')) {
    if (record === '') continue;
    const tab = record.indexOf('\t');
    const [mode, type, oid] = record.slice(0, tab).split(' ');
    // Regular files only: symlinks and submodules are not output rivven-gitops writes.
    if (type !== 'blob' || oid === undefined || (mode !== '100644' && mode !== '100755')) continue;
    entries.push({ oid, path: record.slice(tab + 1) });
  }
  return entries;
}

/** Splits `git cat-file --batch` output: `<oid> blob <size>\n<content>\n` per object. */
function parseBatch(output: Buffer, count: number): string[] {
  const contents: string[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    const newline = output.indexOf(0x0a, at);
    const header = output.toString('utf8', at, newline).split(' ');
    const size = Number(header[2]);
    if (newline === -1 || header[1] !== 'blob' || !Number.isSafeInteger(size)) throw new Error(`unexpected git cat-file output: ${header.join(' ')}`);
    contents.push(output.toString('utf8', newline + 1, newline + 1 + size));
    at = newline + 1 + size + 1;
  }
  return contents;
}

/** The object id git gives a file with this content (SHA-1 of `blob <size>\0<bytes>`). */
export function gitBlobId(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/**
 * Reads the files under `outDir` (relative to `root`) at `ref`. Throws UserError RG730 when `root` is not
 * in a git repository or the ref does not name a commit. `current` (the tree build writes now, relative
 * to the output directory) lets files whose blob id matches be taken from it instead of read from git:
 * for an up-to-date ref no blob is read at all.
 */
export async function readGitOutput(root: string, ref: string, outDir: string, current?: ReadonlyMap<string, string>): Promise<GitOutput> {
  // A ref starting with "-" would be read as an option.
  if (ref.startsWith('-') || ref.includes('\0')) throw refError(ref, `"${ref}" is not a git ref.`);
  const dir = outDir.replace(/\\/g, '/').replace(/^\.\/+/, '').replace(/\/+$/, '');
  let listing: Buffer;
  try {
    listing = await run(root, ['ls-tree', '-r', '-z', `${ref}^{commit}`, '--', `${dir}/`]);
  } catch (error) {
    const detail = error instanceof Error ? error.message.replace(/^fatal: /, '') : String(error);
    throw refError(ref, `git cannot read ${ref}: ${detail}.`);
  }
  const entries = parseLsTree(listing);
  if (entries.length === 0) return { ref, exists: false, files: new Map() };
  const prefix = `${dir}/`;
  const relative = (e: TreeEntry) => (e.path.startsWith(prefix) ? e.path.slice(prefix.length) : e.path);
  const files = new Map<string, string>();
  const missing: TreeEntry[] = [];
  for (const e of entries) {
    const text = current?.get(relative(e));
    if (text !== undefined && gitBlobId(text) === e.oid) files.set(relative(e), text);
    else missing.push(e);
  }
  if (missing.length > 0) {
    const contents = parseBatch(await run(root, ['cat-file', '--batch'], missing.map((e) => `${e.oid}\n`).join('')), missing.length);
    missing.forEach((e, i) => files.set(relative(e), contents[i] ?? ''));
  }
  return { ref, exists: true, files: new Map([...files].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) };
}

/** Environment names with an overlay at the ref. */
export function gitEnvironments(output: GitOutput): string[] {
  const names = new Set<string>();
  for (const path of output.files.keys()) {
    const env = environmentOfKustomization(path);
    if (env !== undefined) names.add(env);
  }
  return [...names].sort();
}

/** True when every file under the directories is byte-identical in both trees (and none is missing). */
function sameFiles(a: FileMap, b: ReadonlyMap<string, string>, dirs: readonly string[]): boolean {
  const inDirs = (path: string) => dirs.some((d) => path.startsWith(`${d}/`));
  let count = 0;
  for (const [path, text] of a) {
    if (!inDirs(path)) continue;
    if (b.get(path) !== text) return false;
    count++;
  }
  for (const path of b.keys()) if (inDirs(path)) count--;
  return count === 0;
}

const identical: EnvironmentSource = { objects: [], deletions: 'all', unreadable: [], problems: [], sameAsRendered: true };

/**
 * Objects of the kustomizations in `dirs`. The common case, an up-to-date ref, needs no YAML parsing at
 * all: when every file the build reads (`compared`) is byte-identical to what build writes now
 * (`current`), the objects are the rendered ones.
 */
function buildDirs(output: GitOutput, dirs: readonly string[], compared: readonly string[], current: ReadonlyMap<string, string> | undefined): EnvironmentSource {
  if (current !== undefined && output.exists && sameFiles(output.files, current, compared)) return identical;
  const objects: K8sObject[] = [];
  for (const dir of dirs) {
    if (hasKustomization(output.files, dir)) objects.push(...buildKustomization(output.files, dir));
  }
  return { objects, deletions: 'all', unreadable: [], problems: [] };
}

/**
 * An environment's objects at the ref: `overlays/<env>` plus `other-namespaces/<env>` (objects a
 * namespace transform would alter, synced by Argo CD too). An environment without an overlay there
 * (new since the ref, or no out/ at all) has no objects: everything is "create". `current` is the tree
 * build writes now (relative to the output directory), for the byte-identical shortcut.
 */
export function gitEnvironmentSource(output: GitOutput, env: string, current?: ReadonlyMap<string, string>): EnvironmentSource {
  const dirs = environmentDirs(env);
  return buildDirs(output, dirs, [baseDir, ...dirs], current);
}

/** The Argo CD Applications and AppProject at the ref (`argocd/`). */
export function gitArgoCdSource(output: GitOutput, current?: ReadonlyMap<string, string>): EnvironmentSource {
  return buildDirs(output, [argoCdDir], [argoCdDir], current);
}
