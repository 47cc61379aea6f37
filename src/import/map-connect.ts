/**
 * RivvenConnect → `connect[name]`. The CRD's `sources` and `sinks` lists become records keyed by name
 * (so environments can change one connector by name); a postgres-cdc source whose snake_case config
 * the typed helper reproduces exactly becomes `postgresCdc`.
 */
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../render/names.js';
import type { PathSegment } from '../core/path.js';
import type { DocumentMapper } from './import-context.js';
import { mapMetadata, mapPodField } from './map-common.js';
import { typedPostgresCdc } from './map-postgres-cdc.js';
import { imagePatterns, releaseOf, type ImportPlan } from './plan.js';
import { asRecord, asString } from './values.js';
import { jsonEqual } from '../core/json-equal.js';

/** Keys of the guide's postgres-cdc example that the real connector ignores (it reads snake_case). */
const guideCdcKeys = ['slotName', 'publication', 'snapshotMode', 'decodingPlugin', 'incrementalSnapshot', 'schemaChangeTopic', 'transactionTopic'];

const sourceFields = ['connector', 'topic', 'topicRouting', 'enabled', 'configSecretRef', 'topicConfig'] as const;
const sinkFields = ['connector', 'topics', 'consumerGroup', 'enabled', 'startOffset', 'config', 'configSecretRef', 'rateLimit'] as const;

function mapConnectors(m: DocumentMapper, list: 'sources' | 'sinks', target: readonly PathSegment[]): void {
  const from = ['spec', list];
  const items = m.get(from);
  if (items === undefined) return;
  if (!Array.isArray(items)) {
    m.note(from, `${list} must be a list; not carried over.`, target);
    return;
  }
  const fields: readonly string[] = list === 'sources' ? sourceFields : sinkFields;
  items.forEach((entry, i) => {
    const at = [...from, i];
    const item = asRecord(entry);
    const name = asString(item?.['name']);
    if (item === undefined || name === undefined) {
      m.note(at, `a ${list === 'sources' ? 'source' : 'sink'} without a name cannot be keyed; not carried over.`, [...target, list]);
      return;
    }
    const to = [...target, list, name];
    if (m.builder.get(to) !== undefined) {
      m.note(at, `a second ${list === 'sources' ? 'source' : 'sink'} named "${name}": names are unique, the first is kept.`, to);
      return;
    }
    m.set(to, [...at, 'name'], {});
    for (const [key, value] of Object.entries(item)) {
      if (key === 'name') continue;
      if (key === 'config' && list === 'sources') {
        const typed = item['connector'] === 'postgres-cdc' ? typedPostgresCdc(value) : undefined;
        const guideKeys = item['connector'] === 'postgres-cdc' ? Object.keys(asRecord(value) ?? {}).filter((k) => guideCdcKeys.includes(k)) : [];
        if (guideKeys.length > 0) {
          m.builder.note(
            m.doc,
            [...at, key],
            `${guideKeys.join(', ')}: the deployment guide's camelCase keys, which the postgres-cdc connector does not read (it reads slot_name, publication_name, tables as "schema.table" strings, ...). Carried over as written; the typed postgresCdc helper writes the connector's own keys.`,
            [...to, 'config'],
            false,
          );
        }
        if (typed === undefined) m.set([...to, 'config'], [...at, key]);
        else {
          m.set([...to, 'postgresCdc'], [...at, key], typed.postgresCdc);
          if (typed.config !== undefined) m.set([...to, 'config'], [...at, key], typed.config);
        }
      } else if (fields.includes(key)) m.set([...to, key], [...at, key], value);
      else m.note([...at, key], `${key} is not a field of RivvenConnect ${list}: the API server prunes it; not carried over.`, to);
    }
  });
}

function noteSecurityContext(m: DocumentMapper, key: 'securityContext' | 'containerSecurityContext', target: readonly PathSegment[]): void {
  const value = m.get(['spec', key]);
  const rendered = key === 'securityContext' ? restrictedPodSecurityContext() : restrictedContainerSecurityContext({ readOnlyRootFilesystem: false });
  if (value === undefined || jsonEqual(value, rendered)) return;
  m.note(['spec', key], `rivven-gitops always renders the restricted ${key === 'securityContext' ? 'pod' : 'container'} security context the Rivven images need; this one is not carried over.`, target);
}

export function mapRivvenConnect(m: DocumentMapper, plan: ImportPlan): void {
  const name = asString(m.get(['metadata', 'name']));
  if (name === undefined) {
    m.note(['metadata'], 'a RivvenConnect without metadata.name; not imported.', ['connect']);
    return;
  }
  const target = ['connect', name];
  mapMetadata(m, { target });
  m.set(target, ['metadata', 'name'], {});
  const spec = asRecord(m.get(['spec'])) ?? {};
  for (const [key, value] of Object.entries(spec)) {
    const at = ['spec', key];
    if (mapPodField(m, key, value, at, target)) continue;
    switch (key) {
      case 'clusterRef': {
        const ref = asRecord(value) ?? {};
        if (typeof ref['name'] === 'string' && ref['name'] !== plan.clusterName) m.set([...target, 'cluster'], [...at, 'name']);
        if (ref['namespace'] !== undefined && ref['namespace'] !== m.get(['metadata', 'namespace'])) {
          m.note([...at, 'namespace'], "rivven-gitops leaves clusterRef.namespace unset (it defaults to the pipeline's own namespace, which follows each overlay); not carried over.", target);
        }
        break;
      }
      case 'version':
        if (value !== plan.effectiveVersion) m.note(at, `rivven-gitops renders every Rivven image at one release, rivvenVersion (${plan.effectiveVersion}); version ${String(value)} is not carried over.`, target);
        break;
      case 'image':
        if (releaseOf(asString(value), imagePatterns.connect) !== plan.effectiveVersion) m.set([...target, 'image'], at);
        break;
      case 'replicas':
      case 'imagePullPolicy':
      case 'serviceAccount':
      case 'settings':
        m.set([...target, key], at);
        break;
      case 'config': {
        const config = asRecord(value) ?? {};
        for (const [setting, v] of Object.entries(config)) {
          if (setting === 'stateDir' || setting === 'logLevel') m.set([...target, setting], [...at, setting], v);
          else m.note([...at, setting], `config.${setting} is not a field of the RivvenConnect CRD: the API server prunes it; not carried over.`, target);
        }
        break;
      }
      case 'sources':
      case 'sinks':
        mapConnectors(m, key, target);
        break;
      case 'tls': {
        // The CRD's default is off, the model's (once the block is written) on: say which explicitly.
        const tls = asRecord(value) ?? {};
        m.set([...target, 'tls'], at, { ...tls, enabled: tls['enabled'] === true });
        break;
      }
      case 'affinity':
        m.note(at, 'rivven-gitops renders no affinity for connect workers (use nodeSelector and tolerations); not carried over.', target);
        break;
      case 'securityContext':
      case 'containerSecurityContext':
        noteSecurityContext(m, key, target);
        break;
      default:
        m.note(at, `spec.${key} is not a field of the RivvenConnect CRD: the API server prunes it; not carried over.`, target);
    }
  }
  if (spec['version'] === undefined && spec['image'] === undefined) {
    m.note(['spec', 'version'], `spec.version and spec.image are not set, so the operator would run the CRD default version 0.0.1; rivven-gitops renders release ${plan.effectiveVersion}.`, target);
  }
}
