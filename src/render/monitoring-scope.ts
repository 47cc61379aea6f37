/**
 * How scraped Rivven series are labelled and selected, shared by the monitors, the alert rules and the
 * dashboard so that all three agree. Every target gets static labels naming its cluster and component;
 * together with the `namespace` label the Prometheus Operator adds, they scope every query to one
 * environment, so alerts and panels of two environments never mix.
 */
import type { ResolvedEnvironment } from '../model/types.js';
import { brokerPorts, commonLabels } from './names.js';

/** Target labels rivven-gitops adds by relabeling (Prometheus label names, hence underscores). */
export const scopeLabel = {
  cluster: 'rivven_cluster',
  component: 'rivven_component',
  pipeline: 'rivven_pipeline',
} as const;

export type ScrapedComponent = 'broker' | 'connect';

/** A Prometheus Operator RelabelConfig, written out so the rendered YAML reads like the docs. */
export interface RelabelConfig {
  action?: 'keep' | 'replace';
  sourceLabels?: string[];
  regex?: string;
  targetLabel?: string;
  replacement?: string;
}

/** Label matchers (without braces) that pick this environment's series of one component. */
export function promMatchers(env: ResolvedEnvironment, component: ScrapedComponent): string {
  return `namespace="${env.config.namespace}",${scopeLabel.cluster}="${env.config.cluster.name}",${scopeLabel.component}="${component}"`;
}

/** `metric{matchers}` scoped to this environment. */
export function scopedMetric(env: ResolvedEnvironment, metric: string, component: ScrapedComponent): string {
  return `${metric}{${promMatchers(env, component)}}`;
}

/** Relabelings that stamp the environment's scope labels on a target (static values: no source label). */
export function scopeRelabelings(env: ResolvedEnvironment, component: ScrapedComponent): RelabelConfig[] {
  return [
    { action: 'replace', targetLabel: scopeLabel.cluster, replacement: env.config.cluster.name },
    { action: 'replace', targetLabel: scopeLabel.component, replacement: component },
  ];
}

/**
 * rivvend serves `/metrics` on its HTTP API port 9094, but the operator's broker pods declare only
 * 9092 (`broker`) and its metrics port 9090 (on which rivvend serves nothing), and its client Service
 * has no 9094 port. So we keep the one target per pod that both targets declare, the client port, and
 * point its address at 9094. The address keeps its host part as discovered, so IPv6 pods work too.
 */
export function brokerAddressRelabelings(): RelabelConfig[] {
  return [
    { action: 'keep', sourceLabels: ['__address__'], regex: `.+:${brokerPorts.client}` },
    {
      action: 'replace',
      sourceLabels: ['__address__'],
      regex: `(.+):${brokerPorts.client}`,
      targetLabel: '__address__',
      replacement: `$1:${brokerPorts.http}`,
    },
  ];
}

/** Common labels plus the labels the user's Prometheus selects monitoring objects by. */
export function monitoringObjectLabels(env: ResolvedEnvironment): Record<string, string> {
  return { ...(env.config.monitoring?.labels ?? {}), ...commonLabels(env, 'monitoring') };
}

/** Connect pipeline names of the environment, sorted (RivvenConnect names, the connect pods' `instance`). */
export function connectPipelineNames(env: ResolvedEnvironment): string[] {
  // Pipelines run only as operator-created workers; under `manifests` nothing runs them (RG328).
  if (env.config.target !== 'operator') return [];
  return Object.keys(env.config.connect).sort();
}
