/**
 * `explain <env> Kind/name:field.path`: a field of a built object, and the line that set it when an
 * escape hatch (customize) did. Values rendered from the model are explained through their config path.
 */
import { compileProject } from '../../pipelines/compile-project.js';
import { finding } from '../../errors/catalog.js';
import { UserError } from '../../errors/diagnostic.js';
import { idOf } from '../../core/object-ref.js';
import { parseDisplayPath, type PathSegment } from '../../core/path.js';
import { isRecord } from '../../core/json.js';
import { originAt } from '../../customize/origins.js';
import type { SourceLocation } from '../../errors/diagnostic.js';

export interface ObjectExplanation {
  readonly object: string;
  readonly field: string;
  readonly value: unknown;
  /** Set when an escape hatch wrote the value. */
  readonly origin?: { readonly path: string; readonly loc?: SourceLocation };
}

/** `StatefulSet/rivven-main:spec.replicas` → kind, name, field; undefined for a config path. */
export function parseObjectPath(text: string): { kind: string; name: string; field: PathSegment[] } | undefined {
  const match = /^([A-Za-z][A-Za-z0-9]*)\/([^:]+):(.+)$/.exec(text);
  if (match === null || match[1] === undefined || match[2] === undefined || match[3] === undefined) return undefined;
  return { kind: match[1], name: match[2], field: parseDisplayPath(match[3]) };
}

export async function explainObject(root: string, envName: string, text: string, typecheck: boolean): Promise<ObjectExplanation | undefined> {
  const wanted = parseObjectPath(text);
  if (wanted === undefined) return undefined;
  const compiled = await compileProject({ root, environments: [envName], typecheck, policy: false });
  const env = compiled.fleet.environments.find((e) => e.name === envName);
  const rendered = compiled.render.environments.find((e) => e.name === envName);
  if (env === undefined || rendered === undefined) throw new UserError([finding('RG110', { path: envName, params: { name: envName, known: compiled.fleet.environments.map((e) => e.name) } })]);
  const obj = rendered.objects.find((o) => o.kind === wanted.kind && o.metadata.name === wanted.name);
  if (obj === undefined) return undefined;
  let value: unknown = obj;
  for (const segment of wanted.field) {
    if (Array.isArray(value) && typeof segment === 'number') value = value[segment];
    else if (isRecord(value) && Object.hasOwn(value, String(segment))) value = value[String(segment)];
    else return undefined;
  }
  const origin = originAt(env, rendered.origins, idOf(obj), wanted.field);
  return { object: `${obj.kind}/${obj.metadata.name}`, field: text.slice(text.indexOf(':') + 1), value, ...(origin === undefined ? {} : { origin: { path: origin.path, ...(origin.loc === undefined ? {} : { loc: origin.loc }) } }) };
}
