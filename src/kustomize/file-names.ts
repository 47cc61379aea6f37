/**
 * File names under out/. Object names come from user config (topic names, pipeline names) and must
 * never steer a write outside out/: every name is reduced to `[a-z0-9.-]`, so it cannot contain a
 * separator, a `..` segment, a drive letter or a NUL; `isSafeRelativePath` re-checks every final path
 * (the emit stage checks again before writing).
 */
import { createHash } from 'node:crypto';
import type { K8sObject } from '../render/k8s-object.js';
import { compareText } from '../core/order.js';
import { idOf } from '../core/object-ref.js';

/** Longest file-name stem we produce; long enough for any Kubernetes name, short of every OS limit. */
const maxStem = 120;

/** A file-name stem made only of `[a-z0-9.-]`, without leading or trailing dots/dashes or `..`. */
export function sanitizeFileStem(raw: string): string {
  let stem = raw
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/-{2,}/g, '-')
    .replace(/^[.-]+|[.-]+$/g, '');
  if (stem === '') stem = 'unnamed';
  if (stem.length > maxStem) {
    // A hash of the raw name keeps two long names that share a prefix apart.
    const hash = createHash('sha256').update(raw).digest('hex').slice(0, 8);
    stem = `${stem.slice(0, maxStem - 9).replace(/[.-]+$/, '')}-${hash}`;
  }
  return stem;
}

/** `<kind>-<name>` of an object, sanitised. */
export function objectFileStem(obj: Pick<K8sObject, 'kind' | 'metadata'>): string {
  return sanitizeFileStem(`${obj.kind}-${obj.metadata.name}`);
}

/**
 * Assigns `<kind>-<name>.yaml` to every object of one directory. Collisions (same kind and name in two
 * API groups or namespaces, or names that sanitise alike) get `-2`, `-3`, …: an object whose name
 * needed no sanitising keeps the plain name, the rest follow in idOf order, so the result does not
 * depend on the order objects arrive in. `reserved` names are never handed out.
 */
export function assignFileNames<T extends Pick<K8sObject, 'apiVersion' | 'kind' | 'metadata'>>(
  objects: readonly T[],
  reserved: readonly string[] = ['kustomization.yaml'],
): Map<T, string> {
  // Stems and ids made once per object, not once per comparison of the sort.
  const keyed = objects.map((obj) => {
    const stem = objectFileStem(obj);
    return { obj, stem, exact: stem === `${obj.kind.toLowerCase()}-${obj.metadata.name}` ? 0 : 1, id: idOf(obj) };
  });
  keyed.sort((a, b) => compareText(a.stem, b.stem) || a.exact - b.exact || compareText(a.id, b.id));
  const taken = new Set(reserved);
  const names = new Map<T, string>();
  for (const { obj, stem } of keyed) {
    let candidate = `${stem}.yaml`;
    for (let n = 2; taken.has(candidate); n += 1) candidate = `${stem}-${n}.yaml`;
    taken.add(candidate);
    names.set(obj, candidate);
  }
  return names;
}

/** DNS-1123 label: what environment names must be to become a directory name as they are. */
export function isSafeDirectoryName(name: string): boolean {
  return /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(name);
}

/**
 * A relative POSIX path that stays inside its root on every OS: no absolute path, no backslash or
 * drive letter, no NUL or control character, no empty, `.` or `..` segment.
 */
export function isSafeRelativePath(path: string): boolean {
  if (path === '' || path.startsWith('/') || /[\\:\x00-\x1f\x7f]/.test(path)) return false;
  return path.split('/').every((s) => s !== '' && s !== '.' && s !== '..');
}
