/**
 * RivvenSchemaRegistry → `schemaRegistry`. The field names are the CRD's; where the model's default for
 * a written block differs from the CRD's (`enabled` of auth, tls, external and the PDB is off in the
 * CRD, on in the model once the block is present) the value is written out explicitly. The guide's own
 * words (`requestTimeoutMs`, `perSubject`, `formats`, `externalRegistry`, `auth.cedar`) are pruned by the
 * API server, so they are noted with the CRD's word to use instead.
 */
import { defaults } from '../model/defaults.js';
import { imageRegistry, restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../render/names.js';
import type { DocumentMapper } from './import-context.js';
import { mapMetadata, mapPodField, mapProbeTiming } from './map-common.js';
import type { ImportPlan } from './plan.js';
import { asRecord, asString, setOwn } from './values.js';
import { jsonEqual } from '../core/json-equal.js';

const target = ['schemaRegistry'] as const;

const guideWords: Readonly<Record<string, string>> = {
  'server.requestTimeoutMs': 'server.timeoutSeconds (in seconds)',
  'compatibility.perSubject': 'compatibility.subjects',
  formats: 'schemas',
  externalRegistry: 'external (registryType confluent or glue, confluentUrl)',
  'auth.cedar': 'nothing: the CRD has no cedar block (use basic or jwt)',
};

const blocksOffByDefault = ['auth', 'tls', 'external', 'podDisruptionBudget'] as const;
const asWritten = ['replicas', 'imagePullPolicy', 'server', 'storage', 'compatibility', 'schemas', 'contexts', 'validation', 'metrics', 'serviceAccount'] as const;

/** Notes the guide's words inside a block and returns the block without them. */
function withoutGuideWords(m: DocumentMapper, block: string, value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const instead = guideWords[`${block}.${key}`];
    if (instead === undefined) setOwn(out, key, v);
    else m.note(['spec', block, key], `${block}.${key} is the deployment guide's word, not a RivvenSchemaRegistry field: the API server prunes it. Use ${instead}. Not carried over.`, [...target, block]);
  }
  return out;
}

export function mapRivvenSchemaRegistry(m: DocumentMapper, plan: ImportPlan): void {
  mapMetadata(m, { target });
  const name = asString(m.get(['metadata', 'name']));
  m.set(target, ['metadata'], {});
  if (name !== undefined && name !== defaults.schemaRegistry.name) m.set([...target, 'name'], ['metadata', 'name']);
  const spec = asRecord(m.get(['spec'])) ?? {};
  const version = asString(spec['version']);
  for (const [key, value] of Object.entries(spec)) {
    const at = ['spec', key];
    const guide = guideWords[key];
    if (guide !== undefined) {
      m.note(at, `${key} is the deployment guide's word, not a RivvenSchemaRegistry field: the API server prunes it. Use ${guide}. Not carried over.`, target);
      continue;
    }
    if (mapPodField(m, key, value, at, target)) continue;
    switch (key) {
      case 'clusterRef': {
        const ref = asRecord(value) ?? {};
        if (ref['name'] !== undefined && ref['name'] !== plan.clusterName) {
          m.note([...at, 'name'], `the schema registry always connects to the environment's cluster "${plan.clusterName}"; "${String(ref['name'])}" is not carried over.`, target);
        }
        if (ref['namespace'] !== undefined && ref['namespace'] !== m.get(['metadata', 'namespace'])) {
          m.note([...at, 'namespace'], "rivven-gitops leaves clusterRef.namespace unset (it defaults to the registry's own namespace); not carried over.", target);
        }
        break;
      }
      case 'version':
        if (value !== plan.effectiveVersion) m.set([...target, 'version'], at);
        break;
      case 'image': {
        const expected = `${imageRegistry}/rivven-schema:${version ?? plan.effectiveVersion}`;
        if (value !== expected) m.set([...target, 'image'], at);
        break;
      }
      case 'server':
      case 'compatibility': {
        const block = asRecord(value);
        if (block === undefined) m.note(at, `${key} must be a mapping; not carried over.`, target);
        else m.set([...target, key], at, withoutGuideWords(m, key, block));
        break;
      }
      case 'auth': {
        const auth = asRecord(value) ?? {};
        const rest = withoutGuideWords(m, key, auth);
        if (rest['method'] === '' || rest['method'] === undefined) {
          if (auth['enabled'] === true) m.note([...at, 'method'], 'authentication is enabled without a method; rivven-gitops needs basic or jwt. Not carried over.', target);
          else if (Object.keys(rest).some((k) => k !== 'enabled' && k !== 'method')) m.note(at, 'authentication is off and has no method; its settings are not carried over.', target);
          break;
        }
        m.set([...target, key], at, { ...rest, enabled: auth['enabled'] === true });
        break;
      }
      case 'external': {
        const external = asRecord(value) ?? {};
        if (external['registryType'] === '' || external['registryType'] === undefined) {
          if (external['enabled'] === true) m.note([...at, 'registryType'], 'external sync is enabled without a registryType (confluent or glue); not carried over.', target);
          else if (Object.keys(external).some((k) => k !== 'enabled' && k !== 'registryType')) m.note(at, 'external sync is off and has no registryType; its settings are not carried over.', target);
          break;
        }
        m.set([...target, key], at, { ...external, enabled: external['enabled'] === true });
        break;
      }
      case 'tls':
      case 'podDisruptionBudget': {
        const block = asRecord(value) ?? {};
        m.set([...target, key], at, { ...block, enabled: block['enabled'] === true });
        break;
      }
      case 'livenessProbe':
        mapProbeTiming(m, at, [...target, 'probes', 'liveness'], ['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'failureThreshold']);
        break;
      case 'readinessProbe':
        mapProbeTiming(m, at, [...target, 'probes', 'readiness'], ['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'failureThreshold']);
        break;
      case 'affinity':
        m.note(at, 'rivven-gitops renders no affinity for the schema registry (use nodeSelector and tolerations); not carried over.', target);
        break;
      case 'securityContext':
      case 'containerSecurityContext': {
        const rendered = key === 'securityContext' ? restrictedPodSecurityContext() : restrictedContainerSecurityContext({ readOnlyRootFilesystem: false });
        if (!jsonEqual(value, rendered)) m.note(at, `rivven-gitops always renders the restricted ${key === 'securityContext' ? 'pod' : 'container'} security context the Rivven images need; this one is not carried over.`, target);
        break;
      }
      default:
        if ((asWritten as readonly string[]).includes(key)) m.set([...target, key], at);
        else if (!(blocksOffByDefault as readonly string[]).includes(key)) m.note(at, `spec.${key} is not a field of the RivvenSchemaRegistry CRD: the API server prunes it; not carried over.`, target);
    }
  }
  if (version === undefined && spec['image'] === undefined) {
    m.note(['spec', 'version'], `spec.version and spec.image are not set, so the operator would run the CRD default version "latest"; rivven-gitops renders release ${plan.effectiveVersion}.`, target);
  }
}
