/**
 * What a base config needs to pass `validate` that no imported object says: the Secret with the SCRAM
 * users (rivvend requires authentication by default, and the RivvenCluster CRD has no auth fields),
 * for several brokers on the `manifests` target the Secret with the cluster join token, and the Git URL
 * Argo CD syncs (until it is set, the Argo CD objects are switched off). The importer
 * names a Secret the user must create and says so in a note: it never invents a credential.
 */
import { configSchema } from '../model/config.js';
import type { PathSegment } from '../core/path.js';
import { valueAtPath, type ImportBuilder } from './import-context.js';
import type { ImportPlan } from './plan.js';

function setPlaceholder(builder: ImportBuilder, target: readonly PathSegment[], value: unknown, reason: string): void {
  // The note points at the document that set the block (its top), since the value is not in the input.
  const origin = builder.originOf(target.slice(0, 1));
  builder.set(target, value, undefined);
  builder.noteValue(origin && { doc: origin.doc, from: [] }, reason, target, false);
}

/** Adds Secret references the imported fleet needs to validate (base configs only). */
export function completeConfig(builder: ImportBuilder, plan: ImportPlan): void {
  if (plan.kind !== 'config') return;
  const parsed = configSchema.safeParse(builder.config);
  if (!parsed.success) return;
  const { cluster, target, autoscaling, argocd, networkPolicy } = parsed.data;
  if (argocd.enabled && argocd.repoURL === undefined) {
    setPlaceholder(
      builder,
      ['argocd'],
      { enabled: false },
      'Argo CD Applications need the Git URL of this fleet repository: set argocd.repoURL (and remove enabled: false) to render them.',
    );
  }
  const secretBase = `rivven-${cluster.name}`;
  // No SCRAM-users or token placeholder: rivvend 0.0.22 reads users and client tokens from nowhere
  // (RG427, RG429), so such a Secret would be referenced and never read.
  if (target === 'manifests' && !cluster.auth.enabled && networkPolicy === undefined) {
    setPlaceholder(
      builder,
      ['networkPolicy'],
      { allowedNamespaces: [] },
      'Client auth is off (RIVVEN_NO_REQUIRE_AUTH), so NetworkPolicies must guard the client port (RG430): only this namespace may connect until you list the client namespaces in networkPolicy.allowedNamespaces.',
    );
  }
  const scalesOut = autoscaling?.enabled === true && autoscaling.maxReplicas > 1;
  if (target === 'manifests' && cluster.clusterAuthToken === undefined && (cluster.replicas > 1 || scalesOut) && valueAtPath(builder.config, ['cluster', 'clusterAuthToken']) === undefined) {
    setPlaceholder(
      builder,
      ['cluster', 'clusterAuthToken'],
      { secretName: `${secretBase}-cluster-token`, key: 'token' },
      `several brokers run rivvend in cluster mode, which refuses to start without RIVVEN_CLUSTER_AUTH_TOKEN: create Secret ${secretBase}-cluster-token (key "token", a long random value) or name yours here.`,
    );
  }
}
