/**
 * Where a config file writes its default export and each property of it (provenance.ts), remembered by
 * the file's text (derived-cache.ts). Finding them parses the file with TypeScript; remembered, a build
 * of unchanged files needs no parser.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type * as TS from 'typescript';
import type { SourceLocation } from '../errors/diagnostic.js';
import { derivedEntry, jsonCodec } from './derived-cache.js';
import { libraryDir } from './public-api.js';

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
  const version = deriverVersion();
  const entry = version === undefined ? undefined : derivedEntry('positions', `${file}\0${version}`, text, storedCodec);
  const stored = entry?.read();
  if (stored !== undefined) return { exportLoc: stored.exportLoc ?? undefined, positions: new Map(stored.positions) };
  const { collectPositions, locateDefaultExport, parseConfigSource } = await import('./provenance.js');
  const parsed = sourceFile ?? parseConfigSource(path.join(root, file), text);
  const found: FilePositions = { exportLoc: locateDefaultExport(parsed, file), positions: collectPositions(parsed, file) };
  entry?.write({ exportLoc: found.exportLoc ?? null, positions: [...found.positions] });
  return found;
}

let deriver: { readonly version: string | undefined } | undefined;

/**
 * A digest of the code that finds positions, read from this library's own files; undefined when they
 * cannot be read (an install without them cannot tell its versions apart, so it remembers nothing).
 */
function deriverVersion(): string | undefined {
  if (deriver !== undefined) return deriver.version;
  const hash = createHash('sha256');
  let readable = true;
  for (const relative of ['load/provenance', 'resolve/path']) {
    const source = readModule(relative);
    if (source === undefined) readable = false;
    else hash.update(source).update('\0');
  }
  deriver = { version: readable ? hash.digest('hex').slice(0, 16) : undefined };
  return deriver.version;
}

/**
 * From the library directory (public-api.ts): dist/ holds `.js`, src/ (tests, through tsx) `.ts`. The
 * bundled CLI (scripts/bundle-cli.mjs) runs from dist/cli-bundle/, beside the same dist/ files.
 */
function readModule(relative: string): string | undefined {
  for (const extension of ['.js', '.ts']) {
    try {
      return fs.readFileSync(path.join(libraryDir, `${relative}${extension}`), 'utf8');
    } catch {
      // the other extension
    }
  }
  return undefined;
}

const storedCodec = jsonCodec((value: unknown): value is Stored => typeof value === 'object' && value !== null && 'positions' in value && Array.isArray(value.positions));
