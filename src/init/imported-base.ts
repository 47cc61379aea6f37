/**
 * `init --from`: the imported values as the base of a fleet that works on Rivven 0.0.22. Added: what an
 * environment file cannot set (project), Argo CD's repository, and the `manifests` target unless the
 * import chose one (Rivven CRs say nothing about it). Under `manifests`, what cannot work is changed
 * (client auth off, with NetworkPolicies guarding the client port) and what the build will warn about
 * is kept on purpose and explained where it is written, each comment naming its warning's code.
 */
import { isPublishedBrokerImage } from '../facts/rivvend.js';
import type { ImportNote, ImportResult } from '../import/types.js';
import { defaults } from '../model/defaults.js';
import { authOffComment, clientPortPolicyComment, clientTlsComment, importedTopicsComment, manifestsTargetComment } from './upstream-comments.js';
import { isPlainObject } from '../core/json.js';

type Json = Record<string, unknown>;

const objectAt = (value: unknown, key: string): Json => (isPlainObject(value) && isPlainObject(value[key]) ? value[key] : {});

const byInit = (reason: string, target: readonly string[]): ImportNote => ({ path: '(set by init)', reason, target });

/** The target the scaffold uses: the import's, else `manifests` (see manifestsTargetComment). */
function scaffoldTarget(config: Json): unknown {
  return typeof config['target'] === 'string' ? config['target'] : 'manifests';
}

/** Under `manifests`, broker auth on refuses every client on 0.0.22 (RG427): the scaffold turns it off. */
function turnsAuthOff(config: Json): boolean {
  return scaffoldTarget(config) === 'manifests' && objectAt(objectAt(config, 'cluster'), 'auth')['enabled'] !== false;
}

/**
 * The import's notes that still apply in the scaffold: the scaffold answers the one about Argo CD's
 * repoURL, and replaces the auth block (and so the notes about it, such as a users Secret to create).
 */
export function scaffoldNotes(result: ImportResult): ImportNote[] {
  const authOff = turnsAuthOff(result.config);
  return result.notes.filter((n) => n.target[0] !== 'argocd' && !(authOff && n.target[0] === 'cluster' && n.target[1] === 'auth'));
}

/** Operator-only blocks kept as the record of what was imported; the build warns about each (RG328). */
const operatorOnly = {
  connect: 'target "manifests" renders no RivvenConnect pipelines, and the operator of Rivven 0.0.22 cannot run them either (RG419)',
  schemaRegistry: 'target "manifests" renders no RivvenSchemaRegistry, and the operator of Rivven 0.0.22 cannot run it either (RG420)',
} as const;

/** Secret names the imported cluster block reads: created outside the fleet, by whoever ran the import's source. */
function importedSecretNames(cluster: Json): string[] {
  const tls = objectAt(cluster, 'tls');
  const names = [objectAt(cluster, 'clusterAuthToken')['secretName'], tls['enabled'] === true ? tls['existingSecret'] : undefined, tls['enabled'] === true ? objectAt(tls, 'mtls')['clientCASecret'] : undefined];
  return names.filter((n): n is string => typeof n === 'string' && n !== '');
}

/**
 * Every Secret the scaffold reads must be delivered or declared (RG350). The imported ones already exist
 * where the import came from, so the scaffold declares them external rather than inventing a delivery.
 */
function declareImportedSecrets(base: Json, cluster: Json, notes: ImportNote[]): void {
  const secrets = { ...objectAt(base, 'secrets') };
  const external = Array.isArray(secrets['external']) ? secrets['external'].filter((n): n is string => typeof n === 'string') : [];
  const items = objectAt(secrets, 'items');
  const added = importedSecretNames(cluster).filter((n) => !external.includes(n) && items[n] === undefined);
  if (added.length === 0) return;
  secrets['external'] = [...external, ...[...new Set(added)]];
  base['secrets'] = secrets;
  notes.push(
    byInit(
      `the cluster-auth token and TLS Secrets the imported cluster reads are created outside this fleet (the imported cluster already has them): declared external so build does not warn (RG350); secrets.store and secrets.items deliver them as ExternalSecrets instead.`,
      ['secrets'],
    ),
  );
}

export function importedBase(result: ImportResult, project: string): { base: Json; notes: ImportNote[] } {
  const { project: imported, argocd, target, rivvenVersion, ...rest } = result.config;
  const keepArgo = isPlainObject(argocd) && argocd['enabled'] !== false;
  const notes: ImportNote[] = [...scaffoldNotes(result)];
  const base: Json = {
    project: typeof imported === 'string' ? imported : project,
    ...(rivvenVersion === undefined ? {} : { rivvenVersion }),
    target: scaffoldTarget(result.config),
    ...rest,
    argocd: keepArgo ? argocd : { repoURL: `https://git.example.com/platform/${project}-fleet.git`, targetRevision: 'main' },
  };
  if (typeof target !== 'string') notes.push(byInit(manifestsTargetComment, ['target']));
  if (base['target'] !== 'manifests') return { base, notes };

  const cluster = { ...objectAt(base, 'cluster') };
  const name = typeof cluster['name'] === 'string' ? cluster['name'] : defaults.cluster.name;
  // Staging and production run three brokers: rivvend in cluster mode refuses to start without a join token.
  if (cluster['clusterAuthToken'] === undefined) {
    cluster['clusterAuthToken'] = { secretName: `rivven-${name}-cluster-token`, key: 'token' };
    notes.push(
      byInit(
        `several brokers (staging and production run three) make rivvend run in cluster mode, which refuses to start without RIVVEN_CLUSTER_AUTH_TOKEN: create Secret rivven-${name}-cluster-token (key "token", a long random value) or name yours here.`,
        ['cluster', 'clusterAuthToken'],
      ),
    );
  }
  if (turnsAuthOff(result.config)) {
    cluster['auth'] = { enabled: false };
    notes.push(byInit(authOffComment, ['cluster', 'auth']));
  }
  const tls = objectAt(cluster, 'tls');
  if (tls['enabled'] === true && isPublishedBrokerImage(typeof cluster['image'] === 'string' ? cluster['image'] : undefined)) {
    notes.push(byInit(clientTlsComment(isPlainObject(tls['mtls']) && tls['mtls']['enabled'] !== false), ['cluster', 'tls']));
  }
  base['cluster'] = cluster;
  declareImportedSecrets(base, cluster, notes);
  // With client auth off, NetworkPolicies are what limit who reaches the client port, in every environment.
  if (base['networkPolicy'] === undefined) {
    base['networkPolicy'] = { allowedNamespaces: [] };
    notes.push(byInit(clientPortPolicyComment, ['networkPolicy']));
  }

  const has = (key: string) => Object.keys(objectAt(base, key)).length > 0;
  if (has('topics')) notes.push(byInit(importedTopicsComment, ['topics']));
  for (const [key, why] of Object.entries(operatorOnly)) {
    if (has(key)) notes.push(byInit(`kept as imported, as the record of what you run today: ${why}, so build warns about this block once per environment (RG328), deliberately.`, [key]));
  }
  return { base, notes };
}
