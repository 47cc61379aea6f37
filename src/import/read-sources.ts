/**
 * The import stage's only I/O on the way in: expand the inputs (files, or directories searched for
 * `*.yaml` / `*.yml`), refuse oversized files before reading them, and parse each with the limits of
 * read-yaml.ts. Every problem of every file is collected and thrown once.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import fg from 'fast-glob';
import { finding } from '../errors/catalog.js';
import { UserError, sortFindings, type Finding } from '../errors/diagnostic.js';
import { defaultYamlLimits, parseYamlDocuments, type YamlLimits } from './read-yaml.js';
import type { ImportDocument } from './types.js';

export interface ReadSourcesOptions {
  /** Inputs are resolved against this directory. */
  readonly cwd: string;
  readonly limits?: YamlLimits;
}

interface InputFile {
  readonly absolute: string;
  /** As the user named it: the input itself, or the input directory joined with the file's path in it. */
  readonly shown: string;
}

const toPosix = (p: string): string => p.split(path.sep).join('/');

async function expandInput(absolute: string, findings: Finding[], shown: string): Promise<InputFile[]> {
  let info;
  try {
    info = await stat(absolute);
  } catch (error) {
    findings.push(finding('RG926', { path: shown, params: { file: shown, reason: { unreadable: error instanceof Error && 'code' in error ? String(error.code) : 'not found' } } }));
    return [];
  }
  if (info.isFile()) return [{ absolute, shown: toPosix(shown) }];
  if (!info.isDirectory()) {
    findings.push(finding('RG926', { path: shown, params: { file: shown, reason: 'not-a-file' } }));
    return [];
  }
  const files = await fg('**/*.{yaml,yml}', { cwd: absolute, absolute: true, onlyFiles: true, dot: false, followSymbolicLinks: false, ignore: ['**/node_modules/**'] });
  if (files.length === 0) findings.push(finding('RG926', { path: shown, params: { file: shown, reason: 'no-yaml' } }));
  return files
    .map((f) => path.normalize(f))
    .sort()
    .map((f) => ({ absolute: f, shown: toPosix(path.join(shown, path.relative(absolute, f))) }));
}

/** Reads and parses every input; throws UserError with every finding when any file cannot be imported. */
export async function readImportSources(inputs: readonly string[], options: ReadSourcesOptions): Promise<ImportDocument[]> {
  const limits = options.limits ?? defaultYamlLimits;
  const findings: Finding[] = [];
  const files: InputFile[] = [];
  for (const input of inputs) {
    const absolute = path.resolve(options.cwd, input);
    for (const file of await expandInput(absolute, findings, input)) if (!files.some((f) => f.absolute === file.absolute)) files.push(file);
  }
  const documents: ImportDocument[] = [];
  for (const { absolute: file, shown } of files) {
    const size = (await stat(file)).size;
    if (size > limits.maxFileBytes) {
      findings.push(finding('RG923', { path: shown, params: { file: shown, bytes: size, limit: limits.maxFileBytes } }));
      continue;
    }
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      findings.push(finding('RG926', { path: shown, params: { file: shown, reason: { unreadable: error instanceof Error ? error.message : String(error) } } }));
      continue;
    }
    const parsed = parseYamlDocuments(text, shown, limits);
    findings.push(...parsed.findings);
    documents.push(...parsed.documents);
  }
  if (findings.length > 0) throw new UserError(sortFindings(findings));
  return documents;
}
