/**
 * Finds the schema of a built-in or third-party kind: the `kubernetes-models` packages ship, per kind,
 * a model class whose `validate()` runs an ajv-compiled validator of the OpenAPI schema (Kubernetes 1.33
 * for kubernetes-models 4.5, the nearest release to the 1.32 clusters rivven-gitops targets). Loading is
 * lazy and per kind, so a build pays only for the kinds it renders. Loading code is no I/O of the build's
 * inputs: the answer depends only on the installed package versions.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

export interface ModelClass {
  readonly apiVersion: string;
  readonly kind: string;
  readonly prototype: { validate(this: unknown): void };
}

/** A schema source: a CommonJS package of model classes, consulted only for its API groups when given. */
export interface ModelPackage {
  readonly name: string;
  /** What the README and the closing notes cite. */
  readonly describes: string;
  readonly groups?: readonly string[];
}

export const modelPackages: readonly ModelPackage[] = [
  { name: 'kubernetes-models', describes: 'Kubernetes 1.33 OpenAPI (built-in kinds)' },
  { name: '@kubernetes-models/cert-manager', describes: 'cert-manager CRDs (Certificate, Issuer, …)', groups: ['cert-manager.io'] },
  { name: '@kubernetes-models/argo-cd', describes: 'Argo CD CRDs (Application, AppProject, ApplicationSet)', groups: ['argoproj.io'] },
  { name: '@kubernetes-models/prometheus-operator', describes: 'Prometheus Operator CRDs (ServiceMonitor, PodMonitor, PrometheusRule)', groups: ['monitoring.coreos.com'] },
];

function isModelClass(value: unknown): value is ModelClass {
  if (typeof value !== 'function') return false;
  const proto: unknown = Reflect.get(value, 'prototype');
  return (
    typeof Reflect.get(value, 'apiVersion') === 'string' &&
    typeof Reflect.get(value, 'kind') === 'string' &&
    typeof proto === 'object' &&
    proto !== null &&
    typeof Reflect.get(proto, 'validate') === 'function'
  );
}

const packageDirs = new Map<string, string | undefined>();
function packageDir(name: string): string | undefined {
  if (!packageDirs.has(name)) {
    let dir: string | undefined;
    try {
      // Through the exported package.json: some packages export no `require` condition for their subpaths.
      dir = path.dirname(require.resolve(`${name}/package.json`));
    } catch {
      dir = undefined;
    }
    packageDirs.set(name, dir);
  }
  return packageDirs.get(name);
}

/** The installed version of a model package, for reports. */
export function modelPackageVersion(name: string): string | undefined {
  const dir = packageDir(name);
  if (dir === undefined) return undefined;
  const pkg: unknown = require(path.join(dir, 'package.json'));
  const version: unknown = typeof pkg === 'object' && pkg !== null ? Reflect.get(pkg, 'version') : undefined;
  return typeof version === 'string' ? version : undefined;
}

const models = new Map<string, ModelClass | undefined>();

/** The model class for an apiVersion/kind, or undefined when no installed package has one. */
export function findModel(apiVersion: string, kind: string): ModelClass | undefined {
  const key = `${apiVersion}/${kind}`;
  if (models.has(key)) return models.get(key);
  let found: ModelClass | undefined;
  if (/^[A-Za-z0-9]+$/.test(kind) && /^([a-z0-9.-]+\/)?v[0-9a-z]+$/.test(apiVersion)) {
    const group = apiVersion.includes('/') ? (apiVersion.split('/')[0] ?? '') : '';
    for (const pkg of modelPackages) {
      if (pkg.groups !== undefined ? !pkg.groups.includes(group) : modelPackages.some((p) => p.groups?.includes(group))) continue;
      const dir = packageDir(pkg.name);
      if (dir === undefined) continue;
      let loaded: unknown;
      try {
        loaded = require(path.join(dir, apiVersion, `${kind}.js`));
      } catch {
        continue;
      }
      const exported: unknown = typeof loaded === 'object' && loaded !== null ? Reflect.get(loaded, kind) : undefined;
      // Sub-schemas (StatefulSetSpec, …) have model files too; only a top-level kind has apiVersion/kind.
      if (isModelClass(exported) && exported.kind === kind && exported.apiVersion === apiVersion) {
        found = exported;
        break;
      }
    }
  }
  models.set(key, found);
  return found;
}
