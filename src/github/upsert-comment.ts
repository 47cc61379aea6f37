/**
 * Creates or updates the pull-request comment (or the numbered comments of a split diff) found by its
 * marker, so a pull request carries one current diff instead of one per push:
 * - the earlier comment is ours when its first line starts with the marker AND its author is the
 *   token's login (GET /user); an installation token (the workflow's GITHUB_TOKEN) cannot read
 *   /user (403), and then the author must be `github-actions[bot]`, the login such tokens post as;
 * - a part whose body is unchanged is not written at all; a changed one is edited in place (PATCH);
 *   a missing one is created (POST);
 * - our comments with a part number beyond the new count, and duplicates, are deleted, after the
 *   writes, so the pull request is never left without a comment.
 */
import { finding } from '../errors/catalog.js';
import { InternalError, UserError } from '../errors/diagnostic.js';
import { hasMarker, partIndex, sameBody } from './comment-parts.js';
import { GitHubClient, type GitHubClientOptions } from './github-client.js';
import {
  authenticatedLogin,
  createIssueComment,
  deleteIssueComment,
  listIssueComments,
  parseRepository,
  updateIssueComment,
  type IssueComment,
  type Repository,
} from './issue-comments.js';

export type CommentAction = 'created' | 'updated' | 'unchanged';

/** The login GitHub Actions' GITHUB_TOKEN comments as. */
export const actionsBotLogin = 'github-actions[bot]';

interface UpsertBase extends Omit<GitHubClientOptions, 'apiUrl'> {
  /** @default https://api.github.com */
  readonly apiUrl?: string;
  /** `owner/name`. */
  readonly repo: string;
  /** Pull request number. */
  readonly pr: number;
  /** What every one of our comments starts with, e.g. `<!-- rivven-gitops:diff`. */
  readonly marker: string;
  /** Whose comments are ours; default: the token's login, or github-actions[bot] (see above). */
  readonly author?: string;
}

export type UpsertCommentOptions = UpsertBase & ({ readonly body: string; readonly parts?: undefined } | { readonly parts: readonly string[]; readonly body?: undefined });

export interface PartResult {
  /** 1-based. */
  readonly index: number;
  readonly action: CommentAction;
  readonly id: number;
  readonly url: string;
}

export interface UpsertResult {
  /** `unchanged` when nothing was written, `created` when every part is new, `updated` otherwise. */
  readonly action: CommentAction;
  /** Link to the (first part of the) comment. */
  readonly url: string;
  readonly parts: readonly PartResult[];
  /** Stale parts and duplicates removed. */
  readonly deleted: readonly { readonly id: number; readonly url: string }[];
}

interface Ours {
  readonly comment: IssueComment;
  readonly index: number;
}

function bodiesOf(options: UpsertCommentOptions): readonly string[] {
  const bodies = options.parts ?? [options.body];
  if (bodies.length === 0 || bodies.some((b) => b.trim() === '')) {
    throw new UserError([finding('RG970', { path: 'comment', message: 'The comment to post is empty.' })]);
  }
  const unmarked = bodies.findIndex((b) => !hasMarker(b, options.marker));
  if (unmarked >= 0) {
    throw new UserError([finding('RG970', { path: 'comment', message: `Part ${unmarked + 1} does not start with the marker "${options.marker}", so it could never be found and updated again.` })]);
  }
  return bodies;
}

async function findOurs(client: GitHubClient, repo: Repository, pr: number, marker: string, authors: readonly string[]): Promise<Ours[]> {
  const comments = await listIssueComments(client, repo, pr);
  return comments
    .filter((c) => c.author !== undefined && authors.includes(c.author.toLowerCase()) && hasMarker(c.body, marker))
    .map((comment) => ({ comment, index: partIndex(comment.body) }))
    .sort((a, b) => a.comment.id - b.comment.id);
}

export async function upsertPullRequestComment(options: UpsertCommentOptions): Promise<UpsertResult> {
  if (!Number.isSafeInteger(options.pr) || options.pr < 1) throw new InternalError(`pull request number must be a positive integer, not ${options.pr}`);
  if (options.marker.trim() === '') throw new InternalError('the comment marker is empty');
  const repo = parseRepository(options.repo, 'repository');
  const bodies = bodiesOf(options);
  const client = new GitHubClient({ ...options, apiUrl: options.apiUrl ?? 'https://api.github.com' });

  const login = options.author ?? (await authenticatedLogin(client)) ?? actionsBotLogin;
  const authors = [login.toLowerCase()];
  const ours = await findOurs(client, repo, options.pr, options.marker, authors);

  // The oldest comment of each part is the one to keep; later ones are duplicates.
  const byPart = new Map<number, IssueComment>();
  const stale: IssueComment[] = [];
  for (const o of ours) {
    if (o.index <= bodies.length && !byPart.has(o.index)) byPart.set(o.index, o.comment);
    else stale.push(o.comment);
  }

  const parts: PartResult[] = [];
  for (const [i, body] of bodies.entries()) {
    const index = i + 1;
    const existing = byPart.get(index);
    if (existing !== undefined && sameBody(existing.body, body)) {
      parts.push({ index, action: 'unchanged', id: existing.id, url: existing.url });
    } else if (existing !== undefined) {
      const updated = await updateIssueComment(client, repo, existing.id, body);
      parts.push({ index, action: 'updated', id: updated.id, url: updated.url });
    } else {
      // A POST that failed with a 5xx or a timeout may still have created the comment: look before
      // posting again, so a retry never leaves two.
      const recover = async () => (await findOurs(client, repo, options.pr, options.marker, authors)).find((o) => o.index === index && sameBody(o.comment.body, body))?.comment;
      const created = await createIssueComment(client, repo, options.pr, body, recover);
      parts.push({ index, action: 'created', id: created.id, url: created.url });
    }
  }

  const deleted: { id: number; url: string }[] = [];
  for (const comment of stale) {
    await deleteIssueComment(client, repo, comment.id);
    deleted.push({ id: comment.id, url: comment.url });
  }

  const first = parts[0];
  if (first === undefined) throw new InternalError('no part was posted');
  const action: CommentAction =
    parts.every((p) => p.action === 'unchanged') && deleted.length === 0 ? 'unchanged' : parts.every((p) => p.action === 'created') ? 'created' : 'updated';
  return { action, url: first.url, parts, deleted };
}
