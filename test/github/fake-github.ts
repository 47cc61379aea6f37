/**
 * A local HTTP server on 127.0.0.1 that behaves like GitHub's issue-comments API, as far as
 * `rivven-gitops comment` uses it: GET /user, list with `per_page`/`page` and a Link header, POST,
 * PATCH, DELETE, bearer tokens (401 "Bad credentials"), installation tokens (403 on /user, comments by
 * github-actions[bot]), read-only tokens (403 on writes), 404 for unknown repositories and pull requests,
 * 422 "body is too long" over 65,536 characters. Faults can be queued per route (status, headers,
 * "apply then fail", hang), and every request is recorded.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeToken {
  /** The login the token belongs to; `undefined` for an installation token (GET /user answers 403). */
  readonly login?: string;
  /** @default true */
  readonly canWrite?: boolean;
}

export interface StoredComment {
  readonly id: number;
  body: string;
  readonly login: string;
  readonly issue: number;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly authorization: string | undefined;
}

export interface Fault {
  readonly method: string;
  readonly path: RegExp;
  /** How many matching requests it answers. @default 1 */
  times?: number;
  readonly status?: number;
  readonly headers?: Record<string, string>;
  /** Response body (JSON). */
  readonly body?: unknown;
  /** Answer with a message that quotes the Authorization header (GitHub never does; redaction must cope). */
  readonly echoAuthorization?: boolean;
  /** Apply the request as usual, then answer with this fault (a write that "failed" but happened). */
  readonly afterApply?: boolean;
  /** Never answer (until the server closes). */
  readonly hang?: boolean;
}

export interface FakeGitHubOptions {
  readonly tokens: Readonly<Record<string, FakeToken>>;
  /** `owner/name` → pull request numbers that exist. */
  readonly repos: Readonly<Record<string, readonly number[]>>;
  /** Mount point of the API (`/api/v3` for GitHub Enterprise Server). @default '' */
  readonly prefix?: string;
  /** Page size when the client sends no per_page (GitHub's default is 30). */
  readonly defaultPerPage?: number;
  /** Where next-page links point (to test that foreign links are not followed). */
  readonly linkOrigin?: string;
}

export interface FakeGitHub {
  readonly url: string;
  readonly comments: StoredComment[];
  readonly requests: RecordedRequest[];
  readonly faults: Fault[];
  add(issue: number, login: string, body: string): StoredComment;
  /** Requests that change something (POST, PATCH, DELETE). */
  writes(): RecordedRequest[];
  close(): Promise<void>;
}

const maxBody = 65_536;

export async function startFakeGitHub(options: FakeGitHubOptions): Promise<FakeGitHub> {
  const prefix = options.prefix ?? '';
  const comments: StoredComment[] = [];
  const requests: RecordedRequest[] = [];
  const faults: Fault[] = [];
  const hanging = new Set<http.ServerResponse>();
  let nextId = 1000;

  const add = (issue: number, login: string, body: string): StoredComment => {
    const c = { id: nextId++, body, login, issue };
    comments.push(c);
    return c;
  };
  const view = (c: StoredComment) => ({
    id: c.id,
    body: c.body,
    html_url: `https://github.example/${c.issue}#issuecomment-${c.id}`,
    user: { login: c.login, type: c.login.endsWith('[bot]') ? 'Bot' : 'User' },
  });

  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const method = req.method ?? 'GET';
      const authorization = req.headers['authorization'];
      requests.push({ method, path: url.pathname, query: url.search, authorization });
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
        res.end(body === undefined ? '' : JSON.stringify(body));
      };

      const fault = faults.find((f) => f.method === method && f.path.test(url.pathname) && (f.times ?? 1) > 0);
      if (fault) fault.times = (fault.times ?? 1) - 1;
      if (fault?.hang) {
        hanging.add(res);
        return;
      }
      const answerFault = (f: Fault) =>
        send(f.status ?? 500, f.echoAuthorization ? { message: `Bad credentials: ${String(authorization)}` } : (f.body ?? { message: 'Server Error' }), f.headers);
      if (fault && !fault.afterApply) return answerFault(fault);

      const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => (fault ? answerFault(fault) : send(status, body, headers));
      const token = /^(?:Bearer|token) (.+)$/.exec(authorization ?? '')?.[1];
      const who = token === undefined ? undefined : options.tokens[token];
      if (who === undefined) return send(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' });
      if (!url.pathname.startsWith(prefix)) return send(404, { message: 'Not Found' });
      const path = url.pathname.slice(prefix.length);
      const login = who.login ?? 'github-actions[bot]';

      if (method === 'GET' && path === '/user') {
        if (who.login === undefined) return send(403, { message: 'Resource not accessible by integration' });
        return reply(200, { login: who.login, id: 1 });
      }
      const list = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(path);
      const one = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(path);
      const repo = list ?? one;
      if (!repo) return send(404, { message: 'Not Found' });
      const prs = options.repos[`${repo[1]}/${repo[2]}`];
      if (prs === undefined) return send(404, { message: 'Not Found' });
      const isWrite = method !== 'GET';
      if (isWrite && who.canWrite === false) return send(403, { message: 'Resource not accessible by integration' });

      if (list) {
        const issue = Number(list[3]);
        if (!prs.includes(issue)) return send(404, { message: 'Not Found' });
        if (method === 'GET') {
          const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? options.defaultPerPage ?? 30));
          const page = Number(url.searchParams.get('page') ?? 1);
          const all = comments.filter((c) => c.issue === issue);
          const pages = Math.max(1, Math.ceil(all.length / perPage));
          const links: string[] = [];
          const origin = options.linkOrigin ?? `http://${req.headers.host ?? '127.0.0.1'}`;
          const pageUrl = (n: number) => `${origin}${url.pathname}?per_page=${perPage}&page=${n}`;
          if (page < pages) links.push(`<${pageUrl(page + 1)}>; rel="next"`, `<${pageUrl(pages)}>; rel="last"`);
          if (page > 1) links.push(`<${pageUrl(1)}>; rel="first"`, `<${pageUrl(page - 1)}>; rel="prev"`);
          return reply(200, all.slice((page - 1) * perPage, page * perPage).map(view), links.length > 0 ? { link: links.join(', ') } : {});
        }
        if (method === 'POST') {
          const body = parseBody(raw);
          if (body === undefined) return send(422, { message: 'Validation Failed', errors: [{ resource: 'IssueComment', code: 'missing_field', field: 'body' }] });
          if (body.length > maxBody) {
            return send(422, {
              message: 'Validation Failed',
              errors: [{ resource: 'IssueComment', code: 'custom', field: 'body', message: `body is too long (maximum is ${maxBody} characters)` }],
              documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
            });
          }
          return reply(201, view(add(issue, login, body)));
        }
        return send(404, { message: 'Not Found' });
      }
      if (one) {
        const comment = comments.find((c) => c.id === Number(one[3]));
        if (comment === undefined) return send(404, { message: 'Not Found' });
        if (method === 'PATCH') {
          const body = parseBody(raw);
          if (body === undefined) return send(422, { message: 'Validation Failed' });
          if (body.length > maxBody) return send(422, { message: 'Validation Failed', errors: [{ resource: 'IssueComment', code: 'custom', field: 'body', message: `body is too long (maximum is ${maxBody} characters)` }] });
          comment.body = body;
          return reply(200, view(comment));
        }
        if (method === 'DELETE') {
          comments.splice(comments.indexOf(comment), 1);
          if (fault) return answerFault(fault);
          res.writeHead(204);
          return res.end();
        }
        if (method === 'GET') return reply(200, view(comment));
      }
      return send(404, { message: 'Not Found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address: AddressInfo | string | null = server.address();
  if (address === null || typeof address === 'string') throw new Error('the fake GitHub server has no port');
  return {
    url: `http://127.0.0.1:${address.port}${prefix}`,
    comments,
    requests,
    faults,
    add,
    writes: () => requests.filter((r) => r.method !== 'GET'),
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function parseBody(raw: string): string | undefined {
  try {
    const json: unknown = JSON.parse(raw);
    if (json !== null && typeof json === 'object' && 'body' in json && typeof json.body === 'string') return json.body;
  } catch {
    return undefined;
  }
  return undefined;
}
