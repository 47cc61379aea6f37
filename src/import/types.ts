/**
 * The import stage's values. The core (`importManifests`) is pure: it takes parsed YAML documents and
 * returns a plain config object plus notes; reading files and writing TypeScript are separate steps.
 */
import type { SourceLocation } from '../errors/diagnostic.js';
import type { PathSegment } from '../core/path.js';

/** One parsed YAML document, as the reader (read-yaml.ts) hands it to the importer. */
export interface ImportDocument {
  /** The file it came from, as shown to people (relative to the project root when possible). */
  readonly file: string;
  /** 0-based position of the document in its file. */
  readonly index: number;
  /** The document as plain JSON-like data (YAML 1.2 core schema). */
  readonly value: unknown;
  /** Source position of the node at a path inside the document, when known. */
  readonly positions?: ReadonlyMap<string, SourceLocation>;
  /**
   * Plain scalars that a YAML 1.1 reader (kubectl's, for one) would have read differently from the YAML
   * 1.2 core schema used here (`yes`, `on`, `0777`, `1:30`), keyed by `pathKey` of their document path.
   */
  readonly yaml11?: ReadonlyMap<string, Yaml11Scalar>;
  /** Tags the reader did not resolve (`!!js/function`, `!custom`): their values are kept as strings. */
  readonly unresolvedTags?: ReadonlyMap<string, string>;
}

export interface Yaml11Scalar {
  /** The scalar as written. */
  readonly source: string;
  /** How this importer read it (YAML 1.2 core). */
  readonly yaml12: string | number | boolean | null;
  /** How a YAML 1.1 reader reads it. */
  readonly yaml11: string | number | boolean | null;
}

/** A value of the input that could not be carried over as it was (or at all), and why. */
export interface ImportNote {
  /** Where the value is in the YAML: `file#document spec.broker.adminPort` (`#n` only for n > 0). */
  readonly path: string;
  readonly reason: string;
  readonly loc?: SourceLocation;
  /** Nearest place in the generated config, where the file gets the note as a `//` comment. */
  readonly target: readonly PathSegment[];
}

export type ImportKind = 'config' | 'environment';

export interface ImportOptions {
  /** `config`: a rivven.config.ts (defineConfig); `environment`: an environments/<name>.ts (defineEnvironment). */
  readonly kind: ImportKind;
}

/** One input object (or values document) that the importer understood. */
export interface ImportedObject {
  /** `RivvenCluster`, `StatefulSet`, `values` (Helm-style values), … */
  readonly kind: string;
  readonly name: string;
  readonly file: string;
}

export interface ImportResult {
  /** A `UserConfig` (kind `config`) or `UserEnvironment` (kind `environment`) as plain data. */
  readonly config: Record<string, unknown>;
  readonly notes: readonly ImportNote[];
  readonly imported: readonly ImportedObject[];
  /** Leaf values of the input that were carried into the config. */
  readonly mappedFields: number;
}
