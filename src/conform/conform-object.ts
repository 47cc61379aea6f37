/**
 * One rendered object against the schema its API server enforces: a Rivven custom resource against the
 * schema pack, anything else against the model packages (built-in kinds and the add-ons' CRDs), and
 * every object's metadata against the API server's own rules. Pure.
 */
import type { K8sObject } from '../render/k8s-object.js';
import type { SchemaPack } from '../schema-pack/types.js';
import { findModel } from './builtin-models.js';
import { checkBuiltin } from './check-builtin.js';
import { checkMetadata } from './check-metadata.js';
import { checkStructural } from './check-structural.js';
import type { SchemaViolation } from './violation.js';

/** Where an object's schema came from, for messages. */
export type SchemaOrigin = 'crd-pack' | 'models' | 'none';

export interface ConformedObject {
  readonly origin: SchemaOrigin;
  readonly violations: readonly SchemaViolation[];
}

function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** The groups a pack owns: a kind of such a group that the pack lacks is unknown, never looked up elsewhere. */
function packGroups(pack: SchemaPack): Set<string> {
  return new Set(Object.values(pack.crds).map((c) => c.group));
}

export function conformObject(obj: K8sObject, pack: SchemaPack | undefined): ConformedObject {
  const { group, version } = splitApiVersion(obj.apiVersion);
  const crd = pack?.crds[`${group}/${obj.kind}`];
  if (crd !== undefined) {
    const schema = crd.versions[version];
    if (schema === undefined) {
      return { origin: 'crd-pack', violations: [{ class: 'unknown-kind', path: ['apiVersion'], value: obj.apiVersion, message: `the ${crd.kind} CRD serves no version ${version} (it serves ${Object.keys(crd.versions).join(', ')})` }] };
    }
    const { apiVersion: _a, kind: _k, metadata: _m, ...body } = obj;
    return { origin: 'crd-pack', violations: [...checkMetadata(obj, obj.apiVersion, obj.kind, true), ...checkStructural(body, schema)] };
  }
  if (pack !== undefined && packGroups(pack).has(group)) {
    return { origin: 'none', violations: [{ class: 'unknown-kind', path: ['kind'], value: obj.kind, message: `the Rivven CRDs define no kind ${obj.kind}` }] };
  }
  const model = findModel(obj.apiVersion, obj.kind);
  if (model === undefined) {
    return { origin: 'none', violations: [{ class: 'unknown-kind', path: [], message: `no schema for ${obj.apiVersion} ${obj.kind}` }] };
  }
  return { origin: 'models', violations: [...checkBuiltin(obj, model), ...checkMetadata(obj, obj.apiVersion, obj.kind, false)] };
}
