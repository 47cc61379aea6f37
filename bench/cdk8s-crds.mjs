// The CustomResourceDefinitions the cdk8s app of bench/cdk8s-ts/ imports (`cdk8s import <file>`), one
// multi-document YAML file per API group in bench/work/cdk8s-crds/ (git-ignored: generated). A cdk8s user
// imports the upstream CRD files once; offline, the schemas come from what this project has:
//   rivven.hupe1980.github.io   the Rivven schema pack (dist/schema-pack/generated/: the structural schemas
//                               of the operator's deploy/crds, without descriptions)
//   cert-manager.io, monitoring.coreos.com, argoproj.io
//                               the type declarations of the @kubernetes-models packages the project checks
//                               these kinds with (generated from the upstream CRDs: every field, its type,
//                               enums, maps, int-or-string and, where the package keeps them, the
//                               descriptions), turned back into OpenAPI schemas
// Only the kinds the fleet renders. bench/run.mjs calls writeCdk8sCrds() and then `cdk8s import` in
// bench/cdk8s-ts/ once before measuring (not timed: a user imports once).
//
//   node bench/cdk8s-crds.mjs        writes the files and prints their paths
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import YAML from 'yaml';
import { benchDir, repoDir, workDir } from './generate.mjs';

export const crdDir = path.join(workDir, 'cdk8s-crds');
const require = createRequire(path.join(repoDir, 'package.json'));
const ts = require('typescript');

/** The third-party kinds the fleet renders: package, declaration file, group, version, kind, plural. */
const modelKinds = [
  ['@kubernetes-models/cert-manager', 'cert-manager.io/v1/Certificate', 'certificates'],
  ['@kubernetes-models/prometheus-operator', 'monitoring.coreos.com/v1/ServiceMonitor', 'servicemonitors'],
  ['@kubernetes-models/prometheus-operator', 'monitoring.coreos.com/v1/PodMonitor', 'podmonitors'],
  ['@kubernetes-models/prometheus-operator', 'monitoring.coreos.com/v1/PrometheusRule', 'prometheusrules'],
  ['@kubernetes-models/argo-cd', 'argoproj.io/v1alpha1/Application', 'applications'],
  ['@kubernetes-models/argo-cd', 'argoproj.io/v1alpha1/AppProject', 'appprojects'],
];

/** How upstream CRDs write an int-or-string field (`cdk8s import` makes it a union class with fromNumber/fromString). */
const intOrString = { anyOf: [{ type: 'integer' }, { type: 'string' }], 'x-kubernetes-int-or-string': true };

/** A schema of the pack (src/schema-pack/types.ts) as OpenAPI v3, the CRD's own form. */
function openApiOfPack(schema) {
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'preserveUnknownFields') out['x-kubernetes-preserve-unknown-fields'] = value;
    else if (key === 'intOrString') Object.assign(out, intOrString);
    else if (key === 'properties') out.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, openApiOfPack(v)]));
    else if (key === 'items') out.items = openApiOfPack(value);
    else if (key === 'additionalProperties') out.additionalProperties = typeof value === 'object' ? openApiOfPack(value) : value;
    else out[key] = value;
  }
  return out;
}

function describe(node, schema) {
  const doc = (node.jsDoc ?? []).map((d) => (typeof d.comment === 'string' ? d.comment : '')).join('\n').trim();
  return doc === '' ? schema : { description: doc, ...schema };
}

/** A type of a @kubernetes-models declaration (inline literals only) as an OpenAPI v3 schema. */
function openApiOfType(node) {
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
      return { type: 'string' };
    case ts.SyntaxKind.NumberKeyword:
      return { type: 'number' };
    case ts.SyntaxKind.BooleanKeyword:
      return { type: 'boolean' };
    case ts.SyntaxKind.AnyKeyword:
    case ts.SyntaxKind.UnknownKeyword:
      return { 'x-kubernetes-preserve-unknown-fields': true };
    case ts.SyntaxKind.LiteralType:
      return { type: 'string', enum: [node.literal.text] };
    case ts.SyntaxKind.ParenthesizedType:
      return openApiOfType(node.type);
    case ts.SyntaxKind.ArrayType:
      return { type: 'array', items: openApiOfType(node.elementType) };
    case ts.SyntaxKind.UnionType: {
      const kinds = node.types.map((t) => t.kind);
      if (kinds.every((k) => k === ts.SyntaxKind.LiteralType)) return { type: 'string', enum: node.types.map((t) => t.literal.text) };
      if (kinds.includes(ts.SyntaxKind.NumberKeyword) && kinds.includes(ts.SyntaxKind.StringKeyword)) return { ...intOrString };
      throw new Error(`a union the CRD writer does not know: ${node.getText()}`);
    }
    case ts.SyntaxKind.TypeReference: {
      const name = node.typeName.getText();
      if (name === 'Array') return { type: 'array', items: openApiOfType(node.typeArguments[0]) };
      if (name === 'Record') return { type: 'object', additionalProperties: openApiOfType(node.typeArguments[1]) };
      throw new Error(`a type reference the CRD writer does not know: ${name}`);
    }
    case ts.SyntaxKind.TypeLiteral: {
      const index = node.members.find((m) => m.kind === ts.SyntaxKind.IndexSignature);
      if (index !== undefined) return { type: 'object', additionalProperties: openApiOfType(index.type) };
      if (node.members.length === 0) return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
      return objectOf(node.members);
    }
    default:
      throw new Error(`a type the CRD writer does not know: ${ts.SyntaxKind[node.kind]}`);
  }
}

function objectOf(members) {
  const properties = {};
  const required = [];
  for (const member of members) {
    if (member.kind !== ts.SyntaxKind.PropertySignature) continue;
    const name = member.name.text ?? member.name.getText();
    properties[name] = describe(member, openApiOfType(member.type));
    if (member.questionToken === undefined) required.push(name);
  }
  return { type: 'object', ...(required.length > 0 ? { required } : {}), properties };
}

/** The CRD of one @kubernetes-models kind, from its `I<Kind>` interface; metadata is left to the API server's ObjectMeta. */
function crdOfModel(pkg, declaration, plural) {
  const [group, version, kind] = declaration.split('/');
  const file = path.join(path.dirname(require.resolve(`${pkg}/package.json`)), `${declaration}.d.ts`);
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const model = source.statements.find((s) => s.kind === ts.SyntaxKind.InterfaceDeclaration && s.name.text === `I${kind}`);
  if (model === undefined) throw new Error(`${file}: no interface I${kind}`);
  const members = model.members.filter((m) => !['apiVersion', 'kind', 'metadata'].includes(m.name.text));
  const schema = describe(model, objectOf(members));
  return crd(group, kind, plural, version, schema);
}

function crd(group, kind, plural, version, schema) {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${group}` },
    spec: {
      group,
      names: { kind, listKind: `${kind}List`, plural, singular: kind.toLowerCase() },
      scope: 'Namespaced',
      versions: [{ name: version, served: true, storage: true, schema: { openAPIV3Schema: schema } }],
    },
  };
}

/** Writes one YAML file per group into bench/work/cdk8s-crds/; returns their paths, in import order. */
export async function writeCdk8sCrds() {
  const packModule = await import(pathToFileURL(path.join(repoDir, 'dist', 'schema-pack', 'generated', 'rivven-deploy-yaml-ff11bcd.js')).href);
  const pack = Object.values(packModule)[0];
  const groups = new Map();
  const add = (c) => groups.set(c.spec.group, [...(groups.get(c.spec.group) ?? []), c]);
  for (const packed of Object.values(pack.crds)) {
    for (const [version, schema] of Object.entries(packed.versions)) {
      const c = crd(packed.group, packed.kind, packed.plural, version, openApiOfPack(schema));
      c.spec.scope = packed.scope;
      add(c);
    }
  }
  for (const [pkg, declaration, plural] of modelKinds) add(crdOfModel(pkg, declaration, plural));
  fs.mkdirSync(crdDir, { recursive: true });
  const files = [];
  for (const [group, crds] of groups) {
    const file = path.join(crdDir, `${group}.yaml`);
    const text = crds.map((c) => YAML.stringify(c, { lineWidth: 0 })).join('---\n');
    if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) fs.writeFileSync(file, text);
    files.push(file);
  }
  return files;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const file of await writeCdk8sCrds()) console.log(path.relative(benchDir, file));
}
