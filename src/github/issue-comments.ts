/**
 * The issue-comments API of a pull request (a pull request's conversation comments are issue
 * comments): list with pagination, create, update, delete, and who the token belongs to.
 */
import { z } from 'zod';
import { finding } from '../errors/catalog.js';
import { UserError } from '../errors/diagnostic.js';
import type { GitHubClient, GitHubResponse } from './github-client.js';

export interface Repository {
  readonly owner: string;
  readonly name: string;
}

export interface IssueComment {
  readonly id: number;
  readonly body: string;
  /** Link for people (`https://github.com/o/r/pull/5#issuecomment-1`). */
  readonly url: string;
  /** Login of the author; undefined for a deleted ("ghost") account. */
  readonly author?: string;
}

const commentSchema = z.object({
  id: z.number().int(),
  body: z.string().nullish(),
  html_url: z.string(),
  user: z.object({ login: z.string() }).nullish(),
});

/** Bounds the listing: 100 pages of 100 comments is more than any pull request holds. */
const maxPages = 100;

const namePattern = /^[A-Za-z0-9_.-]+$/;

/** `owner/name` as given to --repo or in GITHUB_REPOSITORY. */
export function parseRepository(value: string | undefined, source: string): Repository {
  const [owner, name, ...rest] = (value ?? '').trim().split('/');
  if (owner === undefined || name === undefined || rest.length > 0 || !namePattern.test(owner) || !namePattern.test(name)) {
    const shown = value === undefined || value.trim() === '' ? 'nothing' : `"${value}"`;
    throw new UserError([finding('RG961', { path: source, message: `${source} must name a repository as owner/name; it holds ${shown}.` })]);
  }
  return { owner, name };
}

function repoPath(repo: Repository): string {
  return `/repos/${encodeURIComponent(repo.owner)}/${encodeURIComponent(repo.name)}`;
}

function parseComment(json: unknown, where: string): IssueComment {
  const parsed = commentSchema.safeParse(json);
  if (!parsed.success) throw new UserError([finding('RG969', { path: where, message: `GitHub answered ${where} with something that is not an issue comment.` })]);
  const c = parsed.data;
  return { id: c.id, body: c.body ?? '', url: c.html_url, ...(c.user ? { author: c.user.login } : {}) };
}

/** The `rel="next"` URL of a Link header. */
export function nextLink(header: string | null): string | undefined {
  if (header === null) return undefined;
  for (const part of header.split(',')) {
    const m = /<([^>]*)>\s*;(.*)/.exec(part.trim());
    if (m && /\brel="?next"?/.test(m[2] ?? '')) return m[1];
  }
  return undefined;
}

export async function listIssueComments(client: GitHubClient, repo: Repository, issue: number): Promise<IssueComment[]> {
  const comments: IssueComment[] = [];
  let url: string | undefined = client.url(`${repoPath(repo)}/issues/${issue}/comments?per_page=100`);
  for (let page = 1; url !== undefined; page++) {
    const where = `${repoPath(repo)}/issues/${issue}/comments`;
    if (page > maxPages) throw new UserError([finding('RG969', { path: where, message: `GitHub kept sending more pages of comments after ${maxPages}.` })]);
    const response: GitHubResponse = await client.request('GET', url);
    if (!Array.isArray(response.json)) throw new UserError([finding('RG969', { path: where, message: `GitHub answered ${where} with something that is not a list of comments.` })]);
    for (const item of response.json) comments.push(parseComment(item, where));
    const next = nextLink(response.headers.get('link'));
    if (next !== undefined && !client.isOwnUrl(next)) {
      throw new UserError([finding('RG969', { path: where, message: `GitHub's next-page link points outside ${client.apiUrl}; it is not followed (the token would go there).` })]);
    }
    url = next;
  }
  return comments;
}

export async function createIssueComment(client: GitHubClient, repo: Repository, issue: number, body: string, recover?: () => Promise<IssueComment | undefined>): Promise<IssueComment> {
  const where = `${repoPath(repo)}/issues/${issue}/comments`;
  let recovered: IssueComment | undefined;
  const response = await client.request('POST', client.url(where), {
    body: { body },
    ...(recover
      ? {
          recover: async () => {
            recovered = await recover();
            return recovered ? { status: 201, headers: new Headers(), json: undefined } : undefined;
          },
        }
      : {}),
  });
  return recovered ?? parseComment(response.json, where);
}

export async function updateIssueComment(client: GitHubClient, repo: Repository, id: number, body: string): Promise<IssueComment> {
  const where = `${repoPath(repo)}/issues/comments/${id}`;
  const response = await client.request('PATCH', client.url(where), { body: { body } });
  return parseComment(response.json, where);
}

/** Deletes a comment; one already gone (404, e.g. deleted by a retry that did arrive) counts as deleted. */
export async function deleteIssueComment(client: GitHubClient, repo: Repository, id: number): Promise<void> {
  await client.request('DELETE', client.url(`${repoPath(repo)}/issues/comments/${id}`), { allow: [404] });
}

/**
 * The login the token belongs to, or undefined when GitHub does not say: an installation token (the
 * workflow's GITHUB_TOKEN) gets 403 "Resource not accessible by integration" from GET /user.
 */
export async function authenticatedLogin(client: GitHubClient): Promise<string | undefined> {
  const response = await client.request('GET', client.url('/user'), { allow: [403] });
  if (response.status === 403) return undefined;
  const parsed = z.object({ login: z.string() }).safeParse(response.json);
  if (!parsed.success) throw new UserError([finding('RG969', { path: '/user', message: 'GitHub answered /user without a login.' })]);
  return parsed.data.login;
}
