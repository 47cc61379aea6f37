import type { Finding } from '../../errors/diagnostic.js';
import type { ResolvedEnvironment, ResolvedFleet } from '../../model/types.js';

/** A semantic check of one resolved environment. Pure; returns every problem it finds, never throws. */
export type EnvironmentRule = (env: ResolvedEnvironment) => Finding[];

/** A check across environments (namespaces, shared cluster-scoped names). */
export type FleetRule = (fleet: ResolvedFleet) => Finding[];

/** Sorted entries of a record (named collections), so findings come out in a stable order. */
export function sortedEntries<T>(record: Readonly<Record<string, T>> | undefined): [string, T][] {
  if (record === undefined) return [];
  return Object.keys(record)
    .sort()
    .flatMap((key) => {
      const value = record[key];
      if (value === undefined) return [];
      const entry: [string, T] = [key, value];
      return [entry];
    });
}
