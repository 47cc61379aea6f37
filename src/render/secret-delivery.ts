/**
 * RG350–RG355: every Secret the rendered objects read must be delivered (an ExternalSecret from
 * `secrets.items`, an object rivven-gitops renders) or declared `secrets.external`, exactly once, with
 * the keys read (RG350 is a warning until the fleet has a `secrets` block). A finding points at the config line that names the Secret (provenance). Pure.
 */
import type { Finding } from '../errors/diagnostic.js';
import type { ResolvedEnvironment } from '../model/types.js';
import type { PathSegment } from '../core/path.js';
import { isRecord } from '../core/json.js';
import { findingAt, locate } from '../validate/locate.js';
import { renderEnvironmentObjects } from './render-fleet.js';
import { secretInventory } from './secret-inventory.js';
import { findSecretReferences } from './secret-references.js';

/** Config paths whose value is `name` (a Secret name), those written in a file first. */
export function findConfigPathsNaming(env: ResolvedEnvironment, name: string): PathSegment[][] {
  const found: PathSegment[][] = [];
  const walk = (value: unknown, path: PathSegment[]): void => {
    if (value === name && path.length > 0 && path[0] !== 'secrets') found.push(path);
    else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else if (isRecord(value)) for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
  };
  walk(env.config, []);
  return [...found.filter((p) => locate(env, p) !== undefined), ...found.filter((p) => locate(env, p) === undefined)];
}

export function findSecretDeliveryIssues(env: ResolvedEnvironment): Finding[] {
  const secrets = env.config.secrets;
  const namespace = env.config.namespace;
  const objects = renderEnvironmentObjects(env);
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
    if (e.delivery === 'rendered-by-us' && (e.name in items || external.has(e.name))) {
      out.push(
        findingAt(env, 'RG355', e.name in items ? ['secrets', 'items', e.name] : ['secrets', 'external'], {
          message: `Secret "${e.name}" is written through an object rivven-gitops renders (a cert-manager Certificate or annotated Ingress), and is declared in secrets too: two writers would fight over it.`,
        }),
      );
    }
  }
  for (const [name, item] of Object.entries(items)) {
    if (external.has(name)) {
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
  for (const name of secrets?.external ?? []) {
    if (!inventory.some((i) => i.name === name && i.consumers.length > 0)) {
      out.push(findingAt(env, 'RG352', ['secrets', 'external'], { severity: 'warning', message: `secrets.external names "${name}", but no rendered object of this environment reads it.` }));
    }
  }
  return out;
}
