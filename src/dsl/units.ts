/**
 * Small helpers for the friendly units, for people who prefer `days(7)` to `'7d'`. Each returns the
 * same string the model accepts, so either spelling renders identically.
 */
export type DurationString = `${number}${'ms' | 's' | 'm' | 'h' | 'd' | 'w'}`;
export type SizeString = `${number}${'Ki' | 'Mi' | 'Gi' | 'Ti'}`;

function whole(n: number, what: string): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a non-negative whole number, got ${n}`);
  return n;
}

export const seconds = (n: number): DurationString => `${whole(n, 'seconds')}s`;
export const minutes = (n: number): DurationString => `${whole(n, 'minutes')}m`;
export const hours = (n: number): DurationString => `${whole(n, 'hours')}h`;
export const days = (n: number): DurationString => `${whole(n, 'days')}d`;
export const weeks = (n: number): DurationString => `${whole(n, 'weeks')}w`;

export const kib = (n: number): SizeString => `${whole(n, 'KiB')}Ki`;
export const mib = (n: number): SizeString => `${whole(n, 'MiB')}Mi`;
export const gib = (n: number): SizeString => `${whole(n, 'GiB')}Gi`;
export const tib = (n: number): SizeString => `${whole(n, 'TiB')}Ti`;

/** A reference to one key of a Secret in the environment's namespace: the value is never in Git. */
export const secretKey = (secretName: string, key: string): { secretName: string; key: string } => ({ secretName, key });
