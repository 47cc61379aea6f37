/**
 * Where a config file writes its default export and each property of it (provenance.ts), remembered by
 * the file's text (derived-cache.ts). Finding them parses the file with TypeScript; remembered, a build
 * of unchanged files needs no parser.
 */
import path from 'node:path';
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
  // Found by provenance.ts and keyed with core/path.ts.
  const entry = derivedEntry({ kind: 'positions', madeBy: ['load/provenance', 'core/path', 'core/json-pointer'], salt: file }, text, storedCodec);
  const stored = entry.read();
  if (stored !== undefined) return { exportLoc: stored.exportLoc ?? undefined, positions: new Map(stored.positions) };
  const { collectPositions, locateDefaultExport, parseConfigSource } = await import('./provenance.js');
  const parsed = sourceFile ?? parseConfigSource(path.join(root, file), text);
  const found: FilePositions = { exportLoc: locateDefaultExport(parsed, file), positions: collectPositions(parsed, file) };
  entry.write({ exportLoc: found.exportLoc ?? null, positions: [...found.positions] });
  return found;
}

const storedCodec = jsonCodec((value: unknown): value is Stored => typeof value === 'object' && value !== null && 'positions' in value && Array.isArray(value.positions));
