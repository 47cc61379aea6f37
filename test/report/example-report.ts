/**
 * A realistic diff report of the repository's example fleet, made by the real diff engine: the example
 * as rendered now, compared with a "base branch" that differs the way pull requests usually do.
 * - prod: the brokers' StatefulSet had 400Gi volumes in its claim template, now 500Gi (an immutable
 *   field: the StatefulSet is replaced), and six brokers, now five;
 * - staging: the StatefulSet goes from 2 to 3 brokers;
 * - dev: unchanged.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileProject } from '../../src/compile.js';
import { diffEnvironment } from '../../src/diff/diff-environment.js';
import { reportEnvironment } from '../../src/diff/environment-report.js';
import type { DiffReport } from '../../src/diff/types.js';
import type { K8sObject } from '../../src/render/k8s-object.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The `spec` map of an object (throws when there is none: the fixture would be wrong). */
export function specOf(obj: K8sObject): Record<string, unknown> {
  const spec: unknown = Reflect.get(obj, 'spec');
  if (!isRecord(spec)) throw new Error(`${obj.kind} ${obj.metadata.name} has no spec`);
  return spec;
}

function edit(objects: readonly K8sObject[], kind: string, name: string, change: (obj: K8sObject) => void): K8sObject[] {
  let found = false;
  const out = objects.map((o) => {
    if (o.kind !== kind || o.metadata.name !== name) return o;
    found = true;
    const copy = structuredClone(o);
    change(copy);
    return copy;
  });
  if (!found) throw new Error(`the example renders no ${kind} ${name}`);
  return out;
}

export async function exampleReport(): Promise<DiffReport> {
  const compiled = await compileProject({ root: repoRoot, typecheck: false });
  const environments = compiled.render.environments.map((env) => {
    let source: K8sObject[] = [...env.objects];
    if (env.name === 'prod') {
      source = edit(source, 'StatefulSet', 'rivven-main', (sts) => {
        const spec = specOf(sts);
        spec['replicas'] = 6;
        const templates = spec['volumeClaimTemplates'];
        if (!Array.isArray(templates) || !isRecord(templates[0])) throw new Error('the example StatefulSet has no claim template');
        Reflect.set(templates[0], 'spec', { ...(templates[0]['spec'] as object), resources: { requests: { storage: '400Gi' } } });
      });
    }
    if (env.name === 'staging') source = edit(source, 'StatefulSet', 'rivven-main', (c) => void (specOf(c)['replicas'] = 2));
    const diff = diffEnvironment(
      { name: env.name, namespace: env.namespace, rendered: env.objects, source: { objects: source, deletions: 'all' } },
      { sourceLabel: 'git:origin/main' },
    );
    return reportEnvironment(diff, compiled.fleet.environments.find((e) => e.name === env.name));
  });
  return { against: 'git:origin/main', environments, problems: [] };
}
