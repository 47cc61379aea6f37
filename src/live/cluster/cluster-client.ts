/**
 * Read-only GETs against the Kubernetes REST API. client-node turns the kubeconfig into TLS options and
 * an Authorization header (CA, client certificates, tokens, token files, auth providers, proxies); the
 * requests themselves are plain HTTPS so that every one has a deadline, timeouts and 5xx answers are
 * retried with backoff, and each failure is classified. It never sends anything but GET, and refuses
 * any path that would read Secrets, except a metadata-only list (`listNames`), whose answer is cut down
 * to names before anything else sees it.
 */
import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import type { Redactor } from './redact.js';

export type FailureReason = 'unreachable' | 'tls' | 'unauthorized' | 'forbidden' | 'not-found' | 'server-error' | 'timeout' | 'bad-response' | 'secrets-refused';

/** A request that failed for good (after retries where they apply). `detail` is already redacted. */
export class RequestFailure extends Error {
  constructor(
    readonly reason: FailureReason,
    readonly path: string,
    readonly detail: string,
    readonly status: number | undefined,
    readonly attempts: number,
  ) {
    super(`${reason}: GET ${path}: ${detail}`);
    this.name = 'RequestFailure';
  }
}

export interface ClusterClient {
  readonly server: string;
  /** GET a path under the server and parse the JSON answer. Throws `RequestFailure`. */
  getJson(path: string, query?: Readonly<Record<string, string>>): Promise<unknown>;
  /**
   * Lists a collection as metadata only (PartialObjectMetadataList) and keeps only each item's name,
   * namespace and labels, even from a server that ignores the Accept header: the one way Secrets are
   * read, by name, never their data. Follows `continue` pages.
   */
  listNames?(path: string, query?: Readonly<Record<string, string>>): Promise<NamedItem[]>;
  /**
   * Lists a collection as metadata only, keeping also annotations and the creation time (a
   * StorageClass is marked default by an annotation). Refused for Secrets, whose annotations may hold
   * their data (kubectl's last-applied-configuration).
   */
  listMetadata?(path: string, query?: Readonly<Record<string, string>>): Promise<MetadataItem[]>;
}

export interface NamedItem {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
}

export interface MetadataItem extends NamedItem {
  readonly annotations: Readonly<Record<string, string>>;
  /** RFC 3339, '' when the server sent none. */
  readonly creationTimestamp: string;
}

/** Asks the API server for metadata only; it then sends no `data` at all. */
export const metadataListAccept = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';

function stringRecord(value: unknown): Record<string, string> {
  if (value === null || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/**
 * Names, namespaces and labels of a list's items, and its continue token; everything else is dropped here
 * (a Secret's annotations can hold its data: kubectl's last-applied-configuration).
 */
function namesOf(body: unknown): { items: NamedItem[]; next: string | undefined } | undefined {
  const listed = metadataOf(body);
  return listed === undefined ? undefined : { items: listed.items.map(({ name, namespace, labels }) => ({ name, namespace, labels })), next: listed.next };
}

function continueOf(body: object): string | undefined {
  const listMeta: unknown = 'metadata' in body ? body.metadata : undefined;
  return listMeta !== null && typeof listMeta === 'object' && 'continue' in listMeta && typeof listMeta.continue === 'string' && listMeta.continue !== '' ? listMeta.continue : undefined;
}

/** A list's items as metadata (name, namespace, labels, annotations, creation time), and its continue token. */
function metadataOf(body: unknown): { items: MetadataItem[]; next: string | undefined } | undefined {
  if (body === null || typeof body !== 'object' || !('items' in body)) return undefined;
  const items = Array.isArray(body.items) ? body.items : [];
  const listed: MetadataItem[] = [];
  for (const item of items) {
    const meta: unknown = item !== null && typeof item === 'object' && 'metadata' in item ? item.metadata : undefined;
    if (meta === null || typeof meta !== 'object' || !('name' in meta) || typeof meta.name !== 'string') continue;
    const namespace = 'namespace' in meta && typeof meta.namespace === 'string' ? meta.namespace : '';
    const created = 'creationTimestamp' in meta && typeof meta.creationTimestamp === 'string' ? meta.creationTimestamp : '';
    listed.push({ name: meta.name, namespace, labels: 'labels' in meta ? stringRecord(meta.labels) : {}, annotations: 'annotations' in meta ? stringRecord(meta.annotations) : {}, creationTimestamp: created });
  }
  return { items: listed, next: continueOf(body) };
}

export interface ClusterClientOptions {
  readonly timeoutMs: number;
  readonly attempts: number;
  readonly retryDelayMs: number;
}

const maxRetryAfterMs = 5000;
const retryableStatus = new Set([429, 500, 502, 503, 504]);
const unreachableCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'EADDRNOTAVAIL']);
/** Connection dropped mid-way: worth another try, unlike a refused connection. */
const transientCodes = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);
const secretsPath = /^\/api\/v1\/(?:namespaces\/[^/]+\/)?secrets(?:\/|$)/;

interface Attempt {
  readonly status: number;
  readonly body: string;
  readonly retryAfterMs: number | undefined;
}

class AttemptError extends Error {
  constructor(readonly reason: FailureReason, readonly retryable: boolean, message: string) {
    super(message);
  }
}

function errorCode(error: unknown): string {
  return error !== null && typeof error === 'object' && 'code' in error && typeof error.code === 'string' ? error.code : '';
}

function isTlsCode(code: string): boolean {
  return /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|EPROTO|HOSTNAME_MISMATCH/.test(code);
}

/** The `message` of a Kubernetes Status object, else the start of the body (proxies answer with HTML). */
function statusMessage(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed !== null && typeof parsed === 'object' && 'message' in parsed && typeof parsed.message === 'string') return parsed.message;
  } catch {
    // not JSON: fall through
  }
  const text = body.replace(/\s+/g, ' ').trim();
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Prepares TLS and auth once from the kubeconfig (its current context must be the one to use). */
export async function createClusterClient(kubeConfig: KubeConfig, options: ClusterClientOptions, redactor: Redactor): Promise<ClusterClient> {
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster) throw new Error('createClusterClient: the kubeconfig has no current cluster');
  const server = cluster.server.replace(/\/+$/, '');
  const requestOptions: https.RequestOptions = {};
  await kubeConfig.applyToHTTPSOptions(requestOptions);
  const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': 'rivven-gitops (read-only diff)' };
  for (const [key, value] of Object.entries(requestOptions.headers ?? {})) {
    if (typeof value === 'string' || typeof value === 'number') headers[key] = String(value);
  }
  // Basic auth comes back as `auth: user:password`; send it as a header like kubectl does.
  if (requestOptions.auth) headers['Authorization'] = `Basic ${Buffer.from(requestOptions.auth).toString('base64')}`;
  for (const value of Object.values(headers)) if (value.startsWith('Bearer ') || value.startsWith('Basic ')) redactor.add(value.split(' ')[1]);
  const agent = requestOptions.agent;
  const transport = server.startsWith('http:') ? http : https;

  function attempt(url: URL, accept: string | undefined): Promise<Attempt> {
    return new Promise((resolve, reject) => {
      const req = transport.request(url, { method: 'GET', headers: accept === undefined ? headers : { ...headers, Accept: accept }, ...(agent === undefined ? {} : { agent }) }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          clearTimeout(timer);
          const retryAfter = Number(res.headers['retry-after']);
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), retryAfterMs: Number.isFinite(retryAfter) ? retryAfter * 1000 : undefined });
        });
        res.on('error', (error) => reject(error));
      });
      const timer = setTimeout(() => req.destroy(new AttemptError('timeout', true, `no answer within ${options.timeoutMs / 1000} s`)), options.timeoutMs);
      req.on('error', (error) => {
        clearTimeout(timer);
        if (error instanceof AttemptError) return reject(error);
        const code = errorCode(error);
        if (unreachableCodes.has(code)) return reject(new AttemptError('unreachable', false, `${code} (${error.message})`));
        if (transientCodes.has(code) || error.message === 'socket hang up') return reject(new AttemptError('unreachable', true, `${code || 'connection closed'} (${error.message})`));
        if (isTlsCode(code)) return reject(new AttemptError('tls', false, `${code}: ${error.message}`));
        reject(new AttemptError('unreachable', false, error.message));
      });
      req.end();
    });
  }

  async function getJson(path: string, query: Readonly<Record<string, string>> = {}): Promise<unknown> {
    if (secretsPath.test(path)) throw new RequestFailure('secrets-refused', path, 'rivven-gitops never reads Secrets', undefined, 0);
    return request(path, query, undefined);
  }

  /** Every page of a metadata-only list, each cut down by `pick` before anything else sees it. */
  async function listPages<T>(path: string, query: Readonly<Record<string, string>>, pick: (body: unknown) => { items: T[]; next: string | undefined } | undefined): Promise<T[]> {
    const all: T[] = [];
    let token: string | undefined;
    do {
      const page = pick(await request(path, { ...query, limit: '500', ...(token === undefined ? {} : { continue: token }) }, metadataListAccept));
      if (page === undefined) throw new RequestFailure('bad-response', path, 'the answer is not a list', 200, 1);
      all.push(...page.items);
      token = page.next;
    } while (token !== undefined);
    return all;
  }

  async function listNames(path: string, query: Readonly<Record<string, string>> = {}): Promise<NamedItem[]> {
    return listPages(path, query, namesOf);
  }

  async function listMetadata(path: string, query: Readonly<Record<string, string>> = {}): Promise<MetadataItem[]> {
    if (secretsPath.test(path)) throw new RequestFailure('secrets-refused', path, 'rivven-gitops never reads the metadata of Secrets beyond their names', undefined, 0);
    return listPages(path, query, metadataOf);
  }

  async function request(path: string, query: Readonly<Record<string, string>>, accept: string | undefined): Promise<unknown> {
    const url = new URL(`${server}${path}`);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    for (let n = 1; ; n += 1) {
      let reason: FailureReason;
      let detail: string;
      let status: number | undefined;
      let retryable: boolean;
      let waitMs: number | undefined;
      try {
        const answer = await attempt(url, accept);
        status = answer.status;
        if (status >= 200 && status < 300) {
          try {
            return JSON.parse(answer.body);
          } catch {
            throw new RequestFailure('bad-response', path, `HTTP ${status} with a body that is not JSON: ${redactor.redact(statusMessage(answer.body))}`, status, n);
          }
        }
        detail = `HTTP ${status}: ${redactor.redact(statusMessage(answer.body))}`;
        reason = status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : status === 404 ? 'not-found' : status >= 500 || status === 429 ? 'server-error' : 'bad-response';
        retryable = retryableStatus.has(status);
        waitMs = answer.retryAfterMs;
      } catch (error) {
        if (error instanceof RequestFailure) throw error;
        if (!(error instanceof AttemptError)) throw error;
        ({ reason, retryable } = error);
        detail = redactor.redact(error.message);
        status = undefined;
      }
      if (!retryable || n >= options.attempts) throw new RequestFailure(reason, path, detail, status, n);
      // Exponential backoff; a server's Retry-After is honoured, up to a few seconds.
      const backoff = options.retryDelayMs * 2 ** (n - 1);
      await sleep(waitMs === undefined ? backoff : Math.min(waitMs, maxRetryAfterMs));
    }
  }

  return { server, getJson, listNames, listMetadata };
}
