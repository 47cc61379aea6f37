/**
 * A config object → a formatted, deterministic TypeScript file (`defineConfig` or `defineEnvironment`):
 * 2-space indent, trailing commas, single quotes, keys unquoted where they are identifiers, small
 * objects and lists on one line, and `//` comments attached where they belong. A comment whose path is
 * in the value goes above that property; otherwise it goes at the end of the nearest enclosing object.
 *
 * The output is later evaluated by the loader, so nothing from the input may escape a string or a
 * comment: strings are fully escaped (line terminators included) and comment text is flattened to one
 * safe line per line. Pure.
 */
import { InternalError } from '../errors/diagnostic.js';
import { pathKey, type PathSegment } from '../core/path.js';
import type { ImportKind } from './types.js';
import { isRecord } from '../core/json.js';

export interface TypeScriptComment {
  readonly path: readonly PathSegment[];
  readonly text: string;
}

export interface WriteTypeScriptOptions {
  readonly kind: ImportKind;
  readonly value: Readonly<Record<string, unknown>>;
  readonly comments?: readonly TypeScriptComment[];
  /** Comment lines at the top of the file. */
  readonly header?: readonly string[];
}

const maxWidth = 100;
const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A single-quoted TypeScript string literal; every character that could end it or the line is escaped. */
export function quoteString(text: string): string {
  let out = "'";
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}'`;
}

function printKey(key: string): string {
  // An own property named __proto__ needs a computed key, or the literal would set the prototype.
  if (key === '__proto__') return `[${quoteString(key)}]`;
  return identifier.test(key) ? key : quoteString(key);
}

function printNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  return Object.is(n, -0) ? '0' : String(n);
}

/** Comment text as safe `//` lines of at most `width` characters (words are never split). */
export function commentLines(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const raw of text.split('\n')) {
    // Line terminators inside a comment would end it and let the rest be read as code.
    const clean = raw.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ').trimEnd();
    let line = '';
    for (const word of clean.split(' ')) {
      if (line !== '' && line.length + 1 + word.length > width) {
        lines.push(line);
        line = word;
      } else line = line === '' ? word : `${line} ${word}`;
    }
    lines.push(line);
  }
  return lines;
}

interface Placement {
  readonly before: Map<string, string[]>;
  readonly end: Map<string, string[]>;
}

function childOf(value: unknown, segment: PathSegment): { found: boolean; value: unknown } {
  if (Array.isArray(value) && typeof segment === 'number' && segment >= 0 && segment < value.length) return { found: true, value: value[segment] };
  if (isRecord(value) && typeof segment === 'string' && Object.hasOwn(value, segment) && value[segment] !== undefined) return { found: true, value: value[segment] };
  return { found: false, value: undefined };
}

function placeComments(root: unknown, comments: readonly TypeScriptComment[]): Placement {
  const placement: Placement = { before: new Map(), end: new Map() };
  const add = (map: Map<string, string[]>, key: string, text: string) => {
    const list = map.get(key) ?? [];
    if (!list.includes(text)) list.push(text);
    map.set(key, list);
  };
  for (const comment of comments) {
    let node: unknown = root;
    let depth = 0;
    for (const segment of comment.path) {
      const child = childOf(node, segment);
      if (!child.found) break;
      node = child.value;
      depth++;
    }
    const reached = comment.path.slice(0, depth);
    if (depth === comment.path.length && depth > 0) add(placement.before, pathKey(reached), comment.text);
    else if (isRecord(node) || Array.isArray(node)) add(placement.end, pathKey(reached), comment.text);
    else add(placement.before, pathKey(reached), comment.text);
  }
  return placement;
}

class Printer {
  constructor(private readonly placement: Placement) {}

  private hasCommentsWithin(path: readonly PathSegment[]): boolean {
    const prefix = pathKey(path);
    const within = (key: string) => key === prefix || key.startsWith(`${prefix}/`);
    return [...this.placement.before.keys()].some((k) => k !== prefix && within(k)) || [...this.placement.end.keys()].some(within);
  }

  private inline(value: unknown): string {
    if (Array.isArray(value)) return value.length === 0 ? '[]' : `[${value.map((v) => this.inline(v)).join(', ')}]`;
    if (isRecord(value)) {
      const entries = Object.entries(value).filter(([, v]) => v !== undefined);
      return entries.length === 0 ? '{}' : `{ ${entries.map(([k, v]) => `${printKey(k)}: ${this.inline(v)}`).join(', ')} }`;
    }
    return this.scalar(value);
  }

  private scalar(value: unknown): string {
    if (typeof value === 'string') return quoteString(value);
    if (typeof value === 'number') return printNumber(value);
    if (typeof value === 'boolean') return String(value);
    if (value === null) return 'null';
    throw new InternalError(`cannot write a ${typeof value} into a config file`);
  }

  private comments(lines: string[], key: string, map: Map<string, string[]>, indent: string): void {
    for (const text of map.get(key) ?? []) for (const line of commentLines(text, maxWidth - indent.length - 3)) lines.push(`${indent}// ${line}`.trimEnd());
  }

  /** `value` printed at `indent`, the first line continuing after `prefix` (e.g. `key: `). */
  print(value: unknown, path: readonly PathSegment[], indent: string, prefix: string, forceBlock: boolean): string {
    const container = Array.isArray(value) || isRecord(value);
    if (!container) return this.scalar(value);
    if (!forceBlock && !this.hasCommentsWithin(path)) {
      const text = this.inline(value);
      if (indent.length + prefix.length + text.length + 1 <= maxWidth) return text;
    }
    const inner = `${indent}  `;
    const lines: string[] = [];
    const entries: [PathSegment, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value).filter(([, v]) => v !== undefined);
    for (const [key, child] of entries) {
      const childPath = [...path, key];
      this.comments(lines, pathKey(childPath), this.placement.before, inner);
      const label = typeof key === 'number' ? '' : `${printKey(key)}: `;
      lines.push(`${inner}${label}${this.print(child, childPath, inner, label, false)},`);
    }
    this.comments(lines, pathKey(path), this.placement.end, inner);
    const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
    if (lines.length === 0) return `${open}${close}`;
    return `${open}\n${lines.join('\n')}\n${indent}${close}`;
  }
}

export function writeTypeScript(options: WriteTypeScriptOptions): string {
  const placement = placeComments(options.value, options.comments ?? []);
  const printer = new Printer(placement);
  const define = options.kind === 'config' ? 'defineConfig' : 'defineEnvironment';
  const header = (options.header ?? []).flatMap((text) => commentLines(text, maxWidth - 3).map((line) => `// ${line}`.trimEnd()));
  const body = printer.print(options.value, [], '', '', true);
  return [...header, `import { ${define} } from 'rivven-gitops';`, '', `export default ${define}(${body});`, ''].join('\n');
}
