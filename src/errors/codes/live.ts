import type { CodeInfo } from '../code-info.js';

/**
 * RG75x–RG79x (RG750–RG799): reading live objects from a cluster (read-only: discovery, list, get).
 * Messages never contain tokens, passwords or keys: every text that reaches a finding is redacted first.
 */
export const liveCodes = {
  RG750: { title: 'No cluster credentials found', hint: 'Pass --kubeconfig PATH, set KUBECONFIG, create ~/.kube/config, or run inside a pod with a service account.' },
  RG751: { title: 'Kubeconfig cannot be read', hint: 'Check the file path and its YAML; `kubectl config view --kubeconfig PATH` shows how kubectl reads it.' },
  RG752: { title: 'Kubeconfig context not found', hint: 'Pass --context with one of the contexts listed, or set one with `kubectl config use-context NAME`.' },
  RG753: { title: 'Cluster unreachable', hint: 'Check the server address in the kubeconfig, your network or VPN, and that the cluster is running (`kubectl cluster-info`).' },
  RG754: { title: 'TLS verification failed', hint: "The API server's certificate is not trusted by the kubeconfig's certificate-authority(-data), or does not name the server: fetch a current kubeconfig for this cluster." },
  RG755: { title: 'Unauthorized (401)', hint: 'The cluster rejected the credentials (expired or revoked token or certificate): log in again or refresh the kubeconfig, then retry.' },
  RG756: { title: 'Credential plugin failed', hint: 'The exec credential plugin named in the kubeconfig did not return a credential: run it yourself to see why, or log in again.' },
  RG757: { title: 'Credential plugin timed out', hint: 'rivven-gitops runs credential plugins without a terminal and with stdin closed: log in interactively first (e.g. with kubectl), so the plugin can answer from its cache.' },
  RG758: { title: 'Kind forbidden (403)', hint: 'Grant get and list on this resource to the identity in the kubeconfig (a read-only Role is enough); until then its objects are unknown, not "to be created".' },
  RG759: { title: 'Kind not installed in the cluster', hint: 'The cluster does not serve this kind: install its CRD (for Rivven kinds, the Rivven operator CRDs) before syncing, or check the API version.' },
  RG760: { title: 'API server error', hint: 'The API server kept failing (5xx) after retries: check its health (`kubectl get --raw /readyz`) and retry later.' },
  RG761: { title: 'Request to the API server timed out', hint: 'The API server did not answer in time after retries: retry later, or raise the timeout if the cluster is slow or far away.' },
  RG762: { title: 'Secrets are never read', hint: 'rivven-gitops does not read Secrets (they hold credentials), so their live state is not compared.' },
  RG763: { title: 'Unexpected answer from the API server', hint: 'The server answered with something that is not a Kubernetes API response: check that the kubeconfig points at an API server and not at a proxy or login page.' },
  RG764: { title: 'Kind has another scope in the cluster', hint: 'The cluster serves this kind with a different scope (namespaced vs cluster-scoped) than the environment assumes: check the API version.' },
  // RG775–RG798: `doctor` (preflight): prerequisites the environment needs that the live cluster lacks.
  RG775: { title: 'Required API not served (CRD missing)', hint: 'Install the CustomResourceDefinition (and its operator) before Argo CD syncs this environment; the runbook lists every prerequisite.' },
  RG776: { title: 'CRD served without the needed version', hint: 'The installed CRD is of another release: upgrade it (or the operator that ships it) so it serves the version the rendered objects use.' },
  RG777: { title: 'Operator not found', hint: 'No Deployment with the labels its usual installs carry was found in any namespace: install the operator, or ignore this if it runs under other labels.' },
  RG778: { title: 'Secret missing', hint: 'Create the Secret (or the ExternalSecret, SealedSecret or Certificate that delivers it) before syncing: the pods that read it cannot start without it.' },
  RG779: { title: 'SecretStore missing', hint: 'The ExternalSecrets of this environment read from a (Cluster)SecretStore that does not exist: create it before syncing.' },
  RG780: { title: 'StorageClass missing', hint: 'The volume claims name a StorageClass the cluster does not have: create it, or change storageClassName in the config.' },
  RG781: { title: 'cert-manager issuer missing', hint: 'The Certificates name an Issuer or ClusterIssuer that does not exist: create it, or change the issuer in the config.' },
  RG782: { title: 'Prerequisite could not be checked', hint: 'The credentials may not read it or the API server failed: grant get/list on it (Secrets: list, metadata only) and run doctor again.' },
  RG783: { title: 'No default StorageClass', hint: 'Volume claims that name no StorageClass get the default one: mark a StorageClass default (`kubectl annotate storageclass NAME storageclass.kubernetes.io/is-default-class=true`), or set cluster.storage.storageClassName.' },
  RG784: { title: 'More than one default StorageClass', hint: 'Kubernetes gives a claim without a class the newest default StorageClass: remove the annotation storageclass.kubernetes.io/is-default-class from all but one, or set cluster.storage.storageClassName.' },
  RG765: { title: 'Context reaches another cluster than the environment declares', hint: 'Fix the context or the declared server so they name the same API server; rivven-gitops never diffs an environment against another cluster.' },
  RG766: { title: 'No kubeconfig context for the declared cluster', hint: 'Set kubeContext on the cluster in rivven.config.ts, or pass --context with --env naming one environment.' },
  RG767: { title: 'Context used for the live diff', hint: 'Declare the cluster (clusters and kubeCluster in the config) so the diff reads its own context and checks its server.' },
} satisfies Record<string, CodeInfo>;
