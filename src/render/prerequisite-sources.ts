/**
 * Where in the config each prerequisite of one environment comes from, so `doctor` points at the line
 * to look at: the line that names a Secret, StorageClass, issuer or SecretStore, the storage block whose
 * volumes name no StorageClass (they need the cluster's default one), or that turns on the
 * feature whose CRD and operator are needed (monitoring.serviceMonitor: prometheus-operator;
 * cluster.tls.certManager: cert-manager; backup.method: Velero; target: the Rivven CRDs). Through the
 * merge's provenance: the environment file's line where it overrides the value, else the base config's;
 * a value nobody wrote points at its closest written block, else at the environment file. Pure.
 */
import type { SourceLocation } from '../errors/diagnostic.js';
import type { ResolvedEnvironment } from '../model/types.js';
import { formatPath, pathKey, type PathSegment } from '../core/path.js';
import { rivvenGroup } from '../core/rivven.js';
import { valueAt } from '../resolve/value-at.js';
import { locate } from '../validate/locate.js';
import type { ConfigSource, Prerequisites, RequiredApi } from './prerequisites.js';
import { findConfigPathsNaming } from './secret-delivery.js';

/** The config blocks that render each Rivven kind under target `operator`, when `target` is not written. */
const rivvenKindBlocks: Readonly<Record<string, PathSegment[]>> = {
  RivvenCluster: ['cluster'],
  RivvenTopic: ['topics'],
  RivvenConnect: ['connect'],
  RivvenSchemaRegistry: ['schemaRegistry'],
};

const monitoringKinds: Readonly<Record<string, PathSegment[]>> = {
  ServiceMonitor: ['monitoring', 'serviceMonitor'],
  PodMonitor: ['monitoring', 'podMonitor'],
  PrometheusRule: ['monitoring', 'alerts'],
};

/** The settings that make the objects of an API group be rendered, most specific first. */
function featurePaths(api: Pick<RequiredApi, 'group' | 'kind'>): PathSegment[][] {
  if (api.group === rivvenGroup) return [['target'], rivvenKindBlocks[api.kind] ?? ['cluster']];
  switch (api.group) {
    case 'monitoring.coreos.com':
      return [monitoringKinds[api.kind] ?? ['monitoring']];
    case 'cert-manager.io':
      return [['cluster', 'tls', 'certManager']];
    case 'velero.io':
      return [['backup', 'method']];
    case 'external-secrets.io':
      return api.kind === 'ExternalSecret' ? [['secrets', 'items'], ['secrets', 'store']] : [['secrets', 'store']];
    default:
      // Sealed Secrets and any other add-on: the secrets block, else what customize adds.
      return api.group === 'bitnami.com' ? [['secrets']] : [['customize']];
  }
}

/** The environment file itself, for a requirement no written line causes (all defaults). */
function environmentFile(env: ResolvedEnvironment): SourceLocation {
  return { file: env.file, line: 1, column: 1 };
}

interface Located {
  readonly source: ConfigSource;
  /** A file wrote the value at the path itself (not only a block around it, not a default). */
  readonly exact: boolean;
}

/** The first candidate written in a file (itself or a block around it); else the first, at the environment file. */
function locateFirst(env: ResolvedEnvironment, candidates: readonly (readonly PathSegment[])[]): Located {
  for (const path of candidates) {
    const loc = locate(env, path);
    if (loc === undefined) continue;
    const origin = env.provenance.get(pathKey(path))?.origin;
    return { source: { path: formatPath(path), loc }, exact: origin !== undefined && origin.layer !== 'default' && origin.loc !== undefined };
  }
  return { source: { path: formatPath(candidates[0] ?? []), loc: environmentFile(env) }, exact: false };
}

function sourceOf(env: ResolvedEnvironment, candidates: readonly (readonly PathSegment[])[]): ConfigSource {
  return locateFirst(env, candidates).source;
}

/**
 * The line that names `name`: `preferred` when it holds that name, else any config value equal to it
 * (the Secret walker of secret-delivery), else the block that would name it.
 */
function namingSource(env: ResolvedEnvironment, name: string, preferred: readonly PathSegment[], fallback: readonly (readonly PathSegment[])[]): ConfigSource {
  if (valueAt(env.config, preferred) === name) return sourceOf(env, [preferred]);
  return sourceOf(env, [...findConfigPathsNaming(env, name), ...fallback]);
}

/** The line that names a Secret; else its `secrets.external` entry; else the secrets block. */
function secretSource(env: ResolvedEnvironment, name: string): ConfigSource {
  const named = findConfigPathsNaming(env, name);
  // A name may be both a Secret and an issuer (`rivven-ca`): a field about Secrets is the better guess.
  const secretish = named.filter((p) => /secret/i.test(String(p[p.length - 1])));
  const index = (env.config.secrets?.external ?? []).indexOf(name);
  return sourceOf(env, [...secretish, ...named, ...(index < 0 ? [] : [['secrets', 'external', index]]), ['secrets']]);
}

/**
 * Claims without a class come from cluster.storage when it names none (the broker volumes, under either
 * target); otherwise they come from objects the user added or patched (customize).
 */
function defaultStorageClassSource(env: ResolvedEnvironment): ConfigSource {
  return sourceOf(env, env.config.cluster.storage.storageClassName === undefined ? [['cluster', 'storage']] : [['customize']]);
}

/** Each prerequisite with the config line that creates it (`source`), for this environment. */
export function locatePrerequisites(env: ResolvedEnvironment, p: Prerequisites): Prerequisites {
  const located = p.apis.map((a) => ({ group: a.group, ...locateFirst(env, featurePaths(a)) }));
  // An operator is needed for the APIs of its group: the line of one of them, one a file wrote itself
  // first (monitoring.serviceMonitor: true rather than the defaulted alerts inside monitoring).
  const operatorSource = (group: string): ConfigSource => {
    const ofGroup = located.filter((a) => a.group === group);
    return (ofGroup.find((a) => a.exact) ?? ofGroup[0])?.source ?? sourceOf(env, featurePaths({ group, kind: '' }));
  };
  return {
    apis: p.apis.map((a, i) => ({ ...a, source: located[i]?.source ?? sourceOf(env, featurePaths(a)) })),
    operators: p.operators.map((o) => ({ ...o, source: operatorSource(o.group) })),
    secrets: p.secrets.map((s) => ({ ...s, source: secretSource(env, s.name) })),
    storageClasses: p.storageClasses.map((s) => ({ ...s, source: namingSource(env, s.name, ['cluster', 'storage', 'storageClassName'], [['cluster', 'storage']]) })),
    ...(p.defaultStorageClass === undefined ? {} : { defaultStorageClass: { ...p.defaultStorageClass, source: defaultStorageClassSource(env) } }),
    issuers: p.issuers.map((i) => ({ ...i, source: namingSource(env, i.name, ['cluster', 'tls', 'certManager', 'issuerRef', 'name'], [['cluster', 'tls', 'certManager']]) })),
    secretStores: p.secretStores.map((s) => ({ ...s, source: namingSource(env, s.name, ['secrets', 'store', 'name'], [['secrets', 'store']]) })),
  };
}
