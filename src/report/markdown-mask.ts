/**
 * Masks values that look secret before a diff reaches a pull request, where every reader of the
 * repository (and every bot) sees it. Scope, as users of such tools expect it: free-form maps under a
 * `config` key (connector configs take anything a connector reads, including passwords a user should
 * have put in a Secret) and container `env` entries (`{ name: DB_PASSWORD, value: … }`). Typed fields
 * elsewhere hold references (`secretName`, `secretKeyRef.key: token`), never secret values, and stay
 * readable.
 *
 * The structural walk over the compared objects finds the secret values; the unified diff text is then
 * masked line by line where a secret-looking key (or an env `value:`) carries one of them, and anywhere
 * a long secret value appears verbatim, since a hunk may start below the key that makes a value secret.
 */
import { summarizeChange } from '../diff/summary.js';
import type { FieldChange, ResourceReport } from '../diff/types.js';
import { isRecord } from '../core/json.js';

export const maskText = '••••••';

const secretFragments = /password|passwd|passphrase|secret|token|credential|apikey|privatekey|accesskey|jaas/;
const secretWords = new Set(['key', 'pwd', 'pass']);
/** A last word that makes the key name a reference or a setting, not a value (`secretName`, `key_serializer`). */
const settingWords = new Set([
  'name', 'names', 'ref', 'file', 'path', 'location', 'size', 'length', 'type', 'field', 'fields', 'algorithm',
  'format', 'topic', 'column', 'columns', 'strategy', 'mode', 'enabled', 'header', 'prefix', 'suffix', 'mechanism',
  'count', 'ttl', 'interval', 'ms', 'secs', 'seconds', 'url', 'uri', 'endpoint', 'provider', 'serializer',
  'deserializer', 'converter', 'schema', 'subject', 'template', 'version', 'policy', 'expiry', 'expiration',
]);

function words(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

/** True for keys such as `password`, `api_key`, `AWS_SECRET_ACCESS_KEY`, `sasl.jaas.config`, `credentials`. */
export function isSecretKey(key: string): boolean {
  const parts = words(key);
  const last = parts[parts.length - 1];
  if (last === undefined || settingWords.has(last)) return false;
  return secretFragments.test(parts.join('')) || parts.some((w) => secretWords.has(w));
}

interface Context {
  /** Inside a free-form `config` map. */
  readonly freeForm: boolean;
  /** Every scalar below is secret. */
  readonly secret: boolean;
}

const top: Context = { freeForm: false, secret: false };

/** Maps whose keys are anyone's choice: connector `config`, and ConfigMap/Secret `data` and `stringData`. */
const freeFormKeys = new Set(['config', 'data', 'stringData']);

/** Secret values found, as the YAML writer prints them (strings and numbers). */
class SecretValues {
  readonly values = new Set<string>();
  readonly lines = new Set<string>();
  add(value: string | number): void {
    const text = String(value);
    if (text.trim() === '') return;
    this.values.add(text);
    if (text.includes('\n')) for (const line of text.split('\n')) if (line.trim() !== '') this.lines.add(line.trim());
  }
}

function maskEnvItem(item: unknown, ctx: Context, found: SecretValues): unknown {
  if (!isRecord(item) || typeof item['name'] !== 'string' || !isSecretKey(item['name'])) return maskTree(item, ctx, found);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) out[k] = k === 'value' ? maskTree(v, { ...ctx, secret: true }, found) : maskTree(v, ctx, found);
  return out;
}

/** A copy of `node` with secret scalars replaced by the mask; every secret value is recorded in `found`. */
function maskTree(node: unknown, ctx: Context, found: SecretValues): unknown {
  if (Array.isArray(node)) return node.map((item) => maskTree(item, ctx, found));
  if (isRecord(node)) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'env' && Array.isArray(value) && !ctx.secret) {
        out[key] = value.map((item) => maskEnvItem(item, ctx, found));
        continue;
      }
      out[key] = maskTree(value, { freeForm: ctx.freeForm || freeFormKeys.has(key), secret: ctx.secret || (ctx.freeForm && isSecretKey(key)) }, found);
    }
    return out;
  }
  if (ctx.secret && (typeof node === 'string' || typeof node === 'number')) {
    found.add(node);
    return maskText;
  }
  return node;
}

type Segment = { readonly key: string } | { readonly item: string } | { readonly index: number };

/** `spec.sources[name=pg].config["sasl.jaas.config"]` → key/item/index segments. */
function parsePath(path: string): Segment[] {
  const out: Segment[] = [];
  for (const m of path.matchAll(/\[name=([^\]]*)\]|\["((?:[^"\\]|\\.)*)"\]|\[(\d+)\]|([^.[\]]+)/g)) {
    if (m[1] !== undefined) out.push({ item: m[1] });
    else if (m[2] !== undefined) out.push({ key: unquoteJson(`"${m[2]}"`) ?? m[2] });
    else if (m[3] !== undefined) out.push({ index: Number(m[3]) });
    else if (m[4] !== undefined) out.push({ key: m[4] });
  }
  return out;
}

/** How the value at a field path is to be masked. */
function maskField(field: FieldChange, found: SecretValues): FieldChange {
  let ctx = top;
  let previous: Segment | undefined;
  /** The path is at an env item whose name looks secret (`env[name=DB_PASSWORD]`). */
  let envSecretItem = false;
  for (const seg of parsePath(field.path)) {
    if ('key' in seg) {
      if (envSecretItem && seg.key === 'value') ctx = { ...ctx, secret: true };
      else ctx = { freeForm: ctx.freeForm || freeFormKeys.has(seg.key), secret: ctx.secret || (ctx.freeForm && isSecretKey(seg.key)) };
      envSecretItem = false;
    } else if ('item' in seg) {
      envSecretItem = previous !== undefined && 'key' in previous && previous.key === 'env' && isSecretKey(seg.item);
    }
    previous = seg;
  }
  const mask = (value: unknown): unknown => {
    if (value === undefined) return undefined;
    // A whole env item added or removed: its `value` is what is secret.
    if (envSecretItem) return maskEnvItem(value, ctx, found);
    return maskTree(value, ctx, found);
  };
  return { path: field.path, op: field.op, ...(field.before === undefined ? {} : { before: mask(field.before) }), ...(field.after === undefined ? {} : { after: mask(field.after) }) };
}

function unquoteJson(text: string): string | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The scalar a YAML value text stands for (plain, single- or double-quoted). */
function unquoteYaml(text: string): string {
  const t = text.trim();
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) return unquoteJson(t) ?? t;
  if (t.length >= 2 && t.startsWith("'") && t.endsWith("'")) return t.slice(1, -1).replace(/''/g, "'");
  return t;
}

const keyValueLine = /^(\s*(?:-\s+)*)("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s"'#][^:]*?)(:\s+)(\S.*)$/;
const listItemLine = /^(\s*-\s+)(\S.*)$/;

function maskLine(content: string, secrets: SecretValues): string {
  const kv = keyValueLine.exec(content);
  if (kv) {
    const [, indent = '', key = '', sep = '', value = ''] = kv;
    const name = unquoteYaml(key);
    if ((isSecretKey(name) || name === 'value') && secrets.values.has(unquoteYaml(value))) return `${indent}${key}${sep}${maskText}`;
  } else {
    const item = listItemLine.exec(content);
    if (item && secrets.values.has(unquoteYaml(item[2] ?? ''))) return `${item[1] ?? ''}${maskText}`;
  }
  const trimmed = content.trim();
  if (secrets.lines.has(trimmed)) return content.slice(0, content.length - content.trimStart().length) + maskText;
  return content;
}

/** Long secret values are replaced wherever they appear (also inside longer strings and JSON-escaped). */
function maskVerbatim(text: string, secrets: SecretValues): string {
  let out = text;
  for (const value of secrets.values) {
    if (value.length < 8) continue;
    out = out.split(value).join(maskText);
    const escaped = JSON.stringify(value).slice(1, -1);
    if (escaped !== value) out = out.split(escaped).join(maskText);
  }
  return out;
}

function maskDiff(diff: string, secrets: SecretValues): string {
  if (diff === '' || secrets.values.size === 0) return diff;
  const lines = diff.split('\n');
  let inHunks = false;
  const out = lines.map((line) => {
    if (line.startsWith('@@')) inHunks = true;
    if (!inHunks || line.startsWith('@@') || line.startsWith('\\') || line === '') return line;
    return line[0] + maskLine(line.slice(1), secrets);
  });
  return maskVerbatim(out.join('\n'), secrets);
}

export interface MaskedResource {
  readonly summary: string;
  readonly diff: string;
  /** Field changes with secret values masked (the JSON report prints them). */
  readonly fields: readonly FieldChange[];
  /** Secret values found (for masking other text about the same resource, e.g. danger messages). */
  readonly mask: (text: string) => string;
}

/** The summary and diff of a resource with secret-looking values masked. Pure. */
export function maskResource(resource: ResourceReport): MaskedResource {
  const found = new SecretValues();
  // The walk over the compared objects only collects secret values; the copies are not needed.
  maskTree(resource.before, top, found);
  maskTree(resource.after, top, found);
  const fields = resource.fields.map((f) => maskField(f, found));
  if (found.values.size === 0) return { summary: resource.summary, diff: resource.diff, fields: resource.fields, mask: (t) => t };
  // The summary is the diff engine's own wording, recomputed from masked field values so none leaks
  // through it (it reads the objects themselves only for topic counts, never for config values).
  const summary = summarizeChange({ ...resource, fields });
  return { summary: maskVerbatim(summary, found), diff: maskDiff(resource.diff, found), fields, mask: (t) => maskVerbatim(t, found) };
}
