/**
 * The commits of a range (`BASE..HEAD`: reachable from HEAD, not from BASE), each with its author, its
 * trailers as git parses them and its whole message: what the gate reads acknowledgements from. One
 * `git log`, oldest commit first.
 */
import { finding } from '../errors/catalog.js';
import { UserError } from '../errors/diagnostic.js';
import { run } from './git-source.js';

/** `BASE..HEAD` split into its refs, or undefined when it is not a two-dot range of plausible refs. */
export function parseCommitRange(range: string): { readonly base: string; readonly head: string } | undefined {
  const m = /^([^.\s][^\s]*?)\.\.([^.\s][^\s]*)$/.exec(range);
  if (m === null) return undefined;
  const [, base = '', head = ''] = m;
  // A ref starting with "-" would be read as an option; "..." (symmetric difference) is not accepted.
  if (base.startsWith('-') || head.startsWith('-') || base.endsWith('.') || head.startsWith('.')) return undefined;
  return { base, head };
}

/** One commit of the range, as git reports it. */
export interface CommitRecord {
  readonly sha: string;
  readonly author: { readonly name: string; readonly email: string };
  /** The message's trailers as git parses them (`%(trailers:only,unfold)`): `Key: value` lines. */
  readonly trailers: string;
  /** The whole message, to notice a `Rivven-Acknowledge` line git did not read as a trailer. */
  readonly body: string;
}

const field = '\x1f';

export async function readCommits(root: string, base: string, head: string): Promise<CommitRecord[]> {
  let output: Buffer;
  try {
    output = await run(root, ['log', '-z', '--reverse', `--format=%H${field}%an${field}%ae${field}%(trailers:only,unfold)${field}%B`, `${base}..${head}`, '--']);
  } catch (error) {
    const detail = error instanceof Error ? error.message.replace(/^fatal: /, '').split('\n')[0] : String(error);
    throw new UserError([finding('RG724', { path: `git:${base}..${head}`, message: `The commits ${base}..${head} cannot be read, so no acknowledgement can be: ${detail}.` })]);
  }
  const commits: CommitRecord[] = [];
  for (const record of output.toString('utf8').split('\0')) {
    if (record.trim() === '') continue;
    const [sha = '', name = '', email = '', trailers = '', ...body] = record.replace(/^\n/, '').split(field);
    commits.push({ sha, author: { name, email }, trailers, body: body.join(field) });
  }
  return commits;
}
