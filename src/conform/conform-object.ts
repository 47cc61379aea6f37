/**
 * One rendered object against the schema its API server enforces: a Rivven custom resource against the
 * schema pack, anything else against the model packages (built-in kinds and the add-ons' CRDs), and
 * every object's metadata against the API server's own rules. Pure.
 */
import { createHash } from 'node:crypto';
import type { K8sObject } from '../render/k8s-object.js';
import type { SchemaPack } from '../schema-pack/types.js';
import { findModel, modelPackages } from './builtin-models.js';
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

/**
 * Objects already known to pass their model's schema, by digest: loading and running the model
 * validators is most of this stage's cost, and an unchanged object passes again. `remember` is told the
 * digest of each object that passed, so the caller can keep them for the next build.
 */
export interface ConformMemo {
  readonly knownGood?: ReadonlySet<string>;
  readonly remember?: (digest: string) => void;
}

/** The digest naming an object's content in a ConformMemo. */
export function objectDigest(obj: K8sObject): string {
  return createHash('sha256').update(JSON.stringify(obj)).digest('base64url').slice(0, 24);
}

export function conformObject(obj: K8sObject, pack: SchemaPack | undefined, memo: ConformMemo = {}): ConformedObject {
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
  const metadata = checkMetadata(obj, obj.apiVersion, obj.kind, false);
  const digest = memo.knownGood !== undefined || memo.remember !== undefined ? objectDigest(obj) : undefined;
  if (digest !== undefined && memo.knownGood?.has(digest) === true) return { origin: 'models', violations: metadata };
  const model = findModel(obj.apiVersion, obj.kind);
  if (model === undefined) {
    // A kind of an API group some package describes is a mistake; a group none does (an add-on
    // rivven-gitops ships no schema for, e.g. velero.io) is only unchecked.
    const covered = group === '' || group.endsWith('.k8s.io') || !group.includes('.') || modelPackages.some((p) => p.groups?.includes(group));
    return {
      origin: 'none',
      violations: [
        covered
          ? { class: 'unknown-kind', path: [], message: `no schema for ${obj.apiVersion} ${obj.kind}` }
          : { class: 'unchecked-kind', path: [], message: `not checked: rivven-gitops ships no schema for ${obj.apiVersion} ${obj.kind}` },
      ],
    };
  }
  const violations = checkBuiltin(obj, model);
  if (digest !== undefined && violations.length === 0) memo.remember?.(digest);
  return { origin: 'models', violations: [...violations, ...metadata] };
}
