/**
 * What the loader hands on for the escape hatches besides the config data: the `transform` functions
 * and the objects of `objectFiles`. Kept apart from customize.ts (zod) so the printed public types can
 * name them.
 */
import type { SourceLocation } from '../errors/diagnostic.js';

/** What a `transform` is given besides the objects. */
export interface CustomizeContext {
  readonly name: string;
  readonly namespace: string;
  readonly profile: string;
}

/** A `transform` as the loader hands it on: called inside the config's evaluation, bounded in time. */
export interface LoadedTransform {
  /** Where `transform:` is written. */
  readonly loc?: SourceLocation;
  readonly layer: 'base' | 'environment';
  /** Runs the function; a throw is reported with where it was thrown. */
  readonly run: (objects: readonly unknown[], env: CustomizeContext) => TransformOutcome;
}

export type TransformOutcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string; readonly loc?: SourceLocation };

/** One object of a YAML file the loader read for `objectFiles`, with where each path of it is written. */
export interface LoadedObjectDocument {
  readonly value: unknown;
  /** Keyed by JSON pointer (`/spec/replicas`); `''` is the document. */
  readonly positions: ReadonlyMap<string, SourceLocation>;
}

export interface LoadedObjectFile {
  /** Project-relative. */
  readonly file: string;
  readonly documents: readonly LoadedObjectDocument[];
}
