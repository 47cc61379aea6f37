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
import { apiGroup } from '../core/object-ref.js';
import { rivvenGroup } from '../core/rivven.js';
import { addonCrds } from '../schema-pack/addon-crds.js';

/** Where an object's schema came from, for messages. */
export type SchemaOrigin = 'crd-pack' | 'models' | 'none';

export interface ConformedObject {
  readonly origin: SchemaOrigin;
  readonly violations: readonly SchemaViolation[];
}

function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const group = apiGroup(apiVersion);
  return { group, version: group === '' ? apiVersion : apiVersion.slice(group.length + 1) };
}

/** The groups a pack owns: a kind of such a group that the pack lacks is unknown, never looked up elsewhere. */
function packGroups(pack: SchemaPack): Set<string> {
  return new Set(Object.values(pack.crds).map((c) => c.group));
}

/**
 * Objects already known to conform, by digest: an unchanged object conforms again, and loading and
 * running the validators is most of this stage's cost. `remember` is told the digest of each object
 * that conformed, so the caller can keep them for the next build.
 */
export interface ConformMemo {
  readonly knownGood?: ReadonlySet<string>;
  readonly remember?: (digest: string) => void;
}

const packIds = new WeakMap<SchemaPack, string>();

/** What names a pack's content: its upstream commit, or (a project's own CRDs) a digest of the schemas. */
function packId(pack: SchemaPack | undefined): string {
  if (pack === undefined) return '-';
  let id = packIds.get(pack);
  if (id === undefined) {
    id = pack.origin.commit !== undefined ? `${pack.source}@${pack.origin.commit}` : createHash('sha256').update(JSON.stringify(pack.crds)).digest('base64url');
    packIds.set(pack, id);
  }
  return id;
}

/** The digest naming an object's content, checked against `pack`, in a ConformMemo. */
export function objectDigest(obj: K8sObject, pack?: SchemaPack): string {
  return createHash('sha256').update(packId(pack)).update('\0').update(JSON.stringify(obj)).digest('base64url').slice(0, 24);
}

export function conformObject(obj: K8sObject, pack: SchemaPack | undefined, memo: ConformMemo = {}): ConformedObject {
  const digest = memo.knownGood !== undefined || memo.remember !== undefined ? objectDigest(obj, pack) : undefined;
  if (digest !== undefined && memo.knownGood?.has(digest) === true) return { origin: 'models', violations: [] };
  const result = checkObject(obj, pack);
  if (digest !== undefined && result.violations.length === 0) memo.remember?.(digest);
  return result;
}

function checkObject(obj: K8sObject, pack: SchemaPack | undefined): ConformedObject {  const { group, version } = splitApiVersion(obj.apiVersion);
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
  const addon = addonCrds[`${group}/${obj.kind}`];
  if (addon !== undefined) {
    const schema = addon.versions[version];
    if (schema === undefined) {
      return { origin: 'models', violations: [{ class: 'unknown-kind', path: ['apiVersion'], value: obj.apiVersion, message: `rivven-gitops checks ${addon.kind} only as ${Object.keys(addon.versions).map((v) => `${addon.group}/${v}`).join(', ')}` }] };
    }
    const { apiVersion: _a, kind: _k, metadata: _m, ...body } = obj;
    return { origin: 'models', violations: [...checkMetadata(obj, obj.apiVersion, obj.kind, true), ...checkStructural(body, schema)] };
  }
  const model = findModel(obj.apiVersion, obj.kind);
  if (model === undefined) {
    // A kind of an API group some package describes is a mistake; a group none does (an add-on
    // rivven-gitops ships no schema for, e.g. velero.io) is only unchecked.
    const covered = group === '' || group === rivvenGroup || group.endsWith('.k8s.io') || !group.includes('.') || modelPackages.some((p) => p.groups?.includes(group));
    return {
      origin: 'none',
      violations: [
        covered
          ? { class: 'unknown-kind', path: [], message: `no schema for ${obj.apiVersion} ${obj.kind}` }
          : { class: 'unchecked-kind', path: [], message: `not checked: rivven-gitops ships no schema for ${obj.apiVersion} ${obj.kind}` },
      ],
    };
  }
  return { origin: 'models', violations: [...checkBuiltin(obj, model), ...checkMetadata(obj, obj.apiVersion, obj.kind, false)] };
}
