/**
 * One row of a Rivven kind's field table: where a setting lives in the DSL model and in the CRD, how its
 * value is written each way, the word summaries use for it, its default, and what makes a change of it
 * dangerous. render, import, the diff's config paths, summaries, classification and the model's defaults
 * read these rows; none of them spells a field name of its own for the kinds that have a table.
 */

import type { DangerCode } from '../errors/codes/diff.js';

/**
 * How a value is written each way. The model holds what the CRD holds (milliseconds, bytes), so render
 * copies it; import turns it into the friendly form people write and summaries show it so.
 * - `plain`: copied both ways;
 * - `duration-ms`: milliseconds; imported as `'7d'`, summarized as `7d`;
 * - `bytes`: a byte count; imported as `'1Gi'` when exact;
 * - `bytes-or-unlimited`: like `bytes`, with -1 kept as -1;
 * - `string-map`: a map of strings; anything else is noted on import and not carried over;
 * - `list`: copied as is by render; import has a mapper of its own (its items have defaults to leave out).
 */
export type FieldUnit = 'plain' | 'duration-ms' | 'bytes' | 'bytes-or-unlimited' | 'string-map' | 'list';

/**
 * Where the default comes from: the CRD's `default:` at the row's CRD path (read from the schema pack,
 * never written here), a value of the model's own where the CRD has none (with the reason), or none.
 */
export type FieldDefault =
  | { readonly from: 'crd' }
  | { readonly from: 'model'; readonly value: unknown; readonly why: string }
  | { readonly from: 'none' };

/** The stable codes of the diff's dangerous changes (src/errors/codes/diff.ts) a field row can raise. */
/** The dangers a table row may raise: any catalogued diff danger (codes/diff.ts marks them). */
export type FieldDangerCode = DangerCode;

/** What a change of one field means, worded for the object (`Topic "orders"`, `RivvenCluster "main"`). */
export interface FieldVerdict {
  readonly code: FieldDangerCode;
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

/** One field's change as the classifier sees it: the values at the CRD path (undefined when absent). */
export interface FieldChangeView {
  readonly before: unknown;
  readonly after: unknown;
  /** Names the object in messages: `Topic "orders"`, `RivvenCluster "main"`. */
  readonly subject: string;
  /** Whether the diff lists the field itself as changed (not only a value somewhere under it). */
  readonly listed: boolean;
  /** Kubernetes quantities compared by value (negative: a < b); undefined when either is not one. */
  readonly compareQuantities: (a: unknown, b: unknown) => number | undefined;
}

/** Classifies a change of the field; returns what it means, nothing when the change is harmless. */
export type FieldDanger = (change: FieldChangeView) => readonly FieldVerdict[];

export interface FieldRow {
  /** Path in the model, relative to one entry of the kind (`topics[name]`, `cluster`, …). */
  readonly config: readonly string[];
  /** Dotted path in the rendered object (`spec.partitions`, `metadata.labels`). */
  readonly crd: string;
  readonly unit: FieldUnit;
  /** The word summaries use (`partitions`); a row without one is summarized by its CRD path. */
  readonly label?: string;
  readonly default: FieldDefault;
  readonly danger?: FieldDanger;
  /**
   * The CRD list's items are the model record's entries, each named by its key (`spec.sources[name=x]`
   * ← `sources.x`); only a path into one item names a config line.
   */
  readonly keyedByName?: boolean;
  /** Import: why a value of the wrong shape is not carried over (units `string-map`). */
  readonly importRefusal?: string;
  /**
   * How render writes the field: `copy` (the default) copies the config value by the unit; `computed`
   * takes the value the renderer computes from several settings (placement → affinity), passed to
   * renderSpec under the row's CRD key, so render still writes no field that lacks a row.
   */
  readonly write?: 'copy' | 'computed';
  /**
   * `diff`: a coarse row that only names the config line behind a change (`spec.storage` → `storage`);
   * render and import use the finer rows under it.
   */
  readonly role?: 'diff';
  /**
   * The config path (relative to the entry) the diff names for a change of this field when it is not
   * `config`: a fine row keeps the location the diff reported before it existed (`[]` names the entry).
   */
  readonly locateAs?: readonly string[];
}

/** The table of one Rivven kind. */
export interface KindTable {
  /** `RivvenTopic`, … */
  readonly kind: string;
  /** The rows in the order summaries list them (render writes a map, so its order is free). */
  readonly rows: readonly FieldRow[];
  /**
   * Rows whose changes are classified, in the order their dangers are reported for one object; a row
   * with `danger` must be listed here.
   */
  readonly classifyOrder: readonly FieldRow[];
}
