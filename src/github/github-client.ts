/**
 * A small GitHub REST client: bearer token, JSON, a timeout per request, bounded retries with backoff
 * for 5xx, network failures and rate limits (`retry-after`, `x-ratelimit-reset`), and coded errors for
 * what retrying cannot fix. The token goes into the Authorization header only; it is never part of a
 * message, and any text GitHub sends back is redacted before it reaches a finding.
 */
import { finding } from '../errors/catalog.js';
import { UserError } from '../errors/diagnostic.js';
import { isRecord } from '../core/json.js';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface GitHubClientOptions {
  /** `https://api.github.com` or `https://HOST/api/v3` (GitHub Enterprise Server). */
  readonly apiUrl: string;
  readonly token: string;
  /** @default global fetch */
  readonly fetch?: FetchLike;
  /** Waits between retries; tests pass one that records instead of sleeping. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Milliseconds since the epoch (to read `x-ratelimit-reset`). @default Date.now */
  readonly now?: () => number;
  /** Per request. @default 30_000 */
  readonly timeoutMs?: number;
  /** Tries per request, the first included. @default 5 */
  readonly maxAttempts?: number;
  /** Longest single wait; a rate limit that resets later fails at once (RG966). @default 60_000 */
  readonly maxWaitMs?: number;
}

export interface GitHubResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly json: unknown;
}

export interface RequestOptions {
  readonly body?: unknown;
  /**
   * Called before retrying a request that may have taken effect although it failed (a 5xx or a timeout
   * after a POST): when it finds the effect, that is the result and nothing is sent again.
   */
  readonly recover?: () => Promise<GitHubResponse | undefined>;
  /** Error statuses the caller handles itself (returned, not thrown). */
  readonly allow?: readonly number[];
}

const defaultApiUrl = 'https://api.github.com';

/** Replaces the token, and anything shaped like a GitHub token, in text that came from outside. */
export function redactToken(text: string, token: string): string {
  let out = token.length >= 4 ? text.split(token).join('***') : text;
  out = out.replace(/\b(gh[pousr]_[A-Za-z0-9_]{16,}|github_pat_[A-Za-z0-9_]{20,})\b/g, '***');
  return out.replace(/(authorization:\s*)(bearer|token)\s+\S+/gi, '$1$2 ***');
}

/** The API base URL, validated; trailing slashes dropped. */
export function parseApiUrl(value: string | undefined): string {
  const raw = value === undefined || value.trim() === '' ? defaultApiUrl : value.trim();
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UserError([finding('RG971', { path: 'GITHUB_API_URL', message: `GITHUB_API_URL "${raw}" is not a URL.` })]);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UserError([finding('RG971', { path: 'GITHUB_API_URL', message: `GITHUB_API_URL "${raw}" is not an http(s) URL.` })]);
  }
  if (url.username !== '' || url.password !== '') {
    throw new UserError([finding('RG971', { path: 'GITHUB_API_URL', message: 'GITHUB_API_URL must not carry credentials; the token comes from GITHUB_TOKEN.' })]);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** GitHub's own explanation: `message` plus the `errors[].message` of a 422. */
function githubMessage(json: unknown): string {
  if (!isRecord(json)) return '';
  const parts: string[] = [];
  if (typeof json['message'] === 'string') parts.push(json['message']);
  const errors = json['errors'];
  if (Array.isArray(errors)) {
    for (const e of errors) {
      if (typeof e === 'string') parts.push(e);
      else if (isRecord(e) && typeof e['message'] === 'string') parts.push(e['message']);
      else if (isRecord(e) && typeof e['code'] === 'string') parts.push(`${String(e['field'] ?? '')} ${e['code']}`.trim());
    }
  }
  return parts.join(': ');
}

type Outcome =
  | { readonly kind: 'ok'; readonly response: GitHubResponse }
  | { readonly kind: 'retry'; readonly waitMs?: number; readonly reason: 'server' | 'network' | 'rate'; readonly detail: string; readonly ambiguous: boolean }
  | { readonly kind: 'fail'; readonly error: UserError };

export class GitHubClient {
  readonly apiUrl: string;
  readonly #token: string;
  readonly #fetch: FetchLike;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #now: () => number;
  readonly #timeoutMs: number;
  readonly #maxAttempts: number;
  readonly #maxWaitMs: number;

  constructor(options: GitHubClientOptions) {
    this.apiUrl = parseApiUrl(options.apiUrl);
    this.#token = options.token;
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.#now = options.now ?? Date.now;
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#maxAttempts = Math.max(1, options.maxAttempts ?? 5);
    this.#maxWaitMs = options.maxWaitMs ?? 60_000;
  }

  /** Absolute URL of an API path (`/repos/o/r/...`). */
  url(path: string): string {
    return `${this.apiUrl}${path}`;
  }

  /**
   * True when `url` belongs to this API: pagination links are followed only there, so the token is
   * never sent to another host.
   */
  isOwnUrl(url: string): boolean {
    try {
      const u = new URL(url);
      const base = new URL(this.apiUrl);
      return u.origin === base.origin && (u.pathname === base.pathname || u.pathname.startsWith(`${base.pathname.replace(/\/$/, '')}/`));
    } catch {
      return false;
    }
  }

  redact(text: string): string {
    return redactToken(text, this.#token);
  }

  /** Where in the API a finding points: the path without host and query. */
  #where(url: string): string {
    try {
      return new URL(url).pathname;
    } catch {
      return url;
    }
  }

  async request(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, options: RequestOptions = {}): Promise<GitHubResponse> {
    const where = this.#where(url);
    let last: Extract<Outcome, { kind: 'retry' }> | undefined;
    for (let attempt = 1; attempt <= this.#maxAttempts; attempt++) {
      if (attempt > 1 && last !== undefined) {
        const wait = last.waitMs ?? Math.min(1_000 * 2 ** (attempt - 2), 30_000);
        if (wait > this.#maxWaitMs) return this.#fail(last, where, attempt - 1);
        await this.#sleep(wait);
        if (last.ambiguous && options.recover) {
          const recovered = await options.recover();
          if (recovered) return recovered;
        }
      }
      const outcome = await this.#once(method, url, options.body, where, options.allow ?? []);
      if (outcome.kind === 'ok') return outcome.response;
      if (outcome.kind === 'fail') throw outcome.error;
      last = { ...outcome, ambiguous: outcome.ambiguous && method === 'POST' };
    }
    return this.#fail(last, where, this.#maxAttempts);
  }

  #fail(last: Extract<Outcome, { kind: 'retry' }> | undefined, where: string, attempts: number): never {
    const detail = last?.detail ?? 'no answer';
    const tries = `${attempts} attempt${attempts === 1 ? '' : 's'}`;
    if (last?.reason === 'rate') {
      const wait = last.waitMs === undefined ? '' : ` (the limit resets in ${Math.ceil(last.waitMs / 1000)}s)`;
      throw new UserError([finding('RG966', { path: where, message: `GitHub rate limit after ${tries}: ${detail}${wait}.` })]);
    }
    if (last?.reason === 'server') throw new UserError([finding('RG967', { path: where, message: `GitHub kept failing after ${tries}: ${detail}.` })]);
    throw new UserError([finding('RG968', { path: where, message: `GitHub could not be reached after ${tries}: ${detail}.` })]);
  }

  async #once(method: string, url: string, body: unknown, where: string, allow: readonly number[]): Promise<Outcome> {
    let response: Response;
    try {
      response = await this.#fetch(url, {
        method,
        headers: {
          accept: 'application/vnd.github+json',
          authorization: `Bearer ${this.#token}`,
          'user-agent': 'rivven-gitops',
          'x-github-api-version': '2022-11-28',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        // Redirects (a renamed repository) are followed; fetch drops the Authorization header when a
        // redirect leaves the origin.
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
      const detail = timedOut ? `no answer within ${this.#timeoutMs / 1000}s` : `${error instanceof Error ? error.message : String(error)}${cause}`;
      return { kind: 'retry', reason: 'network', detail: this.redact(`${method} ${where}: ${detail}`), ambiguous: true };
    }
    const text = await response.text().catch(() => '');
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    const message = this.redact(githubMessage(json) || text.slice(0, 200).trim() || response.statusText);
    const status = response.status;
    if (status >= 200 && status < 300) {
      if (text !== '' && json === undefined) {
        return { kind: 'fail', error: new UserError([finding('RG969', { path: where, message: `${method} ${where} answered ${status} with a body that is not JSON.` })]) };
      }
      return { kind: 'ok', response: { status, headers: response.headers, json } };
    }
    const rate = this.#rateLimitWait(response, message);
    if (rate !== undefined) return { kind: 'retry', reason: 'rate', ...(rate >= 0 ? { waitMs: rate } : {}), detail: `${status} ${message}`, ambiguous: false };
    if (allow.includes(status)) return { kind: 'ok', response: { status, headers: response.headers, json } };
    if (status >= 500) {
      const retryAfter = Number(response.headers.get('retry-after') ?? NaN);
      const waitMs = Number.isFinite(retryAfter) ? Math.max(0, retryAfter * 1000) : undefined;
      return { kind: 'retry', reason: 'server', ...(waitMs === undefined ? {} : { waitMs }), detail: `${method} ${where} answered ${status} ${message}`, ambiguous: true };
    }
    const refusal = `GitHub refused ${method} ${where} (${status})${message ? `: ${message}` : ''}.`;
    const code = status === 401 ? 'RG962' : status === 403 ? 'RG963' : status === 404 ? 'RG964' : status === 422 ? 'RG965' : 'RG969';
    return { kind: 'fail', error: new UserError([finding(code, { path: where, message: refusal })]) };
  }

  /**
   * Milliseconds to wait when the answer is a rate limit (-1: limited, no hint when it resets),
   * undefined when it is not one. GitHub signals primary limits with 403/429 and `x-ratelimit-remaining: 0`,
   * secondary limits with `retry-after` or a message about a secondary rate limit.
   */
  #rateLimitWait(response: Response, message: string): number | undefined {
    if (response.status !== 403 && response.status !== 429) return undefined;
    const retryAfter = response.headers.get('retry-after');
    if (retryAfter !== null) {
      const seconds = Number(retryAfter);
      if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
      const date = Date.parse(retryAfter);
      if (Number.isFinite(date)) return Math.max(0, date - this.#now());
    }
    const remaining = response.headers.get('x-ratelimit-remaining');
    const reset = Number(response.headers.get('x-ratelimit-reset'));
    if (remaining === '0' && Number.isFinite(reset) && reset > 0) return Math.max(0, reset * 1000 - this.#now()) + 1_000;
    if (response.status === 429 || remaining === '0' || /rate limit/i.test(message)) return /secondary/i.test(message) ? 60_000 : -1;
    return undefined;
  }
}
