/**
 * RG327: a credential written in the configuration. Whatever is in the config is committed to Git,
 * rendered into out/ (which Argo CD syncs and anyone with read access to the repository or the cluster
 * reads) and shown in diffs and pull-request comments; credentials belong in Secrets, referenced by name.
 *
 * Where people paste credentials, and how each is recognised:
 * - free-form maps (a connector's `config`, labels, annotations, topic `custom` settings, …): a key that
 *   ends in password, passwd, passphrase, secret, token, credential(s), apiKey/api_key, accessKey,
 *   secretKey or private_key, with a literal string or number value;
 * - environment variables: a name like that (`DB_PASSWORD`) with a literal `value`;
 * - any string anywhere: a URL with a password in it (`https://user:pass@host`), or a `key=value` /
 *   `key: value` pair with such a key inside it (JDBC URLs, JAAS lines, pasted YAML).
 * Not credentials: placeholders (`${DB_PASSWORD}`, `$(DB_PASSWORD)`, `{{ .token }}`), masks without a
 * letter or digit (`***`), and keys that name where a secret is (`password_file`, `token_url`,
 * `secretName`, the model's `existingSecret` and `clientCASecret`). Messages never repeat the value; `redactCredentials` masks them in anything printed.
 */
import { z } from 'zod';
import { isRecord } from '../../core/json.js';
import type { Finding } from '../../errors/diagnostic.js';
import { configSchema } from '../../model/config.js';
import { envVar } from '../../model/primitives.js';
import type { ResolvedEnvironment } from '../../model/types.js';
import { formatPath, type PathSegment } from '../../core/path.js';
import { findingAt } from '../locate.js';
import { unwrapSchema } from '../../resolve/schema-at-path.js';
import { credentialCode, embeddedCredential, isCredentialValue, looksLikeCredentialKey } from '../../errors/credential-text.js';
import { defineRule } from '../define-rule.js';

interface Hit {
  readonly path: readonly PathSegment[];
  readonly what: 'key' | 'env' | 'url' | 'assignment';
}

/**
 * What the walk needs to know of one schema of the model. The walk asks the same few schemas the same
 * questions for every topic of every environment, and zod's class checks (`instanceof` runs a trait
 * lookup) and shape getters were most of this rule's time on a large fleet: each schema is asked once.
 */
class SchemaNode {
  /** A record whose values are free text or free data: its keys are the user's own. */
  readonly freeForm: boolean;
  readonly unknown: boolean;
  readonly envVar: boolean;
  /** Objects have a child schema per key; records and arrays one for every key. */
  private readonly kind: 'object' | 'collection' | 'leaf';
  /** Child nodes by key (by '' for records and arrays); null when the key leaves the model. */
  private readonly children = new Map<PathSegment, SchemaNode | null>();

  constructor(private readonly schema: z.core.$ZodType) {
    this.freeForm = isFreeFormRecord(schema);
    this.unknown = schema instanceof z.ZodUnknown;
    this.envVar = schema === envVar;
    this.kind = schema instanceof z.ZodObject ? 'object' : schema instanceof z.ZodRecord || schema instanceof z.ZodArray ? 'collection' : 'leaf';
  }

  child(key: PathSegment): SchemaNode | undefined {
    if (this.kind === 'leaf') return undefined;
    const cacheKey = this.kind === 'object' ? key : '';
    let child = this.children.get(cacheKey);
    if (child === undefined) {
      const schema = findChildSchema(this.schema, key);
      child = schema === undefined ? null : nodeOf(schema);
      this.children.set(cacheKey, child);
    }
    return child ?? undefined;
  }
}

const nodes = new WeakMap<z.core.$ZodType, SchemaNode>();

function nodeOf(schema: z.core.$ZodType): SchemaNode {
  let node = nodes.get(schema);
  if (node === undefined) {
    node = new SchemaNode(schema);
    nodes.set(schema, node);
  }
  return node;
}

function isFreeFormRecord(schema: z.core.$ZodType): boolean {
  if (!(schema instanceof z.ZodRecord)) return false;
  const value = unwrapSchema(schema.valueType);
  return value instanceof z.ZodString || value instanceof z.ZodUnknown || value instanceof z.ZodUnion;
}

function findChildSchema(schema: z.core.$ZodType, key: PathSegment): z.core.$ZodType | undefined {
  if (schema instanceof z.ZodObject) {
    const shape: Record<string, z.core.$ZodType> = schema.shape;
    return typeof key === 'string' && Object.prototype.hasOwnProperty.call(shape, key) ? unwrapSchema(shape[key] ?? z.never()) : undefined;
  }
  if (schema instanceof z.ZodRecord) return unwrapSchema(schema.valueType);
  if (schema instanceof z.ZodArray) return unwrapSchema(schema.element);
  return undefined;
}

/**
 * One walk over a config. `path` is the walk's position, pushed and popped on the way down and copied
 * only into a hit. The same strings and keys come back for every topic (an ACL principal, a label
 * name), so what each was found to be is kept for the rest of the walk.
 */
interface Walk {
  readonly path: PathSegment[];
  readonly hits: Hit[];
  readonly embedded: Map<string, 'url' | 'assignment' | undefined>;
  readonly credentialKeys: Map<string, boolean>;
}

function embeddedIn(text: string, walk: Walk): 'url' | 'assignment' | undefined {
  // Both patterns need a `:` or an `=`: most strings (names, enum values, sizes) are answered at once.
  if (!text.includes(':') && !text.includes('=')) return undefined;
  if (walk.embedded.has(text)) return walk.embedded.get(text);
  const embedded = embeddedCredential(text);
  walk.embedded.set(text, embedded);
  return embedded;
}

function isCredentialKey(key: string, walk: Walk): boolean {
  let credential = walk.credentialKeys.get(key);
  if (credential === undefined) {
    credential = looksLikeCredentialKey(key);
    walk.credentialKeys.set(key, credential);
  }
  return credential;
}

/**
 * Walks the config with its schema; `freeForm` marks values below a free-form map (any depth). Keys
 * are visited in each object's own order; `inWalkOrder` then puts the (rare) hits in sorted-key order.
 */
function collect(value: unknown, schema: SchemaNode | undefined, freeForm: boolean, walk: Walk): void {
  const { path, hits } = walk;
  if (typeof value === 'string') {
    const embedded = embeddedIn(value, walk);
    if (embedded !== undefined) hits.push({ path: [...path], what: embedded });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      path.push(i);
      collect(item, schema?.child(i), freeForm, walk);
      path.pop();
    });
    return;
  }
  if (!isRecord(value)) return;
  if (schema?.envVar === true && typeof value['name'] === 'string' && looksLikeCredentialKey(value['name']) && isCredentialValue(value['value'])) {
    hits.push({ path: [...path, 'value'], what: 'env' });
    return;
  }
  const keysAreFree = freeForm || schema?.freeForm === true;
  for (const key of Object.keys(value)) {
    const child = value[key];
    if (keysAreFree && isCredentialKey(key, walk) && isCredentialValue(child)) {
      hits.push({ path: [...path, key], what: 'key' });
      continue;
    }
    // Most settings are scalars: a string is checked here (what it holds does not depend on its
    // schema), and numbers, booleans and null hold nothing to find: no schema lookup, no call.
    if (typeof child === 'string') {
      const embedded = embeddedIn(child, walk);
      if (embedded !== undefined) hits.push({ path: [...path, key], what: embedded });
      continue;
    }
    if (child === null || typeof child !== 'object') continue;
    const nested = schema?.child(key);
    path.push(key);
    collect(child, nested, keysAreFree && (nested === undefined || nested.unknown || freeForm), walk);
    path.pop();
  }
}

/**
 * Hits in the order of a walk that visits every object's keys sorted and array items by index, so the
 * findings keep one order whatever order the config was written in. Sorting the few hits, rather than
 * the keys of every object of the config, is the same order: no hit is a prefix of another (the walk
 * does not go below a hit), so two hits part at a key of one object or an index of one array.
 */
function inWalkOrder(hits: Hit[]): Hit[] {
  return hits.sort((a, b) => {
    for (let i = 0; i < a.path.length && i < b.path.length; i++) {
      const x = a.path[i];
      const y = b.path[i];
      if (x === y) continue;
      if (typeof x === 'number' && typeof y === 'number') return x - y;
      return String(x) < String(y) ? -1 : 1;
    }
    return a.path.length - b.path.length;
  });
}

const hints: Readonly<Record<Hit['what'], string>> = {
  key: 'Keep the value in a Secret and reference it: for a connector, configSecretRef: \'<secret>\' (its keys are merged into the connector config at runtime); labels, annotations and topic settings are readable by anyone who can read the object, so no credential belongs there.',
  env: "Reference the Secret instead of writing the value: { name: '…', secretKeyRef: { name: '<secret>', key: '<key>' } }.",
  url: 'Remove user:password@ from the URL and give the credentials through a Secret (configSecretRef for a connector; for Argo CD, a repository Secret in its namespace).',
  assignment: 'Remove the credential from the string and give it through a Secret (configSecretRef for a connector, secretKeyRef for an environment variable).',
};

function describe(hit: Hit): string {
  const where = formatPath(hit.path);
  switch (hit.what) {
    case 'key':
      return `${where} is a credential written in the config`;
    case 'env':
      return `${where} writes the value of the environment variable ${formatPath(hit.path.slice(0, -1))} (a credential, by its name) in the config`;
    case 'url':
      return `${where} is a URL with a user and password in it (scheme://user:***@host)`;
    case 'assignment':
      return `${where} holds a credential inside its text (a password=, token= or similar setting)`;
  }
}

export function checkSecretLiterals(env: ResolvedEnvironment): Finding[] {
  const walk: Walk = { path: [], hits: [], embedded: new Map(), credentialKeys: new Map() };
  collect(env.config, nodeOf(unwrapSchema(configSchema)), false, walk);
  return inWalkOrder(walk.hits).map((hit) =>
    findingAt(env, credentialCode, hit.path, {
      message: `${describe(hit)}: it would be committed to Git, written into out/ and shown in diffs and pull-request comments, so it is refused.`,
      hint: hints[hit.what],
    }),
  );
}

export const secretLiteralsRule = defineRule({
  scope: 'environment',
  codes: ['RG327'],
  severity: 'as-found',
  locate: 'provenance',
  check: checkSecretLiterals,
});
