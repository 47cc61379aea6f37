/**
 * Ingresses for the HTTP endpoints only: the schema registry API (its Service
 * `rivven-schema-registry-<name>` on `server.port`) and the brokers' HTTP API (9094). The broker client
 * protocol is custom TCP and never goes through an Ingress (`ingress.broker` is refused with RG405 and
 * ignored here; use `cluster.external`).
 *
 * The broker HTTP API gets a Service of its own, `rivven-<cluster>-api`: the operator's client Service
 * has no 9094 port. Its Ingress routes only `/health` and `/metrics` (with `/metrics/json`), not the
 * whole port, so nothing else rivvend may serve there later becomes public by accident.
 */
import type { Finding } from '../errors/diagnostic.js';
import { finding } from '../errors/catalog.js';
import type { ResolvedEnvironment } from '../model/types.js';
import { k8sObject, type K8sObject } from './k8s-object.js';
import { brokerPodLabels, brokerPorts, brokerSelector, clusterObjectName, commonLabels } from './names.js';

interface Route {
  readonly host: string;
  readonly tlsSecretName?: string | undefined;
}

interface PathRule {
  readonly path: string;
  readonly pathType: 'Prefix' | 'Exact';
}

export function ingressNames(env: ResolvedEnvironment) {
  const base = clusterObjectName(env.config);
  return { schemaRegistry: `${base}-schema-registry`, brokerApi: `${base}-api`, brokerApiService: `${base}-api` };
}

export function schemaRegistryServiceName(registryName: string): string {
  return `rivven-schema-registry-${registryName}`;
}

export function renderIngresses(env: ResolvedEnvironment): K8sObject[] {
  const ingress = env.config.ingress;
  if (!ingress?.enabled) return [];
  const names = ingressNames(env);
  const objects: K8sObject[] = [];
  const registry = env.config.schemaRegistry;
  if (ingress.schemaRegistry && registry?.enabled) {
    objects.push(
      renderIngress(env, names.schemaRegistry, 'schema-registry', ingress.schemaRegistry, schemaRegistryServiceName(registry.name), registry.server.port, [
        { path: '/', pathType: 'Prefix' },
      ]),
    );
  }
  if (ingress.brokerApi) {
    objects.push(
      renderBrokerApiService(env),
      renderIngress(env, names.brokerApi, 'broker', ingress.brokerApi, names.brokerApiService, brokerPorts.http, [
        { path: '/health', pathType: 'Exact' },
        { path: '/metrics', pathType: 'Prefix' },
      ]),
    );
  }
  return objects;
}

/**
 * The Service behind the broker API Ingress. Under `manifests` it selects with the broker selector
 * (which includes `component=broker`); the operator puts only `name` and `instance` on its broker pods,
 * so under `operator` those two are all there is to select by (a Service selector cannot require the
 * StatefulSet pod label). No other pod carries `app.kubernetes.io/name=rivven` with this instance: the
 * operator's pods are `rivven-operator`, connect's `rivven-connect`, backup Jobs' `rivven-backup`.
 */
export function renderBrokerApiService(env: ResolvedEnvironment): K8sObject {
  const selector = env.config.target === 'manifests' ? brokerSelector(env.config) : brokerPodLabels(env.config);
  return k8sObject(
    'v1',
    'Service',
    { name: ingressNames(env).brokerApiService, namespace: env.config.namespace, labels: commonLabels(env, 'broker') },
    {
      spec: {
        type: 'ClusterIP',
        selector,
        ports: [{ name: 'http', port: brokerPorts.http, targetPort: brokerPorts.http, protocol: 'TCP' }],
      },
    },
  );
}

function renderIngress(
  env: ResolvedEnvironment,
  name: string,
  component: string,
  route: Route,
  serviceName: string,
  servicePort: number,
  paths: readonly PathRule[],
): K8sObject {
  const ingress = env.config.ingress;
  const annotations = {
    ...(ingress?.annotations ?? {}),
    ...(ingress?.clusterIssuer ? { 'cert-manager.io/cluster-issuer': ingress.clusterIssuer } : {}),
  };
  // With a ClusterIssuer, cert-manager needs a Secret name to write the certificate to.
  const tlsSecret = route.tlsSecretName ?? (ingress?.clusterIssuer ? `${name}-tls` : undefined);
  return k8sObject(
    'networking.k8s.io/v1',
    'Ingress',
    {
      name,
      namespace: env.config.namespace,
      labels: commonLabels(env, component),
      annotations: Object.keys(annotations).length > 0 ? annotations : undefined,
    },
    {
      spec: {
        ingressClassName: ingress?.className,
        tls: tlsSecret ? [{ hosts: [route.host], secretName: tlsSecret }] : undefined,
        rules: [
          {
            host: route.host,
            http: {
              paths: paths.map((p) => ({
                path: p.path,
                pathType: p.pathType,
                backend: { service: { name: serviceName, port: { number: servicePort } } },
              })),
            },
          },
        ],
      },
    },
  );
}

/** Routes that render nothing (RG532). */
export function findIngressIssues(env: ResolvedEnvironment): Finding[] {
  const ingress = env.config.ingress;
  if (!ingress?.enabled) return [];
  const findings: Finding[] = [];
  if (ingress.schemaRegistry && !env.config.schemaRegistry?.enabled) {
    findings.push(
      finding('RG532', {
        severity: 'warning',
        path: 'ingress.schemaRegistry',
        message: `ingress.schemaRegistry routes ${ingress.schemaRegistry.host} to the schema registry, but this environment has none enabled: no Ingress is rendered for it.`,
      }),
    );
  }
  if (!ingress.schemaRegistry && !ingress.brokerApi) {
    findings.push(
      finding('RG532', {
        severity: 'warning',
        path: 'ingress',
        message: 'ingress is enabled but routes nothing: only schemaRegistry and brokerApi can go through an Ingress (the broker client protocol cannot).',
      }),
    );
  }
  // The unauthenticated broker API is the policy rule RG531 (check/rules/broker-api-exposed.ts): it
  // can be suppressed, and it reads the Ingress's auth and allow-list annotations.
  return findings;
}
