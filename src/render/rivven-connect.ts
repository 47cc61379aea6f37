/**
 * One RivvenConnect per connect pipeline (operator target only), with the fields of the real
 * RivvenConnect CRD. Sources and sinks are records in the model (they merge by name across layers)
 * and arrays in the CRD: they are rendered sorted by name, with the record key as `name`.
 */
import type { Finding } from '../errors/diagnostic.js';
import type { ResolvedConnectPipeline, ResolvedEnvironment } from '../model/types.js';
import { k8sObject, toContainerEnv, type K8sObject } from './k8s-object.js';
import { commonLabels, images, restrictedContainerSecurityContext, restrictedPodSecurityContext } from './names.js';
import { findPostgresCdcIssues, mergeConnectorConfig, renderPostgresCdcConfig } from './postgres-cdc-config.js';
import { rivvenApiVersion } from '../core/rivven.js';
import { compareText } from '../core/order.js';
import { connectTable } from '../fields/connect.js';
import { renderSpec } from '../fields/derive.js';

type Source = ResolvedConnectPipeline['sources'][string];
type Sink = ResolvedConnectPipeline['sinks'][string];

function byName<T>(record: Readonly<Record<string, T>>): [string, T][] {
  return Object.entries(record).sort(([a], [b]) => compareText(a, b));
}

/** The connector config: the typed postgresCdc helper first, then the free-form keys it does not set. */
function sourceConfig(source: Source): Record<string, unknown> | undefined {
  if (source.postgresCdc === undefined) return source.config === undefined ? undefined : { ...source.config };
  return mergeConnectorConfig(renderPostgresCdcConfig(source.postgresCdc), source.config ?? {});
}

function renderSource(name: string, source: Source): Record<string, unknown> {
  return {
    name,
    connector: source.connector,
    topic: source.topic,
    topicRouting: source.topicRouting,
    enabled: source.enabled,
    config: sourceConfig(source),
    configSecretRef: source.configSecretRef,
    topicConfig: source.topicConfig,
  };
}

function renderSink(name: string, sink: Sink): Record<string, unknown> {
  return {
    name,
    connector: sink.connector,
    topics: [...sink.topics],
    consumerGroup: sink.consumerGroup,
    enabled: sink.enabled,
    startOffset: sink.startOffset,
    config: sink.config,
    configSecretRef: sink.configSecretRef,
    rateLimit: sink.rateLimit,
  };
}

function renderPipeline(env: ResolvedEnvironment, name: string, p: ResolvedConnectPipeline): K8sObject {
  const { config } = env;
  const sources = byName(p.sources).map(([n, s]) => renderSource(n, s));
  const sinks = byName(p.sinks).map(([n, s]) => renderSink(n, s));
  return k8sObject(rivvenApiVersion, 'RivvenConnect', { name, namespace: config.namespace, labels: commonLabels(env, 'connect') }, {
    spec: renderSpec(connectTable, p, {
      // clusterRef.namespace is always written: the operator's bootstrap address falls back to the
      // literal namespace "default", not the object's own (connect_controller.rs:295-303).
      clusterRef: { name: p.cluster ?? config.cluster.name, namespace: config.namespace },
      // The CRD defaults `version` to "0.0.1"; render the pinned release next to the image so both agree.
      version: config.rivvenVersion,
      image: p.image ?? images(config).connect,
      config: { stateDir: p.stateDir, logLevel: p.logLevel },
      sources: sources.length > 0 ? sources : undefined,
      sinks: sinks.length > 0 ? sinks : undefined,
      env: p.env?.map(toContainerEnv),
      securityContext: restrictedPodSecurityContext(),
      // Not read-only: connectors keep offsets and snapshot progress under config.stateDir, which need
      // not be a mounted volume.
      containerSecurityContext: restrictedContainerSecurityContext({ readOnlyRootFilesystem: false }),
    }),
  });
}

/** RivvenConnect objects, sorted by pipeline name; none for the `manifests` target (they need the operator). */
export function renderConnect(env: ResolvedEnvironment): K8sObject[] {
  if (env.config.target !== 'operator') return [];
  return byName(env.config.connect).map(([name, pipeline]) => renderPipeline(env, name, pipeline));
}

/** Findings about the typed postgres-cdc helpers of every pipeline (see findPostgresCdcIssues). */
export function findConnectRenderIssues(env: ResolvedEnvironment): Finding[] {
  if (env.config.target !== 'operator') return [];
  const findings: Finding[] = [];
  for (const [pipeline, p] of byName(env.config.connect)) {
    for (const [source, s] of byName(p.sources)) {
      if (s.postgresCdc === undefined) continue;
      findings.push(...findPostgresCdcIssues(s.postgresCdc, s.config, ['connect', pipeline, 'sources', source, 'postgresCdc']));
    }
  }
  return findings;
}
