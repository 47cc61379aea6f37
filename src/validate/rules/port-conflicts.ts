/**
 * RG311: two listeners of one pod on the same port; the second fails to bind. Only ports inside one
 * pod can clash: brokers, connect workers and the schema registry run in separate pods with their own
 * Services, so equal numbers across them are fine. The broker's ports are fixed (9092/9093/9094) and
 * the guide's port fields are not rendered (RG411), so they cannot clash either.
 */
import type { Finding } from '../../errors/diagnostic.js';
import type { ResolvedEnvironment } from '../../model/types.js';
import { findingAt } from '../locate.js';
import { sortedEntries } from './rule.js';
import { defineRule } from '../define-rule.js';

interface Listener {
  readonly path: string[];
  readonly what: string;
  readonly port: number | undefined;
}

export function checkPortConflicts(env: ResolvedEnvironment): Finding[] {
  const pods: [string, Listener[]][] = [];
  for (const [name, p] of sortedEntries(env.config.connect)) {
    const at = ['connect', name, 'settings'];
    const health = p.settings?.health;
    const metrics = p.settings?.metrics;
    pods.push([
      `pipeline "${name}"`,
      [
        { path: [...at, 'health', 'port'], what: 'the health endpoint', port: health?.enabled === false ? undefined : health?.port },
        { path: [...at, 'metrics', 'port'], what: 'the metrics endpoint', port: metrics?.enabled === false ? undefined : metrics?.port },
      ],
    ]);
  }
  const registry = env.config.schemaRegistry;
  if (registry?.enabled === true) {
    pods.push([
      'the schema registry',
      [
        { path: ['schemaRegistry', 'server', 'port'], what: 'the API', port: registry.server.port },
        { path: ['schemaRegistry', 'metrics', 'port'], what: 'the metrics endpoint', port: registry.metrics?.enabled === false ? undefined : registry.metrics?.port },
      ],
    ]);
  }
  const findings: Finding[] = [];
  for (const [pod, listeners] of pods) {
    const seen = new Map<number, Listener>();
    for (const listener of listeners) {
      if (listener.port === undefined) continue;
      const first = seen.get(listener.port);
      if (first === undefined) {
        seen.set(listener.port, listener);
        continue;
      }
      findings.push(
        findingAt(env, 'RG311', listener.path, {
          message: `In ${pod}, ${listener.what} and ${first.what} both use port ${listener.port}: one process cannot bind it twice, so the pod would crash.`,
        }),
      );
    }
  }
  return findings;
}

export const portConflictsRule = defineRule({
  scope: 'environment',
  codes: ['RG311'],
  severity: 'as-found',
  locate: 'provenance',
  check: checkPortConflicts,
});
