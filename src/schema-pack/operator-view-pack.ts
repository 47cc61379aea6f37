/**
 * A schema pack for CRD sources other than the deploy YAMLs, built from the fact table's view of what
 * the 0.0.22 operator deserializes (src/facts/operator-view.ts). `print-crd`: the schemas
 * `rivven-operator --print-crd` would install, which prune every field `#[schemars(skip)]` leaves out;
 * `patched`: CRDs a user fixed to the operator's field names, which keep everything the operator reads.
 *
 * The view is complete at the top of each spec only, so nested objects keep unknown fields here: this
 * pack catches a field the chosen CRDs would prune at the top of a spec (the renames that matter:
 * `pdb` vs `podDisruptionBudget`, `labels` vs `podLabels`) and a wrong type anywhere the view names a
 * path (`metrics.serviceMonitor` as a boolean), never a field it cannot judge. A project with its own
 * CRD files (`crdSchemas`) is checked against those instead.
 */
import { operatorViews, type FieldType, type OperatorKindView } from '../facts/operator-view.js';
import type { PackedCrd, SchemaPack, StructuralSchema } from './types.js';
import { rivvenGroup, rivvenVersion } from '../core/rivven.js';
import { compareText } from '../core/order.js';

export type OperatorViewSource = 'print-crd' | 'patched';

const plurals: Readonly<Record<OperatorKindView['kind'], string>> = {
  RivvenCluster: 'rivvenclusters',
  RivvenTopic: 'rivventopics',
  RivvenConnect: 'rivvenconnects',
  RivvenSchemaRegistry: 'rivvenschemaregistries',
};

/** `Option<…>` fields are nullable in a generated schema: an explicit null (PDB's other key) is kept. */
function leafSchema(type: FieldType): StructuralSchema {
  switch (type) {
    case 'integer':
    case 'string':
    case 'boolean':
      return { type, nullable: true };
    case 'array':
      return { type: 'array', nullable: true, items: { preserveUnknownFields: true } };
    case 'object':
    case 'map':
      return { type: 'object', nullable: true, preserveUnknownFields: true };
    case 'any':
      return { preserveUnknownFields: true };
  }
}

interface MutableSchema {
  type?: string;
  nullable?: boolean;
  preserveUnknownFields?: boolean;
  items?: StructuralSchema;
  properties?: Record<string, MutableSchema>;
}

function specSchema(view: OperatorKindView, source: OperatorViewSource): StructuralSchema {
  const spec: MutableSchema = { type: 'object', properties: {}, ...(source === 'patched' ? { preserveUnknownFields: true } : {}) };
  // Parents before children, so a nested path finds the object its parent made.
  const paths = Object.keys(view.spec).sort((a, b) => a.split('.').length - b.split('.').length || compareText(a, b));
  for (const path of paths) {
    const field = view.spec[path];
    if (field === undefined || !field.survives.includes(source)) continue;
    const keys = path.split('.');
    let parent: MutableSchema | undefined = spec;
    for (const key of keys.slice(0, -1)) parent = parent?.properties?.[key];
    // A child of a pruned parent is pruned with it.
    if (parent === undefined) continue;
    parent.properties ??= {};
    parent.properties[keys[keys.length - 1] ?? path] = { ...leafSchema(field.type) };
  }
  return spec;
}

function packedCrd(view: OperatorKindView, source: OperatorViewSource): PackedCrd {
  return {
    group: rivvenGroup,
    kind: view.kind,
    plural: plurals[view.kind],
    scope: 'Namespaced',
    versions: {
      [rivvenVersion]: {
        type: 'object',
        required: ['spec'],
        properties: { spec: specSchema(view, source), status: { type: 'object', preserveUnknownFields: true } },
      },
    },
  };
}

const built = new Map<OperatorViewSource, SchemaPack>();

/** The pack for `source`, describing Rivven 0.0.22's operator (the only release the view was read from). */
export function operatorViewPack(source: OperatorViewSource): SchemaPack {
  let pack = built.get(source);
  if (pack === undefined) {
    pack = {
      rivvenVersions: ['0.0.22'],
      source,
      origin: {
        repository: 'github.com/hupe1980/rivven',
        commit: 'ff11bcd7e2709e01eee5b0ed5f1a2080c2139c7d',
        license: 'Apache-2.0',
        files: ['crates/rivven-operator/src/crd.rs'],
      },
      crds: Object.fromEntries(operatorViews.map((v) => [`${rivvenGroup}/${v.kind}`, packedCrd(v, source)])),
    };
    built.set(source, pack);
  }
  return pack;
}
