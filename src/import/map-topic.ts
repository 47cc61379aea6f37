/**
 * RivvenTopic → `topics[name]` in the DSL's friendly forms: `retentionMs: 604800000` → `retention: '7d'`,
 * byte counts → `'1Gi'` when exact, ACL defaults (Allow, any host) left out.
 */
import type { DocumentMapper } from './import-context.js';
import { mapMetadata } from './map-common.js';
import type { ImportPlan } from './plan.js';
import { asInteger, asRecord, asString, asStringMap, friendlyDuration, friendlySize } from './values.js';

const sameNames = ['cleanupPolicy', 'compressionType', 'minInsyncReplicas', 'messageTimestampEnabled', 'messageTimestampType', 'idempotentWrites'] as const;

function mapConfig(m: DocumentMapper, target: readonly string[]): void {
  const from = ['spec', 'config'];
  const config = asRecord(m.get(from));
  if (config === undefined) return;
  for (const [key, value] of Object.entries(config)) {
    const at = [...from, key];
    const n = asInteger(value);
    switch (key) {
      case 'retentionMs':
        m.set([...target, 'retention'], at, n === undefined ? value : friendlyDuration(n));
        break;
      case 'flushIntervalMs':
        m.set([...target, 'flushInterval'], at, n === undefined ? value : friendlyDuration(n));
        break;
      case 'retentionBytes':
        m.set([...target, 'retentionBytes'], at, n === undefined || n === -1 ? value : friendlySize(n));
        break;
      case 'segmentBytes':
      case 'maxMessageBytes':
        m.set([...target, key], at, n === undefined ? value : friendlySize(n));
        break;
      case 'custom': {
        const custom = asStringMap(value);
        if (custom === undefined) m.note(at, 'custom settings must be strings (the CRD says so); not carried over.', target);
        else m.set([...target, 'custom'], at, custom);
        break;
      }
      default:
        if ((sameNames as readonly string[]).includes(key)) m.set([...target, key], at);
        else m.note(at, `config.${key} is not a field of the RivvenTopic CRD: the API server prunes it; put broker-side settings under config.custom. Not carried over.`, target);
    }
  }
}

function mapAcls(m: DocumentMapper, target: readonly string[]): void {
  const from = ['spec', 'acls'];
  const acls = m.get(from);
  if (acls === undefined) return;
  if (!Array.isArray(acls)) {
    m.note(from, 'acls must be a list; not carried over.', target);
    return;
  }
  const out = acls.map((entry) => {
    const acl = asRecord(entry) ?? {};
    // Leave out what equals the CRD (and model) defaults: Allow, from any host.
    return Object.fromEntries(Object.entries(acl).filter(([k, v]) => !(k === 'permissionType' && v === 'Allow') && !(k === 'host' && v === '*')));
  });
  m.set([...target, 'acls'], from, out);
}

export function mapRivvenTopic(m: DocumentMapper, plan: ImportPlan): void {
  const name = asString(m.get(['metadata', 'name']));
  if (name === undefined) {
    m.note(['metadata'], 'a RivvenTopic without metadata.name has no topic name; not imported.', ['topics']);
    return;
  }
  const target = ['topics', name];
  const spec = asRecord(m.get(['spec'])) ?? {};
  // An empty entry still declares the topic (every setting from topicDefaults and the CRD defaults).
  m.set(target, ['metadata', 'name'], {});
  for (const [key, value] of Object.entries(spec)) {
    const at = ['spec', key];
    switch (key) {
      case 'clusterRef': {
        const ref = asRecord(value) ?? {};
        if (ref['name'] !== undefined && ref['name'] !== plan.clusterName) {
          m.note([...at, 'name'], `every topic of an environment belongs to its cluster "${plan.clusterName}"; this topic's cluster "${String(ref['name'])}" is not carried over.`, target);
        }
        if (ref['namespace'] !== undefined && ref['namespace'] !== m.get(['metadata', 'namespace'])) {
          m.note([...at, 'namespace'], "rivven-gitops leaves clusterRef.namespace unset (it defaults to the topic's own namespace, which follows each overlay); not carried over.", target);
        }
        break;
      }
      case 'partitions':
      case 'replicationFactor':
      case 'deleteOnRemove':
        m.set([...target, key], at);
        break;
      case 'config':
        mapConfig(m, target);
        break;
      case 'acls':
        mapAcls(m, target);
        break;
      case 'topicLabels': {
        const labels = asStringMap(value);
        if (labels === undefined) m.note(at, 'topicLabels must be strings; not carried over.', target);
        else m.set([...target, 'labels'], at, labels);
        break;
      }
      default:
        m.note(at, `spec.${key} is not a field of the RivvenTopic CRD: the API server prunes it; not carried over.`, target);
    }
  }
  mapMetadata(m, { target, labelsTarget: [...target, 'objectLabels'] });
}
