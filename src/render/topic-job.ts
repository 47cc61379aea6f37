/**
 * Target `manifests`: the declared topics created by the `rivven` CLI in an Argo CD PostSync Job, the
 * strongest thing Rivven 0.0.22 allows (fact table: topicCreation). Only when the user names an image
 * carrying the CLI (`topicJob.image`; no published image does) and broker auth is off (the CLI cannot
 * authenticate). Idempotent: a topic that exists (`rivven topic info` succeeds) is left alone, so a
 * re-sync never fails and never changes a topic; the hook is recreated on every sync.
 */
import type { Finding } from '../errors/diagnostic.js';
import { finding } from '../errors/catalog.js';
import { formatCitations } from '../facts/citation.js';
import { rivvenCli, rivvendListeners } from '../facts/rivvend.js';
import type { ResolvedEnvironment } from '../model/types.js';
import { k8sObject, type K8sObject } from './k8s-object.js';
import { brokerNames, clusterObjectName, commonLabels, restrictedContainerSecurityContext, restrictedPodSecurityContext } from './names.js';

export function topicJobName(env: ResolvedEnvironment): string {
  return `${clusterObjectName(env.config)}-topics`;
}

/** POSIX sh single-quoting: topic names are validated, but quoting keeps the script safe regardless. */
function quote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function renderScript(env: ResolvedEnvironment): string {
  const { config } = env;
  const server = `${brokerNames(config).clientService}.${config.namespace}.svc:${rivvendListeners.client.port}`;
  const lines = ['set -eu', `server=${quote(server)}`];
  for (const name of Object.keys(config.topics).sort()) {
    const topic = config.topics[name];
    if (topic === undefined) continue;
    lines.push(`rivven topic info ${quote(name)} -s "$server" >/dev/null 2>&1 || rivven topic create ${quote(name)} -p ${topic.partitions} -s "$server"`);
  }
  return `${lines.join('\n')}\n`;
}

function jobRenderable(env: ResolvedEnvironment): boolean {
  const { config } = env;
  return config.target === 'manifests' && config.topicJob !== undefined && !config.cluster.auth.enabled && Object.keys(config.topics).length > 0;
}

export function renderTopicJob(env: ResolvedEnvironment): K8sObject[] {
  if (!jobRenderable(env)) return [];
  const { config } = env;
  const image = config.topicJob?.image ?? '';
  const labels = commonLabels(env, 'topic');
  return [
    k8sObject(
      'batch/v1',
      'Job',
      {
        name: topicJobName(env),
        namespace: config.namespace,
        labels,
        annotations: {
          // After every sync, once the brokers are healthy; the previous run is removed first.
          'argocd.argoproj.io/hook': 'PostSync',
          'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation',
        },
      },
      {
        spec: {
          backoffLimit: 6,
          template: {
            metadata: { labels },
            spec: {
              restartPolicy: 'OnFailure',
              automountServiceAccountToken: false,
              securityContext: restrictedPodSecurityContext(),
              containers: [
                {
                  name: 'topics',
                  image,
                  command: ['/bin/sh', '-c', renderScript(env)],
                  securityContext: restrictedContainerSecurityContext({ readOnlyRootFilesystem: true }),
                  resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '64Mi' } },
                },
              ],
            },
          },
        },
      },
    ),
  ];
}

/** RG428: a topic Job was asked for, but the CLI cannot authenticate to a broker with auth on. */
export function findTopicJobIssues(env: ResolvedEnvironment): Finding[] {
  const { config } = env;
  if (config.topicJob === undefined) return [];
  if (config.target !== 'manifests') {
    return [finding('RG428', { severity: 'warning', path: 'topicJob', message: 'topicJob applies to target "manifests" only; under the operator, RivvenTopic objects are rendered instead. No Job is rendered.' })];
  }
  if (config.cluster.auth.enabled) {
    return [
      finding('RG428', {
        path: 'topicJob',
        message: `The rivven CLI connects without credentials (${formatCitations(rivvenCli.cite)}), and broker auth is on: every \`rivven topic create\` would be refused. No Job is rendered.`,
      }),
    ];
  }
  return [];
}
