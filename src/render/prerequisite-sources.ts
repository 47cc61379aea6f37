/**
 * Where in the config each prerequisite of one environment comes from, so `doctor` points at the line
 * to look at: the line that names a Secret, StorageClass, issuer or SecretStore, or that turns on the
 * feature whose CRD and operator are needed (monitoring.serviceMonitor: prometheus-operator;
 * cluster.tls.certManager: cert-manager; backup.method: Velero; target: the Rivven CRDs). Through the
 * merge's provenance: the environment file's line where it overrides the value, else the base config's;
 * a value nobody wrote points at its closest written block, else at the environment file. Pure.
 */
import type { SourceLocation } from '../errors/diagnostic.js';
import type { ResolvedEnvironment } from '../model/types.js';
import { formatPath, type PathSegment } from '../core/path.js';
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

/** The first candidate written in a file (itself or a block around it); else the first, at the environment file. */
function sourceOf(env: ResolvedEnvironment, candidates: readonly (readonly PathSegment[])[]): ConfigSource {
  for (const path of candidates) {
    const loc = locate(env, path);
    if (loc !== undefined) return { path: formatPath(path), loc };
  }
  return { path: formatPath(candidates[0] ?? []), loc: environmentFile(env) };
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

/** Each prerequisite with the config line that creates it (`source`), for this environment. */
export function locatePrerequisites(env: ResolvedEnvironment, p: Prerequisites): Prerequisites {
  const apis = p.apis.map((a) => ({ ...a, source: sourceOf(env, featurePaths(a)) }));
  return {
    apis,
    // An operator is needed for the first API of its group the objects use: the same line.
    operators: p.operators.map((o) => ({ ...o, source: apis.find((a) => a.group === o.group)?.source ?? sourceOf(env, featurePaths({ group: o.group, kind: '' })) })),
    secrets: p.secrets.map((s) => ({ ...s, source: secretSource(env, s.name) })),
    storageClasses: p.storageClasses.map((s) => ({ ...s, source: namingSource(env, s.name, ['cluster', 'storage', 'storageClassName'], [['cluster', 'storage']]) })),
    issuers: p.issuers.map((i) => ({ ...i, source: namingSource(env, i.name, ['cluster', 'tls', 'certManager', 'issuerRef', 'name'], [['cluster', 'tls', 'certManager']]) })),
    secretStores: p.secretStores.map((s) => ({ ...s, source: namingSource(env, s.name, ['secrets', 'store', 'name'], [['secrets', 'store']]) })),
  };
}
