/**
 * RivvenTopic → `topics[name]` in the DSL's friendly forms: `retentionMs: 604800000` → `retention: '7d'`,
 * byte counts → `'1Gi'` when exact, ACL defaults (Allow, any host) left out.
 */
import { crdDefaultAt, isString } from '../fields/derive.js';
import { topicAcls, topicObjectLabels, topicTable } from '../fields/topic.js';
import type { DocumentMapper } from './import-context.js';
import { mapTableFields } from './map-fields.js';
import { mapMetadata } from './map-common.js';
import type { ImportPlan } from './plan.js';
import { asRecord, asString } from './values.js';

/** ACL item fields whose CRD default the import leaves out (Allow, from any host). */
const aclDefaults = ['permissionType', 'host'].map((field) => [field, crdDefaultAt(topicTable.kind, `${topicAcls.crd}[].${field}`, isString)] as const);

function mapAcls(m: DocumentMapper, target: readonly string[], acls: unknown): void {
  const from = topicAcls.crd.split('.');
  if (acls === undefined) return;
  if (!Array.isArray(acls)) {
    m.note(from, 'acls must be a list; not carried over.', target);
    return;
  }
  const out = acls.map((entry) => {
    const acl = asRecord(entry) ?? {};
    // Leave out what equals the CRD (and model) defaults: Allow, from any host.
    return Object.fromEntries(Object.entries(acl).filter(([k, v]) => !aclDefaults.some(([field, dflt]) => k === field && v === dflt)));
  });
  m.set([...target, ...topicAcls.config], from, out);
}

export function mapRivvenTopic(m: DocumentMapper, plan: ImportPlan): void {
  const name = asString(m.get(['metadata', 'name']));
  if (name === undefined) {
    m.note(['metadata'], 'a RivvenTopic without metadata.name has no topic name; not imported.', ['topics']);
    return;
  }
  const target = ['topics', name];
  // An empty entry still declares the topic (every setting from topicDefaults and the CRD defaults).
  m.set(target, ['metadata', 'name'], {});
  mapTableFields(
    m,
    {
      table: topicTable,
      target,
      own: {
        'spec.clusterRef': (value, at) => {
          const ref = asRecord(value) ?? {};
          if (ref['name'] !== undefined && ref['name'] !== plan.clusterName) {
            m.note([...at, 'name'], `every topic of an environment belongs to its cluster "${plan.clusterName}"; this topic's cluster "${String(ref['name'])}" is not carried over.`, target);
          }
          if (ref['namespace'] !== undefined && ref['namespace'] !== m.get(['metadata', 'namespace'])) {
            m.note([...at, 'namespace'], "rivven-gitops leaves clusterRef.namespace unset (it defaults to the topic's own namespace, which follows each overlay); not carried over.", target);
          }
        },
        [topicAcls.crd]: (value) => mapAcls(m, target, value),
      },
      unknown: (from, key) =>
        from.length === 1
          ? `spec.${key} is not a field of the RivvenTopic CRD: the API server prunes it; not carried over.`
          : `${from.slice(1).join('.')}.${key} is not a field of the RivvenTopic CRD: the API server prunes it; put broker-side settings under config.custom. Not carried over.`,
    },
    ['spec'],
  );
  mapMetadata(m, { target, labelsTarget: [...target, ...topicObjectLabels.config] });
}
