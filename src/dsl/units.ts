/**
 * Small helpers for the friendly units, for people who prefer `days(7)` to `'7d'`. Each returns the
 * same string the model accepts, so either spelling renders identically. Each returns its own unit's
 * template type (`days(7)` is a `${number}d`), which the model's duration and size types accept.
 */
export type DurationString = `${number}${'ms' | 's' | 'm' | 'h' | 'd' | 'w'}`;
export type SizeString = `${number}${'Ki' | 'Mi' | 'Gi' | 'Ti'}`;

function whole(n: number, what: string): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a non-negative whole number, got ${n}`);
  return n;
}

export const seconds = (n: number): `${number}s` => `${whole(n, 'seconds')}s`;
export const minutes = (n: number): `${number}m` => `${whole(n, 'minutes')}m`;
export const hours = (n: number): `${number}h` => `${whole(n, 'hours')}h`;
export const days = (n: number): `${number}d` => `${whole(n, 'days')}d`;
export const weeks = (n: number): `${number}w` => `${whole(n, 'weeks')}w`;

export const kib = (n: number): `${number}Ki` => `${whole(n, 'KiB')}Ki`;
export const mib = (n: number): `${number}Mi` => `${whole(n, 'MiB')}Mi`;
export const gib = (n: number): `${number}Gi` => `${whole(n, 'GiB')}Gi`;
export const tib = (n: number): `${number}Ti` => `${whole(n, 'TiB')}Ti`;

/** A reference to one key of a Secret in the environment's namespace: the value is never in Git. */
export const secretKey = (secretName: string, key: string): { secretName: string; key: string } => ({ secretName, key });
