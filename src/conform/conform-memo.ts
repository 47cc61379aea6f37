/**
 * Remembers, between builds of one project, which rendered objects conformed (by content digest and
 * the schema pack they were checked against), so a rebuild of unchanged objects neither loads nor runs
 * the validators. The entry is named by the checking code's own version and the schema packages' versions:
 * another validator or schema is another entry, so a stale "passed" is never read. Best effort, like
 * every derived entry: no cache directory only means checking everything.
 */
import { modelPackages, modelPackageVersion } from './builtin-models.js';
import type { ConformMemo } from './conform-object.js';
import { derivedEntry, jsonCodec } from '../load/derived-cache.js';

function isDigestList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

export interface ConformMemoSession {
  readonly memo: ConformMemo;
  /** Stores what this build found to pass, when it differs from what was remembered. */
  save(): void;
}

export function openConformMemo(root: string): ConformMemoSession {
  const salt = modelPackages.map((p) => `${p.name}@${modelPackageVersion(p.name) ?? '-'}`).join(',');
  const entry = derivedEntry(
    { kind: 'conform', madeBy: ['conform/check-builtin', 'conform/builtin-models', 'conform/conform-object', 'conform/check-metadata', 'conform/check-structural'], salt },
    root,
    jsonCodec(isDigestList),
  );
  const known = new Set(entry.read() ?? []);
  const passed = new Set<string>();
  return {
    memo: { knownGood: known, remember: (digest) => void passed.add(digest) },
    save() {
      if (passed.size === 0) return;
      const all = [...new Set([...known, ...passed])];
      // Keep it to this project's recent objects: a digest not seen in the last builds is dropped.
      entry.write(all.length > 20_000 ? [...passed] : all.sort());
    },
  };
}
