/**
 * Turns a generated fleet into a buildable one, to give the kustomize invariant many fleets to check:
 * the fleet sits on a skeleton that satisfies the rules no random value would (auth needs a Secret,
 * Argo CD needs a repository, cluster mode needs a token, every Secret read is delivered or external), then every value an error finding points at
 * is deleted from the base and every overlay, and the pipeline runs again — a few rounds at most.
 * The pipeline's own findings steer the repair, so no rule is restated here.
 */
import { parseDisplayPath } from '../../src/core/path.js';
import type { PathSegment } from '../../src/core/path.js';
import type { FleetCase } from './arbitrary-config.js';
import { projectOf, runPipeline, type PipelineResult } from './run-pipeline.js';

const skeleton = {
  cluster: {
    auth: { mechanism: 'scram', scram: { existingSecret: 'rivven-users' } },
    clusterAuthToken: { secretName: 'rivven-cluster-token', key: 'token' },
  },
  argocd: { repoURL: 'https://github.com/example/fleet.git' },
  // Once a fleet declares how its Secrets arrive (RG350), the skeleton's own Secrets must be among them.
  secrets: { external: ['rivven-cluster-token', 'rivven-users'] },
  // Under the operator target, 0.0.22's operator defects are errors unless a fixed operator is declared.
  operator: { patchedImage: true, crds: { schema: 'patched' } },
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `over` on top of `under`, objects merged deeply; a fresh value. */
function layer(under: unknown, over: unknown): unknown {
  if (!isRecord(under) || !isRecord(over)) return over === undefined ? structuredClone(under) : structuredClone(over);
  const out: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(under), ...Object.keys(over)])) {
    const value = key in over ? (key in under ? layer(under[key], over[key]) : structuredClone(over[key])) : structuredClone(under[key]);
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Deletes the value at `path`, and any `null` on the way there (an overlay removing the block). */
function deleteAt(value: unknown, path: readonly PathSegment[]): void {
  let current: unknown = value;
  for (const segment of path.slice(0, -1)) {
    if (isRecord(current) && current[String(segment)] === null) {
      delete current[String(segment)];
      return;
    }
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment];
    else if (isRecord(current)) current = current[String(segment)];
    else return;
  }
  const last = path[path.length - 1];
  if (last === undefined) return;
  if (Array.isArray(current) && typeof last === 'number') current.splice(last, 1);
  else if (isRecord(current)) delete current[String(last)];
}

export interface Repaired {
  readonly result: PipelineResult;
  readonly base: unknown;
  readonly environments: readonly { readonly name: string; readonly value: unknown }[];
}

export function runTowardsValid(fleet: FleetCase, rounds = 6): Repaired {
  let base = layer(skeleton, fleet.base.value);
  const environments = fleet.environments.map((e) => ({ name: e.name, value: structuredClone(e.overlay.value) }));
  let result = runPipeline(projectOf(base, environments));
  for (let round = 0; round < rounds && result.tree === undefined && result.crash === undefined; round += 1) {
    for (const f of result.findings) {
      if (f.severity !== 'error') continue;
      // The production checklist (RG8xx) is a profile's choice: a development profile has none of its errors.
      const segments = f.code.startsWith('RG8') ? ['profile'] : parseDisplayPath(f.path);
      // A missing required field is fixed by dropping the object that needs it.
      const target = f.code === 'RG207' ? segments.slice(0, -1) : segments;
      if (target.length === 0) continue;
      deleteAt(base, target);
      for (const env of environments) deleteAt(env.value, target);
    }
    // What the skeleton guarantees comes back if a deletion took it away.
    base = layer(skeleton, base);
    result = runPipeline(projectOf(base, environments));
  }
  return { result, base, environments };
}
