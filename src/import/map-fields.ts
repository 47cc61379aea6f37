/**
 * CRD → config by a kind's field table: each CRD field a row maps is carried to the row's config path
 * in the friendly form of its unit (`604800000` → `'7d'`, `1073741824` → `'1Gi'`); maps that only hold
 * rows are walked; anything else is left to the caller.
 */
import type { FieldRow, KindTable } from '../fields/row.js';
import type { PathSegment } from '../core/path.js';
import type { DocumentMapper } from './import-context.js';
import { asInteger, asRecord, asStringMap, friendlyDuration, friendlySize } from './values.js';

/** Carries one row's value from `at` to the entry `target`. */
function mapRow(m: DocumentMapper, row: FieldRow, at: readonly PathSegment[], target: readonly PathSegment[], value: unknown): void {
  const to = [...target, ...row.config];
  const n = asInteger(value);
  switch (row.unit) {
    case 'duration-ms':
      m.set(to, at, n === undefined ? value : friendlyDuration(n));
      return;
    case 'bytes':
      m.set(to, at, n === undefined ? value : friendlySize(n));
      return;
    case 'bytes-or-unlimited':
      m.set(to, at, n === undefined || n === -1 ? value : friendlySize(n));
      return;
    case 'string-map': {
      const map = asStringMap(value);
      if (map === undefined) m.note(at, row.importRefusal ?? `${row.crd} must be a map of strings; not carried over.`, target);
      else m.set(to, at, map);
      return;
    }
    default:
      m.set(to, at);
  }
}

export interface RowWalk {
  readonly table: KindTable;
  /** The entry the rows' config paths are relative to (`['topics', name]`). */
  readonly target: readonly PathSegment[];
  /** Fields the table does not map but the caller does (clusterRef, list mappers), by CRD path. */
  readonly own?: Readonly<Record<string, (value: unknown, at: readonly PathSegment[]) => void>>;
  /** What to note for a field under `at` that nothing maps. */
  readonly unknown: (at: readonly PathSegment[], key: string) => string;
}

/** Walks the map at `from` (`['spec']`) in input order. */
export function mapTableFields(m: DocumentMapper, walk: RowWalk, from: readonly PathSegment[]): void {
  const record = asRecord(m.get(from));
  if (record === undefined) return;
  for (const [key, value] of Object.entries(record)) {
    const at = [...from, key];
    const crd = at.join('.');
    const own = walk.own?.[crd];
    const row = walk.table.rows.find((r) => r.crd === crd);
    if (own !== undefined) own(value, at);
    else if (row !== undefined) mapRow(m, row, at, walk.target, value);
    else if (walk.table.rows.some((r) => r.crd.startsWith(`${crd}.`))) mapTableFields(m, walk, at);
    else m.note(at, walk.unknown(from, key), walk.target);
  }
}
