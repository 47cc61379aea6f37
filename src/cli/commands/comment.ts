import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { finding } from '../../errors/catalog.js';
import { UserError } from '../../errors/diagnostic.js';
import { parseCommandArgs } from '../args.js';
import type { CliContext, Command } from '../context.js';
import { exitCodes } from '../context.js';
import { UsageError } from '../usage-error.js';

const options = {
  pr: { type: 'string' },
  repo: { type: 'string' },
  file: { type: 'string' },
  author: { type: 'string' },
} as const;

export const commentCommand: Command = {
  summary: 'post or update the pull-request comment written by `diff --format markdown`',
  help: [
    'Usage: rivven-gitops comment --pr N [--repo owner/name] [--file PATH] [--author LOGIN]',
    '',
    'Posts the Markdown of `rivven-gitops diff --format markdown` (from PATH, or stdin) as a comment on',
    'pull request N, through the GitHub REST API. The comment is found again by its hidden marker line',
    'and its author, and edited in place: one comment per pull request, never re-written when the body',
    'is unchanged. Output of `diff --format markdown --split` (several parts, each with its own marker)',
    'is posted as numbered comments; parts no longer needed are deleted.',
    '',
    'Options:',
    '  --pr N            pull request number (required)',
    '  --repo OWNER/NAME repository (default: GITHUB_REPOSITORY)',
    '  --file PATH       the Markdown to post (default: stdin; `-` for stdin)',
    '  --author LOGIN    whose comments are ours (default: the token\'s login, or github-actions[bot]',
    '                    for the workflow token, which cannot read its own login)',
    '',
    'Environment:',
    '  GITHUB_TOKEN       token allowed to write pull-request comments (required; never printed)',
    '  GITHUB_API_URL     API base URL (default https://api.github.com; GitHub Enterprise: https://HOST/api/v3)',
    '  GITHUB_REPOSITORY  owner/name, when --repo is not given (GitHub Actions sets it)',
    '',
    'Prints "created", "updated" or "unchanged" and the comment URL.',
    'Exit codes: 0 posted (or already up to date), 1 errors.',
  ].join('\n'),
  async run(argv: readonly string[], context: CliContext): Promise<number> {
    const { values, positionals } = parseCommandArgs(argv, options);
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0] ?? ''}"`);
    if (values.pr === undefined) throw new UsageError('--pr is required: the pull request number');
    if (!/^[1-9][0-9]*$/.test(values.pr) || !Number.isSafeInteger(Number(values.pr))) throw new UsageError(`--pr must be a pull request number, not "${values.pr}"`);
    const token = context.env['GITHUB_TOKEN']?.trim() ?? '';
    if (token === '') throw new UserError([finding('RG960', { path: 'GITHUB_TOKEN', message: 'GITHUB_TOKEN is not set, so the comment cannot be posted.' })]);
    const repo = values.repo ?? context.env['GITHUB_REPOSITORY'];
    const repoSource = values.repo === undefined ? 'GITHUB_REPOSITORY' : '--repo';
    if (repo === undefined || repo.trim() === '') {
      throw new UserError([finding('RG961', { path: repoSource, message: 'No repository given: pass --repo owner/name or set GITHUB_REPOSITORY.' })]);
    }

    const input = values.file === undefined || values.file === '-' ? await readStdin() : await readInput(path.resolve(context.cwd, values.file));
    const { diffMarkerPrefix } = await import('../../report/markdown-marker.js');
    const { splitParts } = await import('../../github/comment-parts.js');
    const { parts, preamble } = splitParts(input, diffMarkerPrefix);
    if (parts.length === 0) {
      throw new UserError([finding('RG970', { path: values.file ?? 'stdin', message: `The input holds no "${diffMarkerPrefix}" marker line: it is not the output of \`rivven-gitops diff --format markdown\`.` })]);
    }
    if (preamble.trim() !== '') {
      throw new UserError([finding('RG970', { path: values.file ?? 'stdin', message: 'The input has text before its first marker line (a warning printed into the file?); only the diff\'s own output can be posted.' })]);
    }

    const { upsertPullRequestComment } = await import('../../github/upsert-comment.js');
    const { parseRepository } = await import('../../github/issue-comments.js');
    parseRepository(repo, repoSource);
    const result = await upsertPullRequestComment({
      apiUrl: context.env['GITHUB_API_URL'] ?? '',
      repo,
      pr: Number(values.pr),
      token,
      marker: diffMarkerPrefix,
      ...(values.author === undefined ? {} : { author: values.author }),
      ...(parts.length === 1 ? { body: parts[0] ?? '' } : { parts }),
    });
    const lines = [`${result.action} ${result.url}${result.parts.length > 1 ? ` (${result.parts.length} parts)` : ''}`];
    if (result.parts.length > 1) for (const p of result.parts) lines.push(`  part ${p.index}/${result.parts.length} ${p.action} ${p.url}`);
    for (const d of result.deleted) lines.push(`  deleted ${d.url} (no longer needed)`);
    context.stdout(`${lines.join('\n')}\n`);
    return exitCodes.ok;
  },
};

async function readInput(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error && error.code === 'ENOENT' ? 'it does not exist' : error instanceof Error ? error.message : String(error);
    throw new UserError([finding('RG970', { path: file, message: `Cannot read ${file}: ${reason}.`, hint: 'Check the path given to --file (relative to the current directory).' })]);
  }
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new UsageError('no input: pass --file PATH, or pipe the output of `rivven-gitops diff --format markdown`');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}
