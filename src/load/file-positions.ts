/**
 * Where a config file writes its default export and each property of it (provenance.ts), remembered by
 * the file's text (derived-cache.ts). Finding them parses the file with TypeScript; remembered, a build
 * of unchanged files needs no parser.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as TS from 'typescript';
import type { SourceLocation } from '../errors/diagnostic.js';
import { derivedEntry, jsonCodec } from './derived-cache.js';

export interface FilePositions {
  /** Where the default export's value starts (RG106 points there). */
  readonly exportLoc: SourceLocation | undefined;
  /** See LoadedFile.positions. */
  readonly positions: ReadonlyMap<string, SourceLocation>;
}

interface Stored {
  readonly exportLoc: SourceLocation | null;
  readonly positions: readonly (readonly [string, SourceLocation])[];
}

/**
 * `file` is project-relative, `text` its content; `sourceFile`, when the type-check parsed it already,
 * saves a parse when nothing is remembered.
 */
export async function filePositions(root: string, file: string, text: string, sourceFile: TS.SourceFile | undefined): Promise<FilePositions> {
  // Found by provenance.ts and keyed with resolve/path.ts: their code is part of the entry's name.
  const entry = derivedEntry('positions', `${file}\0${deriverVersion()}`, text, storedCodec);
  const stored = entry.read();
  if (stored !== undefined) return { exportLoc: stored.exportLoc ?? undefined, positions: new Map(stored.positions) };
  const { collectPositions, locateDefaultExport, parseConfigSource } = await import('./provenance.js');
  const parsed = sourceFile ?? parseConfigSource(path.join(root, file), text);
  const found: FilePositions = { exportLoc: locateDefaultExport(parsed, file), positions: collectPositions(parsed, file) };
  entry.write({ exportLoc: found.exportLoc ?? null, positions: [...found.positions] });
  return found;
}

let version: string | undefined;

/** A digest of the code that finds positions, read from this library's own files. */
function deriverVersion(): string {
  if (version !== undefined) return version;
  const hash = createHash('sha256');
  for (const relative of ['./provenance', '../resolve/path']) hash.update(readModule(relative)).update('\0');
  version = hash.digest('hex').slice(0, 16);
  return version;
}

/** From dist/ the module is `.js`; from src/ (tests, through tsx) it is `.ts`. */
function readModule(relative: string): string {
  for (const extension of ['.js', '.ts']) {
    try {
      return fs.readFileSync(fileURLToPath(new URL(`${relative}${extension}`, import.meta.url)), 'utf8');
    } catch {
      // the other extension
    }
  }
  return 'unknown';
}

const storedCodec = jsonCodec((value: unknown): value is Stored => typeof value === 'object' && value !== null && 'positions' in value && Array.isArray(value.positions));
