/**
 * A problem inherited from the base reads the same in every environment that inherits it: it is
 * reported once, naming all of them, instead of once per environment.
 */
import type { Finding } from '../errors/diagnostic.js';

/** Every environment's findings, identical ones merged, each message naming its environments. */
export function reportOncePerFleet(perEnvironment: readonly (readonly [name: string, findings: readonly Finding[]])[]): Finding[] {
  const grouped = new Map<string, { finding: Finding; environments: string[] }>();
  for (const [name, findings] of perEnvironment) {
    for (const f of findings) {
      const key = JSON.stringify([f.code, f.severity, f.path, f.message, f.hint ?? '', f.loc ?? null, f.related ?? null]);
      const group = grouped.get(key);
      if (group === undefined) grouped.set(key, { finding: f, environments: [name] });
      else if (!group.environments.includes(name)) group.environments.push(name);
    }
  }
  return [...grouped.values()].map((g) => namingEnvironments(g.finding, g.environments));
}

/** `message (environments dev, prod)`. */
export function namingEnvironments(f: Finding, environments: readonly string[]): Finding {
  const names = [...environments].sort();
  return { ...f, message: `${f.message} (environment${names.length === 1 ? '' : 's'} ${names.join(', ')})` };
}
