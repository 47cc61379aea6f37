/**
 * What the catalog holds for one code. Kept apart from the catalog so the per-stage code files under
 * `codes/` and the catalog that joins them never import each other.
 */
export interface CodeInfo {
  /** Short title, shown in listings. */
  readonly title: string;
  /** Default advice; a finding may give a more specific hint. */
  readonly hint: string;
  /**
   * The message, worded once, for a code raised from more than one place: every place passes the
   * values and the words stay the same. Codes raised from one place word their message there.
   */
  readonly message?: (params: never) => string;
  /** A diff code for a dangerous change (RG700–RG719): the diff's classification lists these. */
  readonly danger?: true;
}
