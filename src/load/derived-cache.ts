/**
 * What the loader derives from one file's text alone — the JavaScript the transpiler makes of it, where
 * each property is written — remembered between processes by the text's digest. With these and a
 * remembered clean type-check, a build of unchanged config files never loads TypeScript, which is a
 * fifth to a third of such a build (bench/results.md).
 *
 * An entry is named by its kind, the deriving code's own version, a `salt` naming everything else the
 * result depends on (TypeScript's version, the file's path) and the text; nothing is ever updated in place, so a stale
 * entry cannot be read: a change to any input is a different name. Entries are written atomically and
 * best effort (a read-only node_modules only means no cache) and sealed with their digest; the oldest
 * are pruned.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { cacheDirectory, writeCacheFile } from './cache-dir.js';
import { libraryCodeVersion } from './library-code-version.js';

export interface Codec<T> {
  encode(value: T): string;
  /** Undefined for text that is not a valid entry (a truncated or foreign file): derived again. */
  decode(text: string): T | undefined;
}

/**
 * Part of every entry's name: a version of rivven-gitops that writes entries differently (sealed or
 * not, another encoding) never reads this one's, in a cache directory both use.
 */
const entryFormat = 'rivven-gitops derived entry 2 (sealed)';

/** How the last lookup of each kind went (tests read it). */
export const derivedCacheState: Record<string, 'off' | 'miss' | 'hit'> = {};

export interface DerivedEntry<T> {
  /** The remembered value, or undefined (none, unreadable, or caches off). */
  read(): T | undefined;
  /** Remembers `value` (best effort). */
  write(value: T): void;
}

/** What names an entry besides the text. */
export interface EntryName {
  readonly kind: string;
  /** The library modules whose code makes the value (library-code-version.ts): other code, another name. */
  readonly madeBy: readonly string[];
  /** Everything else the value depends on (TypeScript's version, the file's path or extension). */
  readonly salt: string;
}

/** The entry for `name` and `text`; one that remembers nothing when caches are off or `madeBy` cannot be read. */
export function derivedEntry<T>({ kind, madeBy, salt }: EntryName, text: string, codec: Codec<T>): DerivedEntry<T> {
  const dir = cacheDirectory();
  const maker = libraryCodeVersion(madeBy);
  if (dir === undefined || maker === undefined) {
    return {
      read: () => {
        derivedCacheState[kind] = 'off';
        return undefined;
      },
      write: () => undefined,
    };
  }
  const digest = createHash('sha256').update(`${entryFormat}\0${kind}\0${maker}\0${salt}\0`).update(text).digest('hex').slice(0, 40);
  const file = path.join(dir, 'derived', `${kind}-${digest}`);
  return {
    read() {
      const cached = readText(file);
      const payload = cached === undefined ? undefined : verified(cached);
      const decoded = payload === undefined ? undefined : codec.decode(payload);
      derivedCacheState[kind] = decoded === undefined ? 'miss' : 'hit';
      return decoded;
    },
    write: (value) => writeCacheFile(file, () => sealed(codec.encode(value)), { owns: () => true, keep: 1000 }),
  };
}

/** `derive()` of `text`, from the cache when there is an entry. What `derive` throws is not remembered. */
export function derivedFromText<T>(name: EntryName, text: string, derive: () => T, codec: Codec<T>): T {
  const entry = derivedEntry(name, text, codec);
  const cached = entry.read();
  if (cached !== undefined) return cached;
  const value = derive();
  entry.write(value);
  return value;
}

/** Plain JSON with a shape check; `check` must accept only what `encode` writes. */
export function jsonCodec<T>(check: (value: unknown) => value is T): Codec<T> {
  return {
    encode: (value) => JSON.stringify(value),
    decode: (text) => {
      try {
        const parsed: unknown = JSON.parse(text);
        return check(parsed) ? parsed : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

/**
 * An entry is its payload's digest, a newline, then the payload: a file damaged after it was written
 * (a disk, a person, a tool that 'cleans' caches) is derived again instead of being run or trusted.
 */
function sealed(payload: string): string {
  return `${digestOf(payload)}\n${payload}`;
}

function verified(entry: string): string | undefined {
  const newline = entry.indexOf('\n');
  if (newline < 0) return undefined;
  const payload = entry.slice(newline + 1);
  return entry.slice(0, newline) === digestOf(payload) ? payload : undefined;
}

function digestOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
