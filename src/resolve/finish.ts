/**
 * The last, pure step of resolving: values that depend on other values (the namespace from the project
 * and environment name, each topic from topicDefaults and the CRD defaults). Kept apart from the merge so
 * tests and renderers can build a ResolvedConfig from a plain parsed config.
 */
import type { z } from 'zod';
import type { configSchema } from '../model/config.js';
import { topicSettingDefaults } from '../model/topic.js';
import type { ResolvedConfig, ResolvedTopic } from '../model/types.js';

type ParsedConfig = z.output<typeof configSchema>;

/** The entries of `layer` that hold a value: a layer's `undefined` never hides a lower layer's value. */
function setValues<T extends object>(layer: T): Partial<T> {
  const out: Partial<T> = {};
  // Object.keys of a T lists keys of T (the parsed layers are plain objects with no extra keys).
  for (const key of Object.keys(layer) as (keyof T)[]) if (layer[key] !== undefined) out[key] = layer[key];
  return out;
}

export function finishConfig(parsed: ParsedConfig, environmentName: string): ResolvedConfig {
  const topicDefaults = parsed.topicDefaults ?? {};
  const topics: Record<string, ResolvedTopic> = {};
  for (const name of Object.keys(parsed.topics).sort()) {
    const own = parsed.topics[name];
    if (own === undefined) continue;
    // Each setting from the topic, else topicDefaults, else the CRD's default.
    topics[name] = {
      ...topicSettingDefaults,
      ...setValues(topicDefaults),
      ...setValues(own),
      acls: own.acls ?? [],
      ...(topicDefaults.custom || own.custom ? { custom: { ...topicDefaults.custom, ...own.custom } } : {}),
      ...(own.labels ? { labels: own.labels } : {}),
      ...(own.objectLabels ? { objectLabels: own.objectLabels } : {}),
    };
  }
  // Production does not prune by default: deleting a file must not delete a topic or a PVC-backed
  // workload before a human has looked at the sync (README, "Fleets across clusters and regions").
  const prune = parsed.argocd.syncPolicy.prune ?? parsed.profile !== 'production';
  return {
    ...parsed,
    namespace: parsed.namespace ?? `${parsed.project}-${environmentName}`,
    topics,
    argocd: { ...parsed.argocd, syncPolicy: { ...parsed.argocd.syncPolicy, prune } },
  };
}
