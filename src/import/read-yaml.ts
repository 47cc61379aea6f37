/**
 * Parsing YAML written elsewhere, with limits: this is the one place rivven-gitops reads untrusted
 * input, so it refuses what only an attack or an accident produces (alias bombs, duplicate keys, huge
 * or deeply nested documents, absurd document counts) with coded findings, and it never evaluates
 * anything: tags it does not know leave their value a plain string.
 *
 * Documents are read with the YAML 1.2 core schema. Kubernetes tools read YAML 1.1-ish, where a plain
 * `yes`, `on` or `0777` means `true`, `true` and 511; every such scalar is recorded so the importer can
 * say what it read instead. Pure: the file is passed in as text (read-sources.ts does the I/O).
 */
import { Buffer } from 'node:buffer';
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Document } from 'yaml';
import { finding } from '../errors/catalog.js';
import type { Finding, SourceLocation } from '../errors/diagnostic.js';
import { pathKey, type PathSegment } from '../core/path.js';
import type { ImportDocument, Yaml11Scalar } from './types.js';

export interface YamlLimits {
  /** Largest file read at all, in bytes. */
  readonly maxFileBytes: number;
  /** Largest single document, in bytes of its source text. */
  readonly maxDocumentBytes: number;
  readonly maxDocuments: number;
  /** Alias expansions per document (the `yaml` package's guard against "billion laughs"). */
  readonly maxAliasCount: number;
  /** Nesting of mappings and sequences. */
  readonly maxDepth: number;
}

export const defaultYamlLimits: YamlLimits = {
  maxFileBytes: 32 * 1024 * 1024,
  maxDocumentBytes: 5 * 1024 * 1024,
  maxDocuments: 1000,
  maxAliasCount: 100,
  maxDepth: 100,
};

export interface ParsedYaml {
  readonly documents: readonly ImportDocument[];
  /** Errors (the file cannot be imported) and nothing else. */
  readonly findings: readonly Finding[];
}

const coreTags = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

const yaml11True = /^(?:y|Y|yes|Yes|YES|on|On|ON)$/;
const yaml11False = /^(?:n|N|no|No|NO|off|Off|OFF)$/;

/** How a YAML 1.1 reader (go-yaml v2, PyYAML) reads a plain scalar, when that differs from YAML 1.2 core. */
export function readAsYaml11(source: string): Yaml11Scalar['yaml11'] | undefined {
  if (yaml11True.test(source)) return true;
  if (yaml11False.test(source)) return false;
  // Octal without the 1.2 `0o` prefix: 1.2 core reads 0777 as decimal 777.
  if (/^[-+]?0[0-7_]+$/.test(source) && /[1-7]/.test(source)) return Number.parseInt(source.replace(/_/g, ''), 8);
  if (/^[-+]?0b[01_]+$/.test(source)) return Number.parseInt(source.replace(/[-+]|0b|_/g, ''), 2) * (source.startsWith('-') ? -1 : 1);
  // Sexagesimal (base 60) integers: 1:30 is 90 to a YAML 1.1 reader.
  if (/^[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+$/.test(source)) {
    const sign = source.startsWith('-') ? -1 : 1;
    const parts = source.replace(/^[-+]/, '').replace(/_/g, '').split(':').map(Number);
    return sign * parts.reduce((total, part) => total * 60 + part, 0);
  }
  if (/^[-+]?[0-9][0-9]*(?:_[0-9]+)+$/.test(source)) return Number(source.replace(/_/g, ''));
  return undefined;
}

interface Walked {
  readonly positions: Map<string, SourceLocation>;
  readonly yaml11: Map<string, Yaml11Scalar>;
  readonly unresolvedTags: Map<string, string>;
  maxDepth: number;
}

/** Records positions, YAML 1.1 readings and unknown tags; never follows aliases, so a bomb stays small. */
function walk(node: unknown, path: PathSegment[], depth: number, out: Walked, locate: (offset: number) => SourceLocation, keyOffset?: number): void {
  if (depth > out.maxDepth) out.maxDepth = depth;
  if (!isScalar(node) && !isMap(node) && !isSeq(node) && !isAlias(node)) return;
  const offset = keyOffset ?? node.range?.[0];
  if (offset !== undefined) out.positions.set(pathKey(path), locate(offset));
  if (typeof node.tag === 'string' && !coreTags.has(node.tag)) out.unresolvedTags.set(pathKey(path), node.tag);
  if (isScalar(node)) {
    if (node.type === 'PLAIN' && typeof node.source === 'string' && node.tag === undefined) {
      const yaml11 = readAsYaml11(node.source);
      const yaml12 = node.value;
      const scalar = typeof yaml12 === 'string' || typeof yaml12 === 'number' || typeof yaml12 === 'boolean' || yaml12 === null ? yaml12 : undefined;
      if (yaml11 !== undefined && scalar !== undefined && yaml11 !== scalar) {
        out.yaml11.set(pathKey(path), { source: node.source, yaml12: scalar, yaml11 });
      }
    }
    return;
  }
  if (isSeq(node)) {
    node.items.forEach((item, i) => walk(item, [...path, i], depth + 1, out, locate));
    return;
  }
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      if (typeof key !== 'string' && typeof key !== 'number' && typeof key !== 'boolean') continue;
      const keyStart = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
      walk(pair.value, [...path, String(key)], depth + 1, out, locate, keyStart);
    }
  }
}

function locator(file: string, lineCounter: LineCounter): (offset: number) => SourceLocation {
  return (offset) => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
}

function documentFindings(doc: Document.Parsed, file: string, locate: (offset: number) => SourceLocation): Finding[] {
  return doc.errors.map((error) => {
    const loc = locate(error.pos[0]);
    const firstLine = error.message.split('\n')[0] ?? error.message;
    if (error.code === 'DUPLICATE_KEY') {
      return finding('RG921', { path: file, loc, message: `${firstLine.replace(/ at line \d+, column \d+:?$/, '')}: the same key appears twice in one mapping, and YAML readers disagree on which value wins.` });
    }
    return finding('RG920', { path: file, loc, message: firstLine.replace(/ at line \d+, column \d+:?$/, '') });
  });
}

/**
 * Parses every document of `text` (the contents of `file`). Findings are errors: when there are any the
 * documents must not be imported. Empty documents (a trailing `---`) are skipped.
 */
export function parseYamlDocuments(text: string, file: string, limits: YamlLimits = defaultYamlLimits): ParsedYaml {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limits.maxFileBytes) {
    return { documents: [], findings: [finding('RG923', { path: file, params: { file, bytes, limit: limits.maxFileBytes } })] };
  }
  const lineCounter = new LineCounter();
  const locate = locator(file, lineCounter);
  let parsed: Document.Parsed[];
  try {
    const all = parseAllDocuments(text.replace(/^\uFEFF/, ''), { version: '1.2', schema: 'core', uniqueKeys: true, merge: false, lineCounter, prettyErrors: false });
    parsed = Array.isArray(all) ? all : [];
  } catch (error) {
    // The composer recurses per nesting level: only absurd nesting exhausts the stack.
    if (error instanceof RangeError) return { documents: [], findings: [finding('RG925', { path: file, message: `${file} nests too deeply to be read.` })] };
    throw error;
  }
  if (parsed.length > limits.maxDocuments) {
    return {
      documents: [],
      findings: [finding('RG924', { path: file, message: `${file} holds ${parsed.length} YAML documents; import reads at most ${limits.maxDocuments} per file.` })],
    };
  }
  const documents: ImportDocument[] = [];
  const findings: Finding[] = [];
  parsed.forEach((doc, index) => {
    const [, , end] = doc.range;
    // Point at the document's first node, not at the whitespace or `---` before it.
    const start = doc.contents?.range?.[0] ?? doc.range[0];
    const size = Buffer.byteLength(text.slice(doc.range[0], end), 'utf8');
    if (size > limits.maxDocumentBytes) {
      findings.push(finding('RG923', { path: file, loc: locate(start), params: { file, document: index + 1, bytes: size, limit: limits.maxDocumentBytes } }));
      return;
    }
    const errors = documentFindings(doc, file, locate);
    if (errors.length > 0) {
      findings.push(...errors);
      return;
    }
    const walked: Walked = { positions: new Map(), yaml11: new Map(), unresolvedTags: new Map(), maxDepth: 0 };
    walk(doc.contents, [], 0, walked, locate);
    if (walked.maxDepth > limits.maxDepth) {
      findings.push(finding('RG925', { path: file, loc: locate(start), message: `Document ${index + 1} of ${file} nests ${walked.maxDepth} levels deep; import reads at most ${limits.maxDepth}.` }));
      return;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: limits.maxAliasCount });
    } catch (error) {
      if (error instanceof ReferenceError && /alias/i.test(error.message)) {
        findings.push(
          finding('RG922', {
            path: file,
            loc: locate(start),
            message: `Document ${index + 1} of ${file} expands its aliases more than ${limits.maxAliasCount} times, as an alias bomb ("billion laughs") does; it was not read.`,
          }),
        );
        return;
      }
      if (error instanceof ReferenceError) {
        findings.push(finding('RG920', { path: file, loc: locate(start), message: error.message }));
        return;
      }
      throw error;
    }
    if (value === null || value === undefined) return;
    documents.push({ file, index, value, positions: walked.positions, yaml11: walked.yaml11, unresolvedTags: walked.unresolvedTags });
  });
  return { documents, findings };
}

