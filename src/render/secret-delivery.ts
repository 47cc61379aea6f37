/**
 * RG350–RG355: every Secret the environment's objects read must be delivered (an ExternalSecret from
 * `secrets.items`, a SealedSecret from `secrets.sealed` or the escape hatches, an object rivven-gitops
 * renders) or declared `secrets.external`, exactly once, with the keys read (RG350 is a warning until the
 * fleet has a `secrets` block). It runs over the customized objects, so a delivery or a reference that
 * `customize` adds counts. A finding points at the config line that names the Secret, or into the
 * sealed file (provenance). Pure.
 */
import type { Finding } from '../errors/diagnostic.js';
import { finding } from '../errors/catalog.js';
import { sortFindings } from '../errors/diagnostic.js';
import type { ResolvedEnvironment, ResolvedFleet } from '../model/types.js';
import type { PathSegment } from '../core/path.js';
import { isRecord } from '../core/json.js';
import { reportOncePerFleet } from '../resolve/name-environments.js';
import { findingAt, locate } from '../validate/locate.js';
import type { K8sObject } from './k8s-object.js';
import { renderEnvironmentObjects } from './render-fleet.js';
import { secretInventory, type SecretInventoryEntry } from './secret-inventory.js';
import { findSecretProducers, findSecretReferences, type SecretProducer } from './secret-references.js';
import { sealedDocuments, sealedLocation } from './sealed-secrets.js';

/** Config paths whose value is `name` (a Secret name), those written in a file first. */
export function findConfigPathsNaming(env: ResolvedEnvironment, name: string): PathSegment[][] {
  const found: PathSegment[][] = [];
  const walk = (value: unknown, path: PathSegment[]): void => {
    if (value === name && path.length > 0 && path[0] !== 'secrets') found.push(path);
    else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else if (isRecord(value)) for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
  };
  walk(env.config, []);
  const written = new Set(found.filter((p) => locate(env, p) !== undefined));
  return [...written, ...found.filter((p) => !written.has(p))];
}

/** The delivery check of every environment over its (customized) objects; one finding per problem the environments share. */
export function findFleetSecretDeliveryIssues(fleet: ResolvedFleet, environments: readonly { readonly name: string; readonly objects: readonly K8sObject[] }[]): Finding[] {
  const perEnvironment = fleet.environments.flatMap((env) => {
    const rendered = environments.find((e) => e.name === env.name);
    return rendered === undefined ? [] : [[env.name, findSecretDeliveryIssues(env, rendered.objects)] as const];
  });
  return sortFindings(reportOncePerFleet(perEnvironment));
}

/** Where a sealed delivery is written: in its sealed file, else (an escape hatch's object) at `customize`. */
function atSealed(env: ResolvedEnvironment, code: 'RG351' | 'RG355', name: string, pointer: string, message: string): Finding {
  const sealed = sealedDocuments(env).find((d) => d.object.metadata.name === name);
  if (sealed === undefined) return findingAt(env, code, ['customize'], { message });
  const loc = sealedLocation(sealed.document, pointer, '/metadata/name');
  return finding(code, { path: sealed.file, message, ...(loc === undefined ? {} : { loc }) });
}

/** RG355 for a SealedSecret's Secret that something else delivers or declares too; RG351 for a key read that it does not hold. */
function findSealedDeliveryIssues(env: ResolvedEnvironment, inventory: readonly SecretInventoryEntry[], producers: readonly SecretProducer[]): Finding[] {
  const namespace = env.config.namespace;
  const items = env.config.secrets?.items ?? {};
  const external = new Set(env.config.secrets?.external ?? []);
  const out: Finding[] = [];
  const byName = new Map<string, SecretProducer[]>();
  for (const p of producers) if ((p.namespace ?? namespace) === namespace) byName.set(p.name, [...(byName.get(p.name) ?? []), p]);
  for (const [name, all] of byName) {
    const sealed = all.filter((p) => p.delivery === 'sealed');
    if (sealed.length === 0) continue;
    const others = [...all.filter((p) => p !== sealed[0]).map((p) => p.producer), ...(external.has(name) ? ['secrets.external'] : [])];
    if (others.length > 0) {
      const message = `Secret "${name}" is delivered by ${sealed[0]?.producer} and also by ${others.join(', ')}: two writers would fight over it (the controllers overwrite each other's Secret).`;
      out.push(name in items ? findingAt(env, 'RG355', ['secrets', 'items', name], { message }) : atSealed(env, 'RG355', name, '/metadata/name', message));
    }
    const e = inventory.find((i) => i.name === name && i.namespace === namespace && i.consumers.length > 0);
    if (e === undefined || name in items) continue;
    const held = new Set(sealed.flatMap((p) => (p.keys === 'all' ? [] : p.keys)));
    const missing = e.keys.filter((k) => k !== '*' && !held.has(k));
    if (missing.length > 0) {
      const them = missing.length === 1 ? 'it' : 'them';
      out.push(
        atSealed(env, 'RG351', name, '/spec/encryptedData', `Secret "${name}" is read for ${missing.map((k) => `"${k}"`).join(', ')} by ${e.consumers.join(', ')}, but ${sealed[0]?.producer} holds no such key in spec.encryptedData or spec.template.data: the Secret the controller writes lacks ${them}.`),
      );
    }
  }
  return out;
}

export function findSecretDeliveryIssues(env: ResolvedEnvironment, objects: readonly K8sObject[] = renderEnvironmentObjects(env)): Finding[] {
  const secrets = env.config.secrets;
  const namespace = env.config.namespace;
  const producers = findSecretProducers(objects);
  const sealedNames = new Set(producers.filter((p) => p.delivery === 'sealed' && (p.namespace ?? namespace) === namespace).map((p) => p.name));
  const inventory = secretInventory(objects, { namespace, ...(secrets?.external === undefined ? {} : { external: secrets.external }) });
  const references = findSecretReferences(objects);
  const items = secrets?.items ?? {};
  const external = new Set(secrets?.external ?? []);
  const out: Finding[] = [];
  if (Object.keys(items).length > 0 && secrets?.store === undefined) {
    out.push(findingAt(env, 'RG354', ['secrets', 'items'], { message: 'secrets.items names Secrets to deliver through ExternalSecrets, but secrets.store is not set: no ExternalSecret is rendered without a store to read from.' }));
  }
  for (const e of inventory) {
    if (e.namespace !== namespace) continue;
    const readers = references.filter((r) => r.name === e.name && (r.namespace ?? namespace) === e.namespace);
    const first = readers[0];
    const reader = first === undefined ? '' : `${first.consumer} (${first.field})`;
    if (e.delivery === 'undeclared' && !(e.name in items)) {
      const path = findConfigPathsNaming(env, e.name)[0] ?? ['secrets'];
      out.push(
        findingAt(env, 'RG350', path, {
          // An error once the fleet accounts for its Secrets (a secrets block); before that, a warning
          // per reference, so an existing fleet keeps building while it adopts the block.
          severity: secrets === undefined ? 'warning' : 'error',
          message: `Secret "${e.name}" is read by ${reader}${readers.length > 1 ? ` and ${readers.length - 1} more` : ''}, and nothing delivers it: it is not in secrets.items, not rendered by rivven-gitops and not declared in secrets.external. A pod that reads it does not start until someone creates it.`,
        }),
      );
    }
    if (e.delivery === 'rendered-by-us' && !sealedNames.has(e.name) && (e.name in items || external.has(e.name))) {
      out.push(
        findingAt(env, 'RG355', e.name in items ? ['secrets', 'items', e.name] : ['secrets', 'external'], {
          message: `Secret "${e.name}" is written through an object rivven-gitops renders (a cert-manager Certificate or annotated Ingress), and is declared in secrets too: two writers would fight over it.`,
        }),
      );
    }
  }
  for (const [name, item] of Object.entries(items)) {
    if (external.has(name) && !sealedNames.has(name)) {
      out.push(findingAt(env, 'RG355', ['secrets', 'external'], { message: `Secret "${name}" is both delivered by an ExternalSecret (secrets.items) and declared external: keep one.` }));
    }
    const e = inventory.find((i) => i.name === name && i.namespace === namespace && i.consumers.length > 0);
    if (e === undefined) {
      out.push(findingAt(env, 'RG352', ['secrets', 'items', name], { severity: 'warning', message: `secrets.items["${name}"] is rendered as an ExternalSecret, but no rendered object of this environment reads a Secret "${name}".` }));
      continue;
    }
    if (item.remoteKey !== undefined) continue;
    const declared = Object.keys(item.keys ?? {});
    const missing = e.keys.filter((k) => k !== '*' && !declared.includes(k));
    if (missing.length > 0) {
      out.push(
        findingAt(env, 'RG351', ['secrets', 'items', name, 'keys'], {
          message: `Secret "${name}" is read for ${missing.map((k) => `"${k}"`).join(', ')} by ${e.consumers.join(', ')}, but secrets.items["${name}"].keys does not say where ${missing.length === 1 ? 'that key comes' : 'those keys come'} from: the ExternalSecret would not write ${missing.length === 1 ? 'it' : 'them'}.`,
        }),
      );
    }
  }
  out.push(...findSealedDeliveryIssues(env, inventory, producers));
  for (const name of secrets?.external ?? []) {
    if (!inventory.some((i) => i.name === name && i.consumers.length > 0)) {
      out.push(findingAt(env, 'RG352', ['secrets', 'external'], { severity: 'warning', message: `secrets.external names "${name}", but no rendered object of this environment reads it.` }));
    }
  }
  return out;
}
