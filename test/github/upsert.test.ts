/**
 * upsertPullRequestComment against a local server that behaves like GitHub's issue-comments API: one
 * comment per pull request, updated in place, never re-posted when identical, split parts kept in step,
 * retries that stay bounded, coded errors, and a token that never shows.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { UserError } from '../../src/errors/diagnostic.js';
import { upsertPullRequestComment, type UpsertCommentOptions } from '../../src/github/upsert-comment.js';
import { startFakeGitHub, type FakeGitHub, type FakeGitHubOptions } from './fake-github.js';

const token = 'ghp_TESTtoken0123456789abcdefSECRET';
const appToken = 'ghs_INSTALLATIONtoken0123456789SECRET';
const readOnly = 'ghp_READONLYtoken0123456789abcdefSECRET';
const marker = '<!-- rivven-gitops:diff';
const body = (text: string, part?: string) => `${marker} v1 environments=dev,prod${part ? ` part=${part}` : ''} -->\n## rivven-gitops diff\n\n${text}\n`;

const serverOptions: FakeGitHubOptions = {
  tokens: { [token]: { login: 'rivven-bot' }, [appToken]: {}, [readOnly]: { login: 'reader', canWrite: false } },
  repos: { 'acme/fleet': [5, 6] },
};

async function withServer(run: (gh: FakeGitHub) => Promise<void>, options: Partial<FakeGitHubOptions> = {}): Promise<void> {
  const gh = await startFakeGitHub({ ...serverOptions, ...options });
  try {
    await run(gh);
  } finally {
    await gh.close();
  }
}

interface Run {
  readonly sleeps: number[];
  readonly upsert: (extra: Partial<Omit<UpsertCommentOptions, 'body' | 'parts'>> & ({ body: string } | { parts: readonly string[] })) => ReturnType<typeof upsertPullRequestComment>;
}

/** Options as the CLI passes them, with sleeps recorded instead of slept. */
function client(gh: FakeGitHub, base: { token?: string; now?: () => number } = {}): Run {
  const sleeps: number[] = [];
  return {
    sleeps,
    upsert: (extra) =>
      upsertPullRequestComment({
        apiUrl: gh.url,
        repo: 'acme/fleet',
        pr: 5,
        token: base.token ?? token,
        marker,
        sleep: async (ms) => void sleeps.push(ms),
        ...(base.now ? { now: base.now } : {}),
        ...extra,
      }),
  };
}

async function rejects(promise: Promise<unknown>): Promise<UserError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

function assertNoToken(text: string): void {
  for (const t of [token, appToken, readOnly]) assert.not.ok(text.includes(t), `the token leaked into: ${text}`);
}

test('first run creates; an identical re-run writes nothing; a changed run updates the same comment', async () => {
  await withServer(async (gh) => {
    const run = client(gh);
    const first = await run.upsert({ body: body('prod: 2 changes') });
    assert.is(first.action, 'created');
    assert.equal(gh.writes().map((r) => r.method), ['POST']);
    assert.is(gh.comments.length, 1);
    const id = gh.comments[0]?.id ?? 0;
    assert.is(first.url, `https://github.example/5#issuecomment-${id}`);

    const again = await run.upsert({ body: body('prod: 2 changes') });
    assert.is(again.action, 'unchanged');
    assert.equal(gh.writes().map((r) => r.method), ['POST'], 'an identical body must not be written again');

    const changed = await run.upsert({ body: body('prod: 3 changes, dangerous') });
    assert.is(changed.action, 'updated');
    assert.equal(gh.writes().map((r) => `${r.method} ${r.path}`), ['POST /repos/acme/fleet/issues/5/comments', `PATCH /repos/acme/fleet/issues/comments/${id}`]);
    assert.equal(gh.comments.map((c) => [c.id, c.body]), [[id, body('prod: 3 changes, dangerous')]]);
    // The marker identifies the comment, whatever the commit and environments in it.
    const otherCommit = await run.upsert({ body: `${marker} v1 environments=dev commit=abc -->\nnew` });
    assert.is(otherCommit.action, 'updated');
    assert.is(gh.comments.length, 1);
  });
});

test('the earlier comment is found on page 3 of the comments (per_page=100, Link header)', async () => {
  await withServer(async (gh) => {
    for (let i = 0; i < 230; i++) gh.add(5, i % 2 === 0 ? 'alice' : 'bob', `looks good ${i}`);
    const ours = gh.add(5, 'rivven-bot', body('old'));
    gh.add(6, 'rivven-bot', body('another pull request'));
    const result = await client(gh).upsert({ body: body('new') });
    assert.is(result.action, 'updated');
    assert.is(result.parts[0]?.id, ours.id);
    const lists = gh.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/issues/5/comments'));
    assert.equal(lists.map((r) => r.query), ['?per_page=100', '?per_page=100&page=2', '?per_page=100&page=3']);
    assert.is(gh.comments.find((c) => c.issue === 6)?.body, body('another pull request'));
  });
});

test("a comment by someone else that carries the marker (a quote) is never edited", async () => {
  await withServer(async (gh) => {
    const quote = gh.add(5, 'alice', body('quoted by a human'));
    const result = await client(gh).upsert({ body: body('ours') });
    assert.is(result.action, 'created');
    assert.is(quote.body, body('quoted by a human'));
    assert.is(gh.comments.length, 2);
  });
});

test('an installation token (GET /user is 403) finds and writes comments as github-actions[bot]', async () => {
  await withServer(async (gh) => {
    const earlier = gh.add(5, 'github-actions[bot]', body('old'));
    gh.add(5, 'rivven-bot', body('a different bot'));
    const result = await client(gh, { token: appToken }).upsert({ body: body('new') });
    assert.is(result.action, 'updated');
    assert.is(result.parts[0]?.id, earlier.id);
    assert.is(earlier.body, body('new'));
    const again = await client(gh, { token: appToken }).upsert({ body: body('new') });
    assert.is(again.action, 'unchanged');
  });
});

test('split parts: created in order, unchanged parts not written, stale parts deleted', async () => {
  await withServer(async (gh) => {
    const run = client(gh);
    const three = await run.upsert({ parts: [body('one', '1/3'), body('two', '1/3').replace('1/3', '2/3'), body('three', '3/3')] });
    assert.is(three.action, 'created');
    assert.equal(three.parts.map((p) => p.action), ['created', 'created', 'created']);
    const [p1, p2, p3] = gh.comments.map((c) => c.id);

    const before = gh.writes().length;
    const two = await run.upsert({ parts: [body('one, changed', '1/2'), body('two', '2/3')] });
    assert.is(two.action, 'updated');
    assert.equal(two.parts.map((p) => [p.index, p.action, p.id]), [[1, 'updated', p1], [2, 'unchanged', p2]]);
    assert.equal(two.deleted.map((d) => d.id), [p3]);
    assert.equal(gh.writes().slice(before).map((r) => `${r.method} ${r.path.split('/').pop() ?? ''}`), [`PATCH ${p1}`, `DELETE ${p3}`]);

    const single = await run.upsert({ body: body('all in one') });
    assert.equal(single.parts.map((p) => [p.action, p.id]), [['updated', p1]]);
    assert.equal(single.deleted.map((d) => d.id), [p2]);
    assert.equal(gh.comments.map((c) => c.id), [p1]);
  });
});

test('duplicates of our comment (from an earlier bug or a lost retry) are cleaned up, the oldest kept', async () => {
  await withServer(async (gh) => {
    const oldest = gh.add(5, 'rivven-bot', body('a'));
    const dup = gh.add(5, 'rivven-bot', body('a'));
    const result = await client(gh).upsert({ body: body('a') });
    assert.equal([result.action, result.parts[0]?.id, result.deleted.map((d) => d.id)], ['updated', oldest.id, [dup.id]]);
  });
});

test('5xx answers are retried with backoff, then succeed', async () => {
  await withServer(async (gh) => {
    gh.faults.push({ method: 'GET', path: /\/issues\/5\/comments$/, status: 502, times: 2 });
    gh.faults.push({ method: 'POST', path: /\/issues\/5\/comments$/, status: 503, times: 1 });
    const run = client(gh);
    const result = await run.upsert({ body: body('x') });
    assert.is(result.action, 'created');
    assert.is(gh.comments.length, 1);
    assert.equal(run.sleeps, [1000, 2000, 1000]);
  });
});

test('a POST that failed after GitHub stored the comment is not posted twice', async () => {
  await withServer(async (gh) => {
    gh.faults.push({ method: 'POST', path: /\/issues\/5\/comments$/, status: 502, afterApply: true });
    const result = await client(gh).upsert({ body: body('x') });
    assert.is(result.action, 'created');
    assert.is(gh.comments.length, 1, 'the retry created a duplicate');
    assert.is(result.parts[0]?.id, gh.comments[0]?.id);
  });
});

test('rate limits wait as GitHub says (retry-after, x-ratelimit-reset), bounded', async () => {
  await withServer(async (gh) => {
    const now = 1_700_000_000_000;
    gh.faults.push({ method: 'GET', path: /\/issues\/5\/comments$/, status: 429, headers: { 'retry-after': '3' }, body: { message: 'You have exceeded a secondary rate limit.' } });
    gh.faults.push({
      method: 'POST',
      path: /\/issues\/5\/comments$/,
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 10) },
      body: { message: 'API rate limit exceeded for user ID 1.' },
    });
    const run = client(gh, { now: () => now });
    const result = await run.upsert({ body: body('x') });
    assert.is(result.action, 'created');
    assert.equal(run.sleeps, [3000, 11000]);
    assert.is(gh.comments.length, 1);

    gh.faults.push({ method: 'PATCH', path: /\/issues\/comments\/\d+$/, status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 3600) }, body: { message: 'API rate limit exceeded' } });
    const late = client(gh, { now: () => now });
    const error = await rejects(late.upsert({ body: body('y') }));
    assert.is(error.findings[0]?.code, 'RG966');
    assert.match(error.findings[0]?.message ?? '', /resets in 3601s/);
    assert.equal(late.sleeps, [], 'an hour-long wait must not be slept');
  });
});

test('5xx forever gives up after 5 attempts with RG967', async () => {
  await withServer(async (gh) => {
    gh.faults.push({ method: 'GET', path: /\/issues\/5\/comments$/, status: 500, times: 99 });
    const run = client(gh);
    const error = await rejects(run.upsert({ body: body('x') }));
    assert.is(error.findings[0]?.code, 'RG967');
    assert.equal(run.sleeps, [1000, 2000, 4000, 8000]);
    assert.is(gh.requests.filter((r) => r.path.endsWith('/comments')).length, 5);
  });
});

test('a server that does not answer times out (RG968)', async () => {
  await withServer(async (gh) => {
    gh.faults.push({ method: 'GET', path: /\/user$/, hang: true, times: 2 });
    const error = await rejects(upsertPullRequestComment({ apiUrl: gh.url, repo: 'acme/fleet', pr: 5, token, marker, body: body('x'), timeoutMs: 150, maxAttempts: 2, sleep: async () => {} }));
    assert.is(error.findings[0]?.code, 'RG968');
    assert.match(error.findings[0]?.message ?? '', /no answer within 0\.15s/);
  });
});

test('401, 403, 404 and 422 are coded errors that name the request', async () => {
  await withServer(async (gh) => {
    const bad = await rejects(client(gh, { token: 'ghp_WRONGtoken0123456789abcdef' }).upsert({ body: body('x') }));
    assert.equal([bad.findings[0]?.code, bad.findings[0]?.path], ['RG962', '/user']);
    assert.match(bad.findings[0]?.message ?? '', /Bad credentials/);

    const forbidden = await rejects(client(gh, { token: readOnly }).upsert({ body: body('x') }));
    assert.is(forbidden.findings[0]?.code, 'RG963');
    assert.match(forbidden.findings[0]?.message ?? '', /POST \/repos\/acme\/fleet\/issues\/5\/comments \(403\): Resource not accessible by integration/);

    const missing = await rejects(client(gh).upsert({ body: body('x'), pr: 404 }));
    assert.is(missing.findings[0]?.code, 'RG964');
    const noRepo = await rejects(client(gh).upsert({ body: body('x'), repo: 'acme/nope' }));
    assert.is(noRepo.findings[0]?.code, 'RG964');

    const tooLong = await rejects(client(gh).upsert({ body: body('x'.repeat(70_000)) }));
    assert.is(tooLong.findings[0]?.code, 'RG965');
    assert.match(tooLong.findings[0]?.message ?? '', /body is too long \(maximum is 65536 characters\)/);
    assert.match(tooLong.findings[0]?.hint ?? '', /--split/);
  });
});

test('bodies without the marker and bad repositories are refused before any request', async () => {
  await withServer(async (gh) => {
    assert.is((await rejects(client(gh).upsert({ body: 'no marker here' }))).findings[0]?.code, 'RG970');
    assert.is((await rejects(client(gh).upsert({ parts: [body('a'), 'stray text'] }))).findings[0]?.code, 'RG970');
    assert.is((await rejects(client(gh).upsert({ body: body('a'), repo: 'not a repo' }))).findings[0]?.code, 'RG961');
    assert.is((await rejects(client(gh).upsert({ body: body('a'), apiUrl: 'ftp://example.com' }))).findings[0]?.code, 'RG971');
    assert.equal(gh.requests, []);
  });
});

test('GitHub Enterprise: an API mounted under /api/v3 is used as given', async () => {
  await withServer(
    async (gh) => {
      assert.match(gh.url, /\/api\/v3$/);
      const result = await client(gh).upsert({ body: body('x') });
      assert.is(result.action, 'created');
      assert.ok(gh.requests.every((r) => r.path.startsWith('/api/v3/')));
    },
    { prefix: '/api/v3' },
  );
});

test('a next-page link to another host is not followed (the token would go there)', async () => {
  await withServer(
    async (gh) => {
      for (let i = 0; i < 120; i++) gh.add(5, 'alice', `c${i}`);
      const error = await rejects(client(gh).upsert({ body: body('x') }));
      assert.is(error.findings[0]?.code, 'RG969');
      assert.is(gh.requests.filter((r) => r.path.endsWith('/comments')).length, 1);
    },
    { linkOrigin: 'http://evil.example' },
  );
});

test('the token never appears in errors, even when GitHub quotes the Authorization header', async () => {
  await withServer(async (gh) => {
    const texts: string[] = [];
    gh.faults.push({ method: 'GET', path: /\/user$/, status: 401, echoAuthorization: true });
    const echoed = await rejects(client(gh).upsert({ body: body('x') }));
    texts.push(echoed.message, JSON.stringify(echoed.findings), String(echoed.stack));
    assert.match(echoed.findings[0]?.message ?? '', /Bad credentials: Bearer \*\*\*/);
    gh.faults.push({ method: 'GET', path: /\/issues\/5\/comments$/, status: 500, times: 99, echoAuthorization: true });
    const server = await rejects(client(gh).upsert({ body: body('x') }));
    texts.push(server.message, JSON.stringify(server.findings), String(server.stack));
    const hung = await rejects(upsertPullRequestComment({ apiUrl: 'http://127.0.0.1:1', repo: 'acme/fleet', pr: 5, token, marker, body: body('x'), maxAttempts: 1 }));
    texts.push(hung.message, JSON.stringify(hung.findings));
    for (const text of texts) assertNoToken(text);
    // The token did reach the server, in the header only.
    assert.ok(gh.requests.every((r) => r.authorization === `Bearer ${token}`));
  });
});

test.run();
