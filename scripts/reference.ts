/**
 * Generates docs/reference.md from the zod model: every field a config file may set, with its type,
 * unit, range, default, what it renders into and its documentation. Types, ranges, units and defaults
 * come from the zod schemas (their JSON Schema form); the text and `@default`/`@becomes` tags come from
 * the JSDoc the schemas carry, read through the TypeScript checker on `UserConfig` — the same text an
 * editor shows on hover. test/docs/reference.test.ts keeps the committed file in step.
 *
 *   node --import tsx scripts/reference.ts          (rewrites docs/reference.md)
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { z } from 'zod';
import { configSchema } from '../src/model/config.js';

const repoRoot = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const referenceFile = path.join(repoRoot, 'docs', 'reference.md');

type Json = { readonly [key: string]: unknown };

function isJson(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

interface Doc {
  readonly text: string;
  readonly tags: ReadonlyMap<string, string>;
}

/** JSDoc of every property path of UserConfig (`cluster.storage.size`, `topics.<name>.partitions`). */
function readDocs(): Map<string, Doc> {
  const file = path.join(repoRoot, 'src', 'model', 'types.ts');
  const program = ts.createProgram([file], { strict: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, skipLibCheck: true, noEmit: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  if (source === undefined) throw new Error(`cannot read ${file}`);
  const alias = source.statements.find((s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === 'UserConfig');
  if (alias === undefined) throw new Error('no UserConfig in src/model/types.ts');
  const docs = new Map<string, Doc>();
  const seen = new Set<ts.Type>();
  const walk = (type: ts.Type, at: string, depth: number): void => {
    if (depth > 8 || seen.has(type)) return;
    const target = checker.getNonNullableType(type);
    for (const part of target.isUnion() ? target.types : [target]) {
      if (checker.isArrayType(part)) {
        const element = checker.getTypeArguments(part as ts.TypeReference)[0];
        if (element !== undefined) walk(element, `${at}[]`, depth + 1);
        continue;
      }
      if (!(part.flags & ts.TypeFlags.Object)) continue;
      const index = checker.getIndexInfosOfType(part)[0];
      if (index !== undefined && part.getProperties().length === 0) {
        walk(index.type, `${at}.<name>`, depth + 1);
        continue;
      }
      seen.add(part);
      for (const prop of part.getProperties()) {
        const key = at === '' ? prop.name : `${at}.${prop.name}`;
        const text = ts.displayPartsToString(prop.getDocumentationComment(checker)).replace(/\s+/g, ' ').trim();
        const tags = new Map(prop.getJsDocTags(checker).map((t) => [t.name, ts.displayPartsToString(t.text ?? []).replace(/\s+/g, ' ').trim()]));
        if (!docs.has(key) || (docs.get(key)?.text === '' && text !== '')) docs.set(key, { text, tags });
        walk(checker.getTypeOfSymbol(prop), key, depth + 1);
      }
      seen.delete(part);
    }
  };
  walk(checker.getTypeFromTypeNode(alias.type), '', 0);
  return docs;
}

interface Row {
  readonly path: string;
  readonly type: string;
  readonly unit: string;
  readonly range: string;
  readonly fallback: string;
  readonly becomes: string;
  readonly text: string;
}

function typeOf(schema: Json): string {
  if (Array.isArray(schema['enum'])) return schema['enum'].map((v) => JSON.stringify(v)).join(' | ');
  if ('const' in schema) return JSON.stringify(schema['const']);
  const anyOf = schema['anyOf'] ?? schema['oneOf'];
  if (Array.isArray(anyOf)) return [...new Set(anyOf.filter(isJson).map(typeOf))].join(' | ');
  const type = schema['type'];
  if (Array.isArray(type)) return type.join(' | ');
  if (type === 'array') return `${isJson(schema['items']) ? typeOf(schema['items']) : 'unknown'}[]`;
  if (type === 'object' && isJson(schema['additionalProperties']) && !isJson(schema['properties'])) return `map of ${typeOf(schema['additionalProperties'])}`;
  return typeof type === 'string' ? type : 'unknown';
}

function rangeOf(schema: Json): string {
  const parts: string[] = [];
  const n = (k: string): unknown => schema[k];
  if (n('minimum') !== undefined && n('maximum') !== undefined) parts.push(`${String(n('minimum'))}–${String(n('maximum'))}`);
  else if (n('minimum') !== undefined) parts.push(`≥ ${String(n('minimum'))}`);
  else if (n('maximum') !== undefined) parts.push(`≤ ${String(n('maximum'))}`);
  if (n('minLength') !== undefined) parts.push(`length ≥ ${String(n('minLength'))}`);
  if (n('maxLength') !== undefined) parts.push(`length ≤ ${String(n('maxLength'))}`);
  if (n('minItems') !== undefined) parts.push(`≥ ${String(n('minItems'))} items`);
  if (n('maxItems') !== undefined) parts.push(`≤ ${String(n('maxItems'))} items`);
  if (typeof n('pattern') === 'string') parts.push(`matches \`${String(n('pattern'))}\``);
  return parts.join(', ');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function collect(schema: Json, at: string, docs: ReadonlyMap<string, Doc>, rows: Row[]): void {
  const properties = schema['properties'];
  if (isJson(properties)) {
    for (const [key, child] of Object.entries(properties)) if (isJson(child)) visit(child, at === '' ? key : `${at}.${key}`, docs, rows);
    return;
  }
  if (schema['type'] === 'object' && isJson(schema['additionalProperties'])) collect(schema['additionalProperties'], `${at}.<name>`, docs, rows);
  if (schema['type'] === 'array' && isJson(schema['items'])) collect(schema['items'], `${at}[]`, docs, rows);
  const anyOf = schema['anyOf'];
  if (Array.isArray(anyOf)) for (const option of anyOf) if (isJson(option) && isJson(option['properties'])) collect(option, at, docs, rows);
}

function visit(schema: Json, at: string, docs: ReadonlyMap<string, Doc>, rows: Row[]): void {
  const doc = docs.get(at);
  const fallback = doc?.tags.get('default') ?? ('default' in schema && !(isJson(schema['default']) && Object.keys(schema['default']).length === 0) ? JSON.stringify(schema['default']) : '');
  rows.push({
    path: at,
    type: typeOf(schema),
    unit: typeof schema['unit'] === 'string' ? schema['unit'] : '',
    range: rangeOf(schema),
    fallback,
    becomes: doc?.tags.get('becomes') ?? '',
    text: (doc?.text ?? (typeof schema['description'] === 'string' ? schema['description'] : '')).replace(/@default.*$/, '').trim(),
  });
  collect(schema, at, docs, rows);
}

/** The whole reference, as Markdown. Deterministic: same model, same bytes. */
export function renderReference(): string {
  const schema = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' });
  const docs = readDocs();
  const rows: Row[] = [];
  collect(schema, '', docs, rows);
  const sections = new Map<string, Row[]>();
  for (const row of rows) {
    const top = row.path.split(/[.[]/)[0] ?? row.path;
    // Top-level scalars share one section; each block (cluster, topics, …) has its own.
    const section = rows.some((r) => r.path.startsWith(`${top}.`) || r.path.startsWith(`${top}[`)) ? top : 'top level';
    sections.set(section, [...(sections.get(section) ?? []), row]);
  }
  const lines = [
    '# Configuration reference',
    '',
    '<!-- GENERATED by `node --import tsx scripts/reference.ts` from the zod model (src/model/) and its JSDoc; do not edit. -->',
    '',
    'Every field of `rivven.config.ts` (`defineConfig`) and of an environment file (`defineEnvironment`, which may set',
    'everything but `project` and `output`, and `null` to remove an entry). `<name>` is a key you choose (a topic name,',
    'a pipeline name). **Unit** says how a value is written; **Becomes** names the Kubernetes or Rivven CRD field the',
    'value is rendered into, where one field carries it. Your editor shows the same text on hover.',
    '',
  ];
  for (const [section, sectionRows] of sections) {
    lines.push(section === 'top level' ? '## Top level' : `## \`${section}\``, '', '| field | type | unit | range | default | becomes | description |', '| --- | --- | --- | --- | --- | --- | --- |');
    for (const r of sectionRows) {
      lines.push(`| \`${cell(r.path)}\` | ${cell(r.type)} | ${cell(r.unit)} | ${cell(r.range)} | ${r.fallback === '' ? '' : `\`${cell(r.fallback)}\``} | ${cell(r.becomes)} | ${cell(r.text)} |`);
    }
    lines.push('');
  }
  return `${lines.join('\n')}`;
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  fs.writeFileSync(referenceFile, renderReference());
  console.log(`wrote ${path.relative(repoRoot, referenceFile)}`);
}
