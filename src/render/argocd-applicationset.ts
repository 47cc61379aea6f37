/**
 * `argocd.mode: 'applicationset'`: one ApplicationSet per Argo CD project instead of one Application
 * per environment. The generated Applications are the ones `applications` mode writes (same names,
 * paths, destinations and sync policies), so switching modes moves nothing in a cluster.
 *
 * Generators: `list` (one element per environment, carrying its cluster's server or name) or
 * `clusters` (Argo CD's cluster generator, one per environment, selecting its cluster by labels, with
 * the environment in `values`). A parameter is a string either way (the cluster generator's `values`
 * hold only strings), so what differs per environment and is not a string (the sync policy, the
 * HPA's ignoreDifferences) travels as JSON and is spliced into `templatePatch`, where JSON is YAML.
 */
import type { ResolvedEnvironment } from '../model/types.js';
import { k8sObject, type K8sObject } from './k8s-object.js';
import { brokerNames } from './names.js';
import { compareText } from '../core/order.js';
import {
  applicationName,
  appProjectName,
  argoApiVersion,
  destinationOf,
  hpaOwnsReplicas,
  renderSyncPolicy,
  resourcesFinalizer,
  rootPath,
  type ArgoCdOptions,
} from './argocd.js';

/** Labels on every generated Application: RollingSync steps and people select by them. */
export const regionLabel = 'region';
export const profileLabel = 'profile';

type Params = Record<string, string>;

function paramsOf(env: ResolvedEnvironment, options: ArgoCdOptions, progressive: boolean): Params {
  const argocd = env.config.argocd;
  const hpa = hpaOwnsReplicas(env);
  const policy = renderSyncPolicy(env, hpa ? ['RespectIgnoreDifferences=true'] : []);
  // RollingSync decides when a generated Application syncs; Argo CD requires automated sync off there.
  const syncPolicy = progressive ? { ...policy, automated: undefined } : policy;
  const ignoreDifferences = hpa
    ? [{ group: 'apps', kind: 'StatefulSet', name: brokerNames(env.config).statefulSet, namespace: env.config.namespace, jsonPointers: ['/spec/replicas'] }]
    : [];
  const dest = destinationOf(env);
  return {
    app: applicationName(env),
    env: env.name,
    cluster: env.kubeCluster.id,
    // Both keys in every element: with missingkey=error the template may ask for either.
    server: dest.server ?? '',
    name: dest.name ?? '',
    namespace: env.config.namespace,
    repoURL: argocd.repoURL ?? '',
    targetRevision: argocd.targetRevision,
    path: `${rootPath(env, options)}/overlays/${env.name}`,
    region: env.kubeCluster.region ?? '',
    profile: env.config.profile,
    syncPolicy: JSON.stringify(syncPolicy),
    ignoreDifferences: JSON.stringify(ignoreDifferences),
  };
}

/** How the destination's cluster is named in the template: by one field when all agree, else per element. */
function destinationField(envs: readonly ResolvedEnvironment[], generator: 'list' | 'clusters'): 'server' | 'name' | 'either' {
  if (generator === 'clusters') return 'server';
  const kinds = new Set(envs.map((e) => (destinationOf(e).name === undefined ? 'server' : 'name')));
  return kinds.size === 1 ? (kinds.has('name') ? 'name' : 'server') : 'either';
}

function rollingSyncStrategy(regions: readonly string[]): Record<string, unknown> {
  return {
    type: 'RollingSync',
    rollingSync: {
      steps: [
        ...regions.map((region) => ({ matchExpressions: [{ key: regionLabel, operator: 'In', values: [region] }] })),
        // Every other environment (another region or none) last: a step selecting nothing would leave it unsynced.
        { matchExpressions: [{ key: regionLabel, operator: 'NotIn', values: [...regions] }] },
      ],
    },
  };
}

/** One ApplicationSet for environments that share an Argo CD namespace and project (sorted by name). */
export function renderApplicationSet(envs: readonly ResolvedEnvironment[], options: ArgoCdOptions): K8sObject | undefined {
  const first = envs[0];
  if (first === undefined) return undefined;
  const settings = first.config.argocd.applicationSet;
  const generator = settings.generator;
  const regions = settings.rollingSync?.regions;
  const p = generator === 'list' ? '.' : '.values.';
  const sorted = [...envs].sort((a, b) => compareText(a.name, b.name));
  const params = sorted.map((env) => paramsOf(env, options, regions !== undefined));
  const generators =
    generator === 'list'
      ? [{ list: { elements: params } }]
      : sorted.map((env, i) => ({ clusters: { selector: { matchLabels: { ...env.kubeCluster.labels } }, values: params[i] } }));
  const field = destinationField(sorted, generator);
  // Templated labels go in the patch: a label value such as `{{ .region }}` is no valid label value
  // until Argo CD renders it, and the template is checked against the schema as written.
  const patchLines = [
    'metadata:',
    '  labels:',
    `    rivven-gitops/environment: '{{ ${p}env }}'`,
    `    rivven-gitops/cluster: '{{ ${p}cluster }}'`,
    `    ${regionLabel}: '{{ ${p}region }}'`,
    `    ${profileLabel}: '{{ ${p}profile }}'`,
    'spec:',
    ...(field === 'either' ? ['  destination:', `    {{- if ${p}server }}`, `    server: '{{ ${p}server }}'`, '    {{- else }}', `    name: '{{ ${p}name }}'`, '    {{- end }}'] : []),
    `  syncPolicy: {{ ${p}syncPolicy }}`,
    `  {{- if ne ${p}ignoreDifferences "[]" }}`,
    `  ignoreDifferences: {{ ${p}ignoreDifferences }}`,
    '  {{- end }}',
  ];
  return k8sObject(
    argoApiVersion,
    'ApplicationSet',
    {
      name: first.config.project,
      namespace: first.config.argocd.namespace,
      labels: { ...(first.config.labels ?? {}), 'app.kubernetes.io/part-of': first.config.project, 'app.kubernetes.io/managed-by': 'rivven-gitops' },
    },
    {
      spec: {
        goTemplate: true,
        // A parameter missing from an element is an error, never an empty string in a destination.
        goTemplateOptions: ['missingkey=error'],
        generators,
        strategy: regions === undefined ? undefined : rollingSyncStrategy(regions),
        template: {
          metadata: {
            name: `{{ ${p}app }}`,
            labels: {
              'app.kubernetes.io/name': 'rivven',
              'app.kubernetes.io/component': 'argocd',
              'app.kubernetes.io/part-of': first.config.project,
              'app.kubernetes.io/managed-by': 'rivven-gitops',
            },
            finalizers: [resourcesFinalizer],
          },
          spec: {
            project: appProjectName(first),
            source: { repoURL: `{{ ${p}repoURL }}`, targetRevision: `{{ ${p}targetRevision }}`, path: `{{ ${p}path }}` },
            destination: {
              ...(field === 'server' ? { server: generator === 'clusters' ? '{{ .server }}' : `{{ ${p}server }}` } : {}),
              ...(field === 'name' ? { name: `{{ ${p}name }}` } : {}),
              namespace: `{{ ${p}namespace }}`,
            },
          },
        },
        templatePatch: `${patchLines.join('\n')}\n`,
      },
    },
  );
}
