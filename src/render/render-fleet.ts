/**
 * The render stage's entry: every environment's objects from the per-concern renderers, Argo CD
 * annotations applied, plus the fleet-wide Argo CD objects. Pure. The order of the renderer list is
 * irrelevant to the output (kustomize and emit sort); it is kept in sync-wave order for readers.
 */
import type { FleetRender, EnvironmentRender } from './fleet-render.js';
import type { ResolvedEnvironment, ResolvedFleet } from '../model/types.js';
import { annotateForArgoCd } from './argocd-annotations.js';
import { renderArgoCdObjects } from './argocd-fleet.js';
import { renderBackup } from './backup.js';
import { renderBrokerHpa } from './broker-hpa.js';
import { renderBrokerPdb } from './broker-pdb.js';
import { renderBrokerServices } from './broker-services.js';
import { renderBrokerStatefulSet } from './broker-statefulset.js';
import { renderIngresses } from './ingress.js';
import type { K8sObject } from './k8s-object.js';
import { renderMonitoring } from './monitoring.js';
import { renderNamespace } from './namespace.js';
import { renderNetworkPolicies } from './network-policy.js';
import { crdUrls } from './operator-crds.js';
import { renderOperatorInstall } from './operator-install.js';
import { renderRivvenCluster } from './rivven-cluster.js';
import { renderConnect } from './rivven-connect.js';
import { renderSchemaRegistry } from './rivven-schema-registry.js';
import { renderTopics } from './rivven-topic.js';
import { renderTopicJob } from './topic-job.js';
import { renderRunbook } from './runbook.js';
import { listPrerequisites } from './prerequisites.js';
import { renderBrokerCertificate } from './tls.js';
import { renderExternalSecrets } from './external-secrets.js';
import { renderSealedSecrets } from './sealed-secrets.js';
import { compareText } from '../core/order.js';
import { idOf } from '../core/object-ref.js';

export type { FleetRender, EnvironmentRender } from './fleet-render.js';

type Renderer = (env: ResolvedEnvironment) => K8sObject[];

/** Every renderer of an environment. Each returns [] when its target or switch does not apply. */
const renderers: readonly Renderer[] = [
  renderNamespace,
  renderOperatorInstall,
  renderBrokerCertificate,
  renderRivvenCluster,
  renderBrokerStatefulSet,
  renderBrokerServices,
  renderBrokerPdb,
  renderBrokerHpa,
  renderTopics,
  renderTopicJob,
  renderSchemaRegistry,
  renderConnect,
  renderNetworkPolicies,
  renderIngresses,
  renderMonitoring,
  renderBackup,
];

/** Every object of an environment before the Argo CD annotations: the workloads, then the deliveries of the Secrets they read (ExternalSecrets, then the SealedSecret files). */
export function renderEnvironmentObjects(env: ResolvedEnvironment): K8sObject[] {
  const workloads = renderers.flatMap((render) => render(env));
  return [...workloads, ...renderExternalSecrets(env, workloads), ...renderSealedSecrets(env)];
}

export function renderEnvironment(env: ResolvedEnvironment): EnvironmentRender {
  const objects = renderEnvironmentObjects(env);
  return {
    name: env.name,
    namespace: env.config.namespace,
    objects: annotateForArgoCd(objects, env).sort((a, b) => compareText(idOf(a), idOf(b))),
    runbook: renderRunbook(env, objects, listPrerequisites(objects)),
  };
}

export function renderFleet(fleet: ResolvedFleet, options: { outDir: string }): FleetRender {
  const environments = fleet.environments.map(renderEnvironment);
  const foreignNamespaces = new Map(
    environments.map((e) => [
      e.name,
      [...new Set(e.objects.map((o) => o.metadata.namespace).filter((ns): ns is string => ns !== undefined && ns !== e.namespace))].sort(),
    ]),
  );
  const urls = [...new Set(fleet.environments.flatMap((env) => (env.config.target === 'operator' && env.config.operator.install ? crdUrls(env) : [])))].sort();
  const argo = renderArgoCdObjects(fleet, { outDir: options.outDir, foreignNamespaces });
  return {
    environments,
    argocd: argo.argocd,
    ...(argo.root.length > 0 ? { argocdRoot: argo.root } : {}),
    ...(urls.length > 0 ? { crdUrls: urls } : {}),
  };
}
