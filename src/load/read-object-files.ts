/**
 * Reads the YAML files `customize.objectFiles` names (the one I/O of the escape hatches). The patterns
 * come from config files, so they are treated as hostile: a pattern must be relative and stay inside the
 * project, and a matched file whose real path leaves the project (a symbolic link out of it) is refused
 * without reading it. Every path of every document keeps its file:line:col, so findings about an object
 * from a file point into that file.
 */
import fs from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Document } from 'yaml';
import { finding, type Code } from '../errors/catalog.js';
import type { Finding, SourceLocation } from '../errors/diagnostic.js';
import { pathKey, type PathSegment } from '../core/path.js';
import { isRecord } from '../core/json.js';
import type { LoadedObjectDocument, LoadedObjectFile } from '../model/customize-types.js';
import type { LoadedFile } from './types.js';

/** Object files are hand-written manifests: far smaller than this. */
const maxFileBytes = 4 * 1024 * 1024;

export interface ObjectFilesResult {
  readonly files: ReadonlyMap<string, readonly LoadedObjectFile[]>;
  readonly findings: readonly Finding[];
}

/** The patterns of `customize.objectFiles` of each loaded file, read once each. */
export function readObjectFiles(root: string, loaded: readonly LoadedFile[]): ObjectFilesResult {
  const files = new Map<string, LoadedObjectFile[]>();
  const findings: Finding[] = [];
  const realRoot = fs.realpathSync(root);
  for (const file of loaded) {
    const customize = isRecord(file.value) ? file.value['customize'] : undefined;
    const patterns = isRecord(customize) ? customize['objectFiles'] : undefined;
    if (!Array.isArray(patterns)) continue;
    patterns.forEach((pattern: unknown, index) => {
      if (typeof pattern !== 'string' || files.has(pattern)) return;
      const loc = file.positions.get(pathKey(['customize', 'objectFiles', index]));
      const read = readPattern(realRoot, pattern, loc, findings);
      if (read !== undefined) files.set(pattern, read);
    });
  }
  return { files, findings };
}

function at(loc: SourceLocation | undefined): { loc?: SourceLocation } {
  return loc === undefined ? {} : { loc };
}

/** The config field a pattern comes from and the codes its refusals carry (`secrets.sealed` reads files the same way). */
export interface PatternSource {
  readonly configPath: string;
  readonly codes: { readonly outside: Code; readonly link: Code; readonly noMatch: Code; readonly unreadable: Code };
}

const objectFilesSource: PatternSource = { configPath: 'customize.objectFiles', codes: { outside: 'RG376', link: 'RG377', noMatch: 'RG379', unreadable: 'RG380' } };

/**
 * The files one pattern matches, each parsed into documents with positions; refusals (a path leaving
 * the project, a link out of it, no match, unreadable, invalid YAML) are pushed onto `findings`.
 */
export function readPattern(realRoot: string, pattern: string, loc: SourceLocation | undefined, findings: Finding[], source: PatternSource = objectFilesSource): LoadedObjectFile[] | undefined {
  const cfgPath = source.configPath;
  const { outside, link, noMatch, unreadable } = source.codes;
  if (path.isAbsolute(pattern) || pattern.includes('\0') || pattern.split(/[\\/]/).includes('..')) {
    findings.push(finding(outside, { path: cfgPath, message: `${cfgPath} '${pattern}' is not a relative path inside the project.`, ...at(loc) }));
    return undefined;
  }
  // Links are listed (not followed) so one leading outside is refused by name, not skipped in silence.
  const matches = fg.sync(pattern, { cwd: realRoot, onlyFiles: false, dot: false, followSymbolicLinks: false, ignore: ['node_modules/**'] }).sort();
  if (matches.length === 0) {
    findings.push(finding(noMatch, { path: cfgPath, message: `${cfgPath} '${pattern}' matches no file in the project.`, ...at(loc) }));
    return undefined;
  }
  const out: LoadedObjectFile[] = [];
  for (const match of matches) {
    const absolute = path.join(realRoot, match);
    let real: string;
    try {
      real = fs.realpathSync(absolute);
    } catch {
      findings.push(finding(link, { path: cfgPath, message: `${cfgPath} '${pattern}': ${match} is a symbolic link that leads nowhere.`, ...at(loc) }));
      continue;
    }
    const relative = path.relative(realRoot, real);
    if (relative.startsWith('..') || path.isAbsolute(relative)) {
      // The target is not read, so nothing of it can be echoed.
      findings.push(finding(link, { path: cfgPath, message: `${cfgPath} '${pattern}': ${match} is a symbolic link leading outside the project; it was not read.`, ...at(loc) }));
      continue;
    }
    let text: string;
    try {
      const stat = fs.statSync(real);
      if (!stat.isFile()) continue;
      if (stat.size > maxFileBytes) {
        findings.push(finding(unreadable, { path: cfgPath, message: `${match} is ${stat.size} bytes; files named there are read up to ${maxFileBytes} bytes.`, ...at(loc) }));
        continue;
      }
      text = fs.readFileSync(real, 'utf8');
    } catch (error) {
      findings.push(finding(unreadable, { path: cfgPath, message: `${match} cannot be read: ${error instanceof Error ? error.message : String(error)}`, ...at(loc) }));
      continue;
    }
    const parsed = parseObjectYaml(text, match.split(path.sep).join('/'));
    findings.push(...parsed.findings);
    if (parsed.findings.length === 0) out.push({ file: match.split(path.sep).join('/'), documents: parsed.documents });
  }
  return out;
}

/** Every non-empty document of `text`, with positions; syntax errors are RG378 at their file:line:col. */
export function parseObjectYaml(text: string, file: string): { documents: LoadedObjectDocument[]; findings: Finding[] } {
  const lineCounter = new LineCounter();
  const locate = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const documents: LoadedObjectDocument[] = [];
  const findings: Finding[] = [];
  let parsed: Document.Parsed[];
  try {
    const all = parseAllDocuments(text.replace(/^\uFEFF/, ''), { version: '1.2', schema: 'core', uniqueKeys: true, merge: false, lineCounter, prettyErrors: false });
    parsed = Array.isArray(all) ? all : [];
  } catch {
    return { documents, findings: [finding('RG378', { path: file, message: `${file} cannot be parsed as YAML (it nests too deeply).` })] };
  }
  for (const doc of parsed) {
    if (doc.errors.length > 0) {
      for (const error of doc.errors) {
        const firstLine = (error.message.split('\n')[0] ?? error.message).replace(/ at line \d+, column \d+:?$/, '');
        findings.push(finding('RG378', { path: file, loc: locate(error.pos[0]), message: `${file}: ${firstLine}` }));
      }
      continue;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      findings.push(finding('RG378', { path: file, loc: locate(doc.range[0]), message: `${file}: ${error instanceof Error ? error.message : String(error)}` }));
      continue;
    }
    if (value === null || value === undefined) continue;
    const positions = new Map<string, SourceLocation>();
    walk(doc.contents, [], positions, locate, undefined, 0);
    documents.push({ value, positions });
  }
  return { documents, findings };
}

/** Positions of every map entry (its key) and list element; aliases are not followed. */
function walk(node: unknown, segments: PathSegment[], out: Map<string, SourceLocation>, locate: (offset: number) => SourceLocation, keyOffset: number | undefined, depth: number): void {
  if (depth > 100 || (!isScalar(node) && !isMap(node) && !isSeq(node))) return;
  const offset = keyOffset ?? node.range?.[0];
  if (offset !== undefined) out.set(pathKey(segments), locate(offset));
  if (isSeq(node)) node.items.forEach((item, i) => walk(item, [...segments, i], out, locate, undefined, depth + 1));
  else if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      walk(pair.value, [...segments, String(pair.key.value)], out, locate, pair.key.range?.[0], depth + 1);
    }
  }
}
