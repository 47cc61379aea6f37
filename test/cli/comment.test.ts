/**
 * `rivven-gitops comment` end to end against the local GitHub-like server (GITHUB_API_URL pointed at
 * it): the output of `diff --format markdown` posted, re-posted unchanged, updated, split, and the
 * errors a CI log shows, none of which contains the token.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';
import { renderDiffMarkdown, renderDiffMarkdownParts } from '../../src/report/diff-markdown.js';
import { startFakeGitHub, type FakeGitHub } from '../github/fake-github.js';
import { dataDeletingRemoval, environment, report, retentionChange } from '../report/synthetic-report.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const token = 'ghp_CLItoken0123456789abcdefSECRETVALUE';

interface Result {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function run(argv: string[], env: Record<string, string>, cwd: string): Promise<Result> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { cwd, env: { NO_COLOR: '1', ...env }, isTTY: false, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  assert.not.ok(stdout.includes(token) || stderr.includes(token), 'the token was printed');
  return { code, stdout, stderr };
}

async function withFixture(body: (ctx: { gh: FakeGitHub; dir: string; env: Record<string, string> }) => Promise<void>): Promise<void> {
  const gh = await startFakeGitHub({ tokens: { [token]: { login: 'fleet-bot' } }, repos: { 'acme/fleet': [7] } });
  const dir = await mkdtemp(path.join(tmpdir(), 'rivven-comment-'));
  try {
    await body({ gh, dir, env: { GITHUB_TOKEN: token, GITHUB_API_URL: gh.url, GITHUB_REPOSITORY: 'acme/fleet' } });
  } finally {
    await gh.close();
    await rm(dir, { recursive: true, force: true });
  }
}

function diffOf(removed: number) {
  const removals = Array.from({ length: removed }, (_, i) => dataDeletingRemoval('rivven-prod', `legacy-${i}`));
  return report([environment('prod', 'rivven-prod', removals.map((r) => r.resource), removals.map((r) => r.danger))]);
}

test('posts the diff comment, leaves it alone when unchanged, edits it in place when the diff changes', async () => {
  await withFixture(async ({ gh, dir, env }) => {
    const file = path.join(dir, 'diff.md');
    await writeFile(file, renderDiffMarkdown(diffOf(1), { commit: 'aaa111' }));
    const first = await run(['comment', '--pr', '7', '--file', 'diff.md'], env, dir);
    assert.is(first.code, 0, first.stderr);
    const id = gh.comments[0]?.id ?? 0;
    assert.is(first.stdout, `created https://github.example/7#issuecomment-${id}\n`);

    const again = await run(['comment', '--pr', '7', '--file', file], env, dir);
    assert.is(again.stdout, `unchanged https://github.example/7#issuecomment-${id}\n`);
    assert.equal(gh.writes().map((r) => r.method), ['POST']);

    await writeFile(file, renderDiffMarkdown(diffOf(2), { commit: 'bbb222' }));
    const changed = await run(['comment', '--pr', '7', '--file', file], env, dir);
    assert.is(changed.stdout, `updated https://github.example/7#issuecomment-${id}\n`);
    assert.is(gh.comments.length, 1);
    assert.match(gh.comments[0]?.body ?? '', /legacy-1/);
  });
});

test('split output is posted as numbered comments; fewer parts later delete the rest', async () => {
  await withFixture(async ({ gh, dir, env }) => {
    const big = report([environment('prod', 'rivven-prod', Array.from({ length: 60 }, (_, i) => retentionChange('rivven-prod', `topic-${i}`)))]);
    const parts = renderDiffMarkdownParts(big, { maxBytes: 5_000 });
    assert.ok(parts.length >= 3, `${parts.length} parts`);
    const file = path.join(dir, 'diff.md');
    // As `diff --format markdown --split` prints them: one after another, a blank line between.
    await writeFile(file, parts.join('\n'));
    const posted = await run(['comment', '--pr', '7', '--file', file], env, dir);
    assert.is(posted.code, 0, posted.stderr);
    assert.match(posted.stdout, new RegExp(`^created \\S+ \\(${parts.length} parts\\)\\n`));
    assert.equal(gh.comments.map((c) => c.body), parts);

    await writeFile(file, renderDiffMarkdown(big));
    const single = await run(['comment', '--pr', '7', '--file', file], env, dir);
    assert.match(single.stdout, /^updated /);
    assert.is((single.stdout.match(/deleted /g) ?? []).length, parts.length - 1);
    assert.is(gh.comments.length, 1);
  });
});

test('errors are coded, exit 1, and never show the token', async () => {
  await withFixture(async ({ gh, dir, env }) => {
    const file = path.join(dir, 'diff.md');
    await writeFile(file, renderDiffMarkdown(diffOf(1)));
    const noToken = await run(['comment', '--pr', '7', '--file', file], { ...env, GITHUB_TOKEN: '' }, dir);
    assert.equal([noToken.code, /RG960/.test(noToken.stderr)], [1, true]);
    const noRepo = await run(['comment', '--pr', '7', '--file', file], { ...env, GITHUB_REPOSITORY: '' }, dir);
    assert.equal([noRepo.code, /RG961/.test(noRepo.stderr)], [1, true]);
    const badPr = await run(['comment', '--pr', 'seven', '--file', file], env, dir);
    assert.equal([badPr.code, /--pr must be a pull request number/.test(badPr.stderr)], [1, true]);
    const missingPr = await run(['comment', '--pr', '8', '--file', file], env, dir);
    assert.equal([missingPr.code, /RG964/.test(missingPr.stderr)], [1, true]);
    gh.faults.push({ method: 'GET', path: /\/user$/, status: 401, echoAuthorization: true });
    const rejected = await run(['comment', '--pr', '7', '--file', file], env, dir);
    assert.equal([rejected.code, /RG962/.test(rejected.stderr)], [1, true]);
    await writeFile(file, 'npm WARN something\n');
    const notADiff = await run(['comment', '--pr', '7', '--file', file], env, dir);
    assert.equal([notADiff.code, /RG970/.test(notADiff.stderr)], [1, true]);
    const missingFile = await run(['comment', '--pr', '7', '--file', 'nope.md'], env, dir);
    assert.equal([missingFile.code, /RG970.*does not exist/.test(missingFile.stderr)], [1, true]);
    assert.equal(gh.writes(), []);
  });
});

test('--repo wins over GITHUB_REPOSITORY', async () => {
  await withFixture(async ({ gh, dir, env }) => {
    const file = path.join(dir, 'diff.md');
    await writeFile(file, renderDiffMarkdown(diffOf(1)));
    const result = await run(['comment', '--pr', '7', '--repo', 'acme/fleet', '--file', file], { ...env, GITHUB_REPOSITORY: 'other/repo' }, dir);
    assert.is(result.code, 0, result.stderr);
    assert.ok(gh.requests.some((r) => r.path === '/repos/acme/fleet/issues/7/comments'));
  });
});

test('reads the comment from stdin when no --file is given', async () => {
  await withFixture(async ({ gh, env }) => {
    const script = `import { main } from './src/cli/main.ts'; process.exitCode = await main(['comment', '--pr', '7']);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: repoRoot,
      env: { ...process.env, ...env, NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.stdin.end(renderDiffMarkdown(diffOf(1)));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.is(code, 0, out);
    assert.match(out, /^created https:\/\/github\.example\/7#issuecomment-\d+\n$/);
    assert.not.ok(out.includes(token));
    assert.is(gh.comments.length, 1);
  });
});

test.run();
