import type { Finding } from '../../errors/diagnostic.js';
import type { ResolvedEnvironment, ResolvedFleet } from '../../model/types.js';

/** A semantic check of one resolved environment. Pure; returns every problem it finds, never throws. */
export type EnvironmentRule = (env: ResolvedEnvironment) => Finding[];

/** A check across environments (namespaces, shared cluster-scoped names). */
export type FleetRule = (fleet: ResolvedFleet) => Finding[];

/** Sorted entries of a record (named collections), so findings come out in a stable order. */
export function sortedEntries<T>(record: Readonly<Record<string, T>> | undefined): [string, T][] {
  if (record === undefined) return [];
  const entries: [string, T][] = [];
  for (const key of Object.keys(record).sort()) {
    const value = record[key];
    if (value !== undefined) entries.push([key, value]);
  }
  return entries;
}
