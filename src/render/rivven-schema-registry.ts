/**
 * The RivvenSchemaRegistry (operator target only, when `schemaRegistry` is present and enabled), with
 * the real CRD field names: `server.timeoutSeconds`, `compatibility.subjects`, `schemas`, `external`,
 * and `auth` without a cedar block. The guide's words for these (`requestTimeoutMs`, `perSubject`,
 * `formats`, `externalRegistry`, `auth.cedar`) are mapped onto those by `normalizeSchemaRegistry`
 * first, so this module only ever sees the CRD's words (the validate stage reports each guide word).
 */
import type { Finding } from '../errors/diagnostic.js';
import { finding } from '../errors/catalog.js';
import type { ResolvedEnvironment } from '../model/types.js';
import { normalizeSchemaRegistry, type NormalizedSchemaRegistry } from '../resolve/schema-registry-aliases.js';
import { k8sObject, toContainerEnv, type K8sObject } from './k8s-object.js';
import { commonLabels, imageRegistry, images, restrictedContainerSecurityContext, restrictedPodSecurityContext } from './names.js';
import { rivvenApiVersion } from '../core/rivven.js';
import { renderSpec } from '../fields/derive.js';
import { schemaRegistryTable } from '../fields/schema-registry.js';

type ProbeTiming = NonNullable<NonNullable<NormalizedSchemaRegistry['probes']>['liveness']>;

/** The CRD's probes have no successThreshold (findSchemaRegistryIssues reports a dropped one). */
function renderProbe(probe: ProbeTiming | undefined): Record<string, unknown> | undefined {
  if (probe === undefined) return undefined;
  const { successThreshold: _dropped, ...timing } = probe;
  return Object.keys(timing).length > 0 ? timing : undefined;
}

function renderRegistrySpec(env: ResolvedEnvironment, r: NormalizedSchemaRegistry): Record<string, unknown> {
  const { config } = env;
  const version = r.version ?? config.rivvenVersion;
  const { auth, external } = r;
  // The fields copied from the registry come from the table's rows; these are computed.
  return renderSpec(schemaRegistryTable, r, {
    // clusterRef.namespace stays unset: it defaults to the registry's own namespace, set per overlay.
    clusterRef: { name: config.cluster.name },
    // The CRD defaults `version` to "latest"; write the pinned tag, and an image with the same tag.
    version,
    image: r.image ?? (r.version === undefined ? images(config).schemaRegistry : `${imageRegistry}/rivven-schema:${version}`),
    auth: auth && {
      enabled: auth.enabled,
      method: auth.method,
      credentialsSecretRef: auth.credentialsSecretRef,
      jwt: auth.jwt,
      users: auth.users,
    },
    // Always written: without it the operator's derived default (syncIntervalSeconds 0) fails its own
    // validation (crd.rs:3710-3776), so a registry with no external block would never reconcile.
    external: external === undefined ? { enabled: false, syncIntervalSeconds: defaultSyncIntervalSeconds } : {
      enabled: external.enabled,
      registryType: external.registryType,
      confluentUrl: external.confluentUrl,
      glueRegistryArn: external.glueRegistryArn,
      awsRegion: external.awsRegion,
      syncMode: external.syncMode,
      syncSubjects: external.syncSubjects,
      syncIntervalSeconds: external.syncIntervalSeconds,
      credentialsSecretRef: external.credentialsSecretRef,
    },
    env: r.env?.map(toContainerEnv),
    securityContext: restrictedPodSecurityContext(),
    // Not read-only: the registry's runtime writes nothing we can vouch for being on a mounted volume.
    containerSecurityContext: restrictedContainerSecurityContext({ readOnlyRootFilesystem: false }),
    livenessProbe: renderProbe(r.probes?.liveness),
    readinessProbe: renderProbe(r.probes?.readiness),
  });
}

/** The environment's RivvenSchemaRegistry, or nothing (manifests target, no registry, or disabled). */
/** The operator's per-field default for external.syncIntervalSeconds (crd.rs). */
const defaultSyncIntervalSeconds = 300;

export function renderSchemaRegistry(env: ResolvedEnvironment): K8sObject[] {
  const { config } = env;
  if (config.target !== 'operator' || config.schemaRegistry === undefined || !config.schemaRegistry.enabled) return [];
  const registry = normalizeSchemaRegistry(config.schemaRegistry);
  return [
    k8sObject(rivvenApiVersion, 'RivvenSchemaRegistry', { name: registry.name, namespace: config.namespace, labels: commonLabels(env, 'schema-registry') }, {
      spec: renderRegistrySpec(env, registry),
    }),
  ];
}

/** Settings the RivvenSchemaRegistry has no field for (RG506): probe successThreshold. */
export function findSchemaRegistryIssues(env: ResolvedEnvironment): Finding[] {
  const registry = env.config.schemaRegistry;
  if (env.config.target !== 'operator' || registry === undefined || !registry.enabled) return [];
  return (['liveness', 'readiness'] as const)
    .filter((probe) => registry.probes?.[probe]?.successThreshold !== undefined)
    .map((probe) =>
      finding('RG506', {
        severity: 'warning',
        path: `schemaRegistry.probes.${probe}.successThreshold`,
        message: `RivvenSchemaRegistry probes have no successThreshold; it is not rendered and the operator's default applies.`,
      }),
    );
}
