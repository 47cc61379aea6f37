/**
 * One RivvenTopic per topic (operator target only: without the operator nothing reconciles a
 * RivvenTopic, so the `manifests` target renders none and says so elsewhere).
 */
import type { ResolvedEnvironment, ResolvedTopic } from '../model/types.js';
import { renderRows, valueAt } from '../fields/derive.js';
import { topicObjectLabels, topicTable } from '../fields/topic.js';
import { k8sObject, type K8sObject } from './k8s-object.js';
import { commonLabels } from './names.js';
import { rivvenApiVersion } from '../core/rivven.js';

function renderTopic(env: ResolvedEnvironment, name: string, t: ResolvedTopic): K8sObject {
  const { config } = env;
  return k8sObject(
    rivvenApiVersion,
    'RivvenTopic',
    // The user's objectLabels first: the app.kubernetes.io/* labels rivven-gitops selects by stay its own.
    { name, namespace: config.namespace, labels: { ...objectLabels(t), ...commonLabels(env, 'topic') } },
    {
      spec: {
        // clusterRef.namespace stays unset: it defaults to the topic's own namespace, which kustomize sets
        // per overlay; a namespace written here would not follow an overlay's `namespace:`.
        clusterRef: { name: config.cluster.name },
        // Every resolved value is written, also where it equals the CRD default: reviewers see the real
        // settings, and a changed CRD default cannot silently change a topic.
        ...renderRows(topicTable, t),
      },
    },
  );
}

/** The user's Kubernetes labels of the object (the table's metadata.labels row). */
function objectLabels(t: ResolvedTopic): Record<string, string> {
  const labels = valueAt(t, topicObjectLabels.config);
  if (labels === undefined || labels === null || typeof labels !== 'object') return {};
  return Object.fromEntries(Object.entries(labels).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** RivvenTopic objects sorted by topic name; none for the `manifests` target. */
export function renderTopics(env: ResolvedEnvironment): K8sObject[] {
  if (env.config.target !== 'operator') return [];
  return Object.keys(env.config.topics)
    .sort()
    .flatMap((name) => {
      const topic = env.config.topics[name];
      return topic === undefined ? [] : [renderTopic(env, name, topic)];
    });
}
