/**
 * The customize stage's entry: each environment's objects through its escape hatches. A problem every
 * environment inherits from the base (a base patch that matches nothing) is reported once, naming the
 * environments. Pure.
 */
import type { Finding } from '../errors/diagnostic.js';
import { sortFindings } from '../errors/diagnostic.js';
import type { LoadedObjectFile } from '../model/customize-types.js';
import type { ResolvedFleet } from '../model/types.js';
import type { EnvironmentRender, FleetRender } from '../render/fleet-render.js';
import { customizeEnvironment } from './customize-environment.js';
import type { ObjectOrigins } from './origins.js';

export interface CustomizedEnvironmentRender extends EnvironmentRender {
  /** Where the escape hatches wrote each value they set (absent when the environment has none). */
  readonly origins?: ObjectOrigins;
}

export interface CustomizedRender extends FleetRender {
  readonly environments: readonly CustomizedEnvironmentRender[];
}

export function customizeFleet(fleet: ResolvedFleet, render: FleetRender, objectFiles?: ReadonlyMap<string, readonly LoadedObjectFile[]>): { render: CustomizedRender; findings: Finding[] } {
  const groups = new Map<string, { first: Finding; environments: string[] }>();
  const environments = render.environments.map((rendered): CustomizedEnvironmentRender => {
    const env = fleet.environments.find((e) => e.name === rendered.name);
    if (env === undefined) return rendered;
    const result = customizeEnvironment(env, rendered.objects, objectFiles);
    for (const f of result.findings) {
      const key = JSON.stringify([f.code, f.path, f.loc ?? null, f.message.replaceAll(env.name, '')]);
      const group = groups.get(key);
      if (group === undefined) groups.set(key, { first: f, environments: [env.name] });
      else group.environments.push(env.name);
    }
    return result.origins.size === 0 && result.objects.length === rendered.objects.length && result.objects.every((o, i) => o === rendered.objects[i])
      ? rendered
      : { ...rendered, objects: result.objects, origins: result.origins };
  });
  const findings = [...groups.values()].map(({ first, environments: names }) =>
    names.length === 1 ? first : { ...first, message: `${first.message} (the same in environments ${names.slice(1).join(', ')})` },
  );
  return { render: { ...render, environments }, findings: sortFindings(findings) };
}
