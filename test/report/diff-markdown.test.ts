/**
 * The Markdown PR comment as reviewers see it: golden comments for the example fleet's typical changes,
 * GitHub's size limit with thousands of topics, UTF-8 and fences never cut, backticks, escaping and
 * masked secrets.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderDiffMarkdown, renderDiffMarkdownParts } from '../../src/report/diff-markdown.js';
import { fenceFor } from '../../src/report/markdown-escape.js';
import type { DiffReport, EnvironmentReport } from '../../src/diff/types.js';
import type { K8sObject } from '../../src/render/k8s-object.js';
import { exampleReport, repoRoot } from './example-report.js';
import { evaluateGate } from '../../src/gate/evaluate-gate.js';
import { parseAcknowledgements } from '../../src/gate/parse-acknowledgements.js';
import { bytes, checkFences, roundTrips } from './markdown-check.js';
import { dataDeletingRemoval, environment, labelChange, partitionIncrease, report, resource, retentionChange, topicObject } from './synthetic-report.js';

const goldenDir = path.join(repoRoot, 'test/fixtures/report');

/** Compares with test/fixtures/report/<name>; UPDATE=1 rewrites it. */
function checkGolden(actual: string, name: string): void {
  const file = path.join(goldenDir, name);
  if (process.env['UPDATE'] === '1') {
    mkdirSync(goldenDir, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  assert.ok(existsSync(file), `${file}: golden file missing (run with UPDATE=1 to write it)`);
  assert.fixture(actual, readFileSync(file, 'utf8'), `${file} differs (review the diff, then UPDATE=1)`);
}

function assertWellFormed(markdown: string, maxBytes = 65_000): void {
  assert.ok(bytes(markdown) <= maxBytes, `${bytes(markdown)} bytes > ${maxBytes}`);
  assert.ok(roundTrips(markdown), 'the body is not intact UTF-8');
  const fences = checkFences(markdown);
  assert.is(fences.openAt, undefined, `a fence opened at line ${fences.openAt ?? 0} is never closed`);
  assert.is(fences.detailsBalance, 0, '<details> and </details> do not pair up');
}

/** The lines a reader sees of one environment's section (from its title to the next title). */
function section(markdown: string, env: string): string {
  const start = markdown.search(new RegExp(`^### .* ${env} — `, 'm'));
  assert.ok(start >= 0, `no section for ${env}`);
  const next = markdown.slice(start + 1).search(/^### /m);
  return next < 0 ? markdown.slice(start) : markdown.slice(start, start + 1 + next);
}

let example: DiffReport | undefined;
async function exampleOnce(): Promise<DiffReport> {
  example ??= await exampleReport();
  return example;
}

test('golden: the example fleet with bigger broker volumes, fewer brokers, more brokers and an unchanged env', async () => {
  const markdown = renderDiffMarkdown(await exampleOnce(), { commit: '3f2a9c1d5e7b4a6081c2d3e4f5a6b7c8d9e0f1a2' });
  checkGolden(markdown, 'example.md');
  assertWellFormed(markdown);
  assert.ok(markdown.startsWith('<!-- rivven-gitops:diff v1 environments=dev,prod,staging commit=3f2a9c1d5e7b4a6081c2d3e4f5a6b7c8d9e0f1a2 -->\n'));
  // What a reviewer must see without expanding anything.
  assert.match(section(markdown, 'dev'), /### ✅ dev — no changes/);
  const prod = section(markdown, 'prod');
  assert.match(prod, /### ⚠️ prod — 1 change, ⚠ dangerous/);
  assert.match(prod, /> - ⛔ \*\*RG705\*\* `StatefulSet rivven-main` .* — at `environments\/prod\.ts:\d+`/);
  assert.match(prod, /> - ⚠️ \*\*RG710\*\* `StatefulSet rivven-main` .* shrinks from 6 to 5 brokers/);
  assert.match(prod, /\| 0 \| 0 \| 0 \| 1 \| \d+ \|/);
  assert.match(prod, /<b>rivven-main<\/b>: replaced, replicas 6 → 5/);
  assert.match(section(markdown, 'staging'), /<b>rivven-main<\/b>: replicas 2 → 3 · <code>environments\/staging\.ts:\d+<\/code>/);
});

test('docs/pr-comments.md shows the example comment exactly as the renderer writes it, gate included', async () => {
  // The gate as CI runs it (--fail-on danger): one danger acknowledged by a commit of the pull request, one blocking.
  const trailers = 'Rivven-Acknowledge: RG710 prod/rivven-main partitions were moved off broker 5 first (OPS-311)\n';
  const commits = [{ sha: '9b1e4c7a2d3f5e6b7c8d9e0f1a2b3c4d5e6f7a8b', author: { name: 'Ada Ops', email: 'ada@example.com' }, trailers, body: `Scale prod down\n\n${trailers}` }];
  const { acknowledgements, problems } = parseAcknowledgements(commits);
  const gate = evaluateGate({ report: await exampleOnce(), failOn: 'danger', acknowledgements, problems, acknowledgeFrom: 'git:origin/main..HEAD' });
  const markdown = renderDiffMarkdown(await exampleOnce(), { commit: '3f2a9c1d5e7b4a6081c2d3e4f5a6b7c8d9e0f1a2', gate });
  const file = path.join(repoRoot, 'docs/pr-comments.md');
  const doc = readFileSync(file, 'utf8');
  const block = /(<!-- example:start -->\n(`{4,})markdown\n)([\s\S]*?)(\2\n<!-- example:end -->)/.exec(doc);
  assert.ok(block, 'docs/pr-comments.md has no example block');
  if (process.env['UPDATE'] === '1') {
    const fence = fenceFor(markdown);
    writeFileSync(file, doc.replace(block[0], `<!-- example:start -->\n${fence}markdown\n${markdown}${fence}\n<!-- example:end -->`));
    return;
  }
  assert.fixture(block[3] ?? '', markdown, 'docs/pr-comments.md is out of date (UPDATE=1 rewrites its example)');
  assert.is(block[2], fenceFor(markdown), 'the example block needs a longer fence than any inside it');
});

test('golden: an unchanged fleet says so in one short comment', async () => {
  const unchanged: DiffReport = {
    ...(await exampleOnce()),
    environments: (await exampleOnce()).environments.map((e) => ({ ...e, status: 'unchanged', resources: [], dangers: [], counts: { create: 0, update: 0, delete: 0, replace: 0, unknown: 0 } })),
  };
  const markdown = renderDiffMarkdown(unchanged);
  checkGolden(markdown, 'unchanged.md');
  assert.not.match(markdown, /<details>|```|\[!CAUTION\]/);
  assert.match(markdown, /3 environments · 0 with changes/);
});

test('golden: --split parts of the example, each under a small limit, numbered, in reading order', async () => {
  const parts = renderDiffMarkdownParts(await exampleOnce(), { commit: 'abc1234', maxBytes: 3_000 });
  checkGolden(parts.join(''), 'example-split.md');
  assert.ok(parts.length >= 2, `${parts.length} parts`);
  parts.forEach((part, i) => {
    assertWellFormed(part, 3_000);
    assert.ok(part.startsWith(`<!-- rivven-gitops:diff v1 environments=dev,prod,staging commit=abc1234 part=${i + 1}/${parts.length} -->\n`), part.slice(0, 120));
  });
  // Nothing is cut when the parts suffice: every resource is in exactly one part.
  const all = parts.join('');
  assert.is(all.split('<b>rivven-main</b>').length - 1, 2, 'the prod and the staging StatefulSet, once each');
  assert.not.match(all, /omitted/);
});

let big: DiffReport | undefined;
/** 3 environments × 2000 topics: a retention change on every topic, 3 data-deleting removals per env. */
function bigFleet(): DiffReport {
  big ??= makeBigFleet();
  return big;
}

function makeBigFleet(): DiffReport {
  const envs = ['dev', 'staging', 'prod'].map((name) => {
    const removals = [1, 2, 3].map((i) => dataDeletingRemoval(`rivven-${name}`, `legacy-${i}`));
    const updates = Array.from({ length: 2000 }, (_, i) => retentionChange(`rivven-${name}`, `orders-${String(i).padStart(4, '0')}`));
    return environment(name, `rivven-${name}`, [...removals.map((r) => r.resource), ...updates], removals.map((r) => r.danger), 40);
  });
  return report(envs);
}

test('3 envs × 2000 topics: ≤ 65,000 bytes, balanced fences, every danger and summary table intact, cuts named', () => {
  const big = bigFleet();
  const markdown = renderDiffMarkdown(big);
  assertWellFormed(markdown);
  assert.ok(bytes(markdown) > 50_000, `only ${bytes(markdown)} bytes used: the budget is wasted`);
  for (const env of big.environments) {
    const text = section(markdown, env.name);
    assert.match(text, new RegExp(`### ⚠️ ${env.name} — 2,003 changes, ⚠ dangerous`));
    assert.match(text, /\| 0 \| 2,000 \| 3 \| 0 \| 40 \|/);
    for (const d of env.dangers) assert.ok(text.includes(d.message.replace(/"/g, '"')), `${env.name}: danger "${d.message}" missing`);
    // Dangerous resources keep their diff; the rest is cut from the largest, and named.
    for (const i of [1, 2, 3]) assert.match(text, new RegExp(`<b>legacy-${i}</b>`));
    const omitted = /\*\*([\d,]+) resources omitted\*\*/.exec(text);
    assert.ok(omitted, `${env.name}: no note about omitted resources`);
    const shown = (text.match(/<details>/g) ?? []).length;
    assert.is(shown + Number((omitted[1] ?? '').replace(/,/g, '')), 2003);
    assert.match(text, new RegExp(`Run \`rivven-gitops diff --against git:origin/main --env ${env.name}\` locally`));
  }
});

test('3 envs × 2000 dangerous changes: dangers are grouped by code with counts, still under the limit', () => {
  const envs = ['dev', 'staging', 'prod'].map((name) => {
    const changes = Array.from({ length: 2000 }, (_, i) => partitionIncrease(`rivven-${name}`, `events-${String(i).padStart(4, '0')}`));
    return environment(name, `rivven-${name}`, changes.map((c) => c.resource), changes.map((c) => c.danger));
  });
  const markdown = renderDiffMarkdown(report(envs));
  assertWellFormed(markdown);
  for (const env of ['dev', 'staging', 'prod']) {
    const text = section(markdown, env);
    assert.match(text, /> - ⚠️ \*\*RG701\*\* × 2,000 Topic partitions increased: `events-0000`, /);
    assert.match(text, /\| 0 \| 2,000 \| 0 \| 0 \| 10 \|/);
  }
});

test('last resort, hundreds of environments: cut between blocks, outside fences, and said so', () => {
  const envs = Array.from({ length: 400 }, (_, i) => {
    const r = dataDeletingRemoval(`ns-${i}`, `t-${i}`);
    return environment(`env-${i}`, `ns-${i}`, [r.resource], [r.danger]);
  });
  const markdown = renderDiffMarkdown(report(envs));
  assertWellFormed(markdown);
  assert.match(markdown, /\n\n> \[!NOTE\]\n> \*\*The rest of this comment was cut\*\* to stay under GitHub's size limit\. Run `rivven-gitops diff` locally for the full diff\.\n$/);
  // The cut falls after a whole block: the block before the note is a complete summary table.
  assert.match(markdown, /\| 0 \| 0 \| 1 \| 0 \| 10 \|\n\n> \[!NOTE\]\n> \*\*The rest/);
  assert.match(section(markdown, 'env-0'), /RG703/);
  // --split has room for all of them.
  const parts = renderDiffMarkdownParts(report(envs));
  for (const part of parts) assertWellFormed(part);
  for (const i of [0, 199, 399]) assert.ok(parts.some((p) => p.includes(`### ⚠️ env-${i} — 1 change`)), `env-${i} missing from the parts`);
});

test('multibyte names and labels (emoji, CJK) are never split, in one comment or in parts', () => {
  const labels = ['注文チーム', '🚀📦✨', 'équipe-été', '数据平台🔥'];
  const envs = ['dev', 'prod'].map((name) => {
    const updates = Array.from({ length: 300 }, (_, i) => labelChange(`rivven-${name}`, `t-${i}`, `${labels[i % labels.length] ?? ''}${'é'.repeat(i % 7)}`));
    return environment(`${name}-🌍`, `rivven-${name}`, updates);
  });
  const big = report(envs);
  for (const maxBytes of [65_000, 9_999, 4_001]) {
    const markdown = renderDiffMarkdown(big, { maxBytes });
    assertWellFormed(markdown, maxBytes);
    assert.match(markdown, /注文チーム|🚀📦✨/);
    const parts = renderDiffMarkdownParts(big, { maxBytes, maxParts: 5 });
    for (const part of parts) assertWellFormed(part, maxBytes);
  }
});

test('backticks inside a diff lengthen the fence; names with backticks stay code', () => {
  const ns = 'rivven-dev';
  const before = topicObject(ns, 'docs', { description: 'plain' });
  const after = topicObject(ns, 'docs', { description: 'use ```yaml and ```` fences' });
  const r = resource({ namespace: ns, name: 'docs', action: 'update', before, after, summary: 'docs: description changed' });
  const markdown = renderDiffMarkdown(report([environment('dev', ns, [r])]));
  assertWellFormed(markdown);
  assert.match(markdown, /^`````diff$/m);
  const fences = checkFences(markdown);
  assert.is(fences.closed, 1);
  assert.ok(fences.blocks[0]?.includes('+  description: use ```yaml and ```` fences'), fences.blocks[0]);
});

test('names and messages cannot inject HTML, mentions or break the table', () => {
  const ns = 'rivven-dev';
  const evil = 'a|b<script>alert(1)</script>@org/team';
  const { resource: r, danger } = dataDeletingRemoval(ns, evil);
  const env: EnvironmentReport = environment('dev|<img src=x>', ns, [r], [danger]);
  const markdown = renderDiffMarkdown(report([env]));
  assertWellFormed(markdown);
  // Outside code, no raw tag and no @mention survives.
  const prose = markdown.replace(/^(`{3,})diff\n[\s\S]*?^\1$/gm, '').replace(/`[^`\n]*`/g, '');
  assert.not.match(prose, /<script|<img|@org/);
  assert.match(prose, /&lt;script&gt;/);
  // Every table row has the same number of cells.
  const rows = markdown.split('\n').filter((l) => l.startsWith('|'));
  assert.is(rows.length, 3);
  assert.equal(new Set(rows.map((l) => l.split('|').length)).size, 1);
});

function connect(ns: string, password: string, apiKey: string, dbPassword: string): K8sObject {
  return {
    apiVersion: 'rivven.hupe1980.github.io/v1alpha1',
    kind: 'RivvenConnect',
    metadata: { name: 'cdc-pipeline', namespace: ns },
    spec: {
      sources: [
        {
          name: 'postgres-cdc',
          connector: 'postgres-cdc',
          configSecretRef: 'postgres-credentials',
          config: { hostname: 'db.internal', password, 'sasl.jaas.config': `PlainLoginModule required password="${password}";`, slot_name: 'rivven_slot' },
        },
      ],
      sinks: [{ name: 's3-archive', connector: 's3', config: { bucket: 'data-lake', aws: { api_key: apiKey } } }],
      env: [
        { name: 'DB_PASSWORD', value: dbPassword },
        { name: 'LOG_LEVEL', value: 'debug' },
        { name: 'CLUSTER_TOKEN', valueFrom: { secretKeyRef: { name: 'rivven-cluster-token', key: 'token' } } },
      ],
    },
  };
}

test('secret-looking values in connector config and env are masked in the diff and the summary', () => {
  const ns = 'rivven-prod';
  const secrets = ['hunter2-old', 'hunter2-new', 'AKIAOLDKEY', 'AKIANEWKEY', 's3cr3t-db-old', 's3cr3t-db-new'];
  const before = connect(ns, 'hunter2-old', 'AKIAOLDKEY', 's3cr3t-db-old');
  const after = connect(ns, 'hunter2-new', 'AKIANEWKEY', 's3cr3t-db-new');
  const fields = [
    { path: 'spec.sources[name=postgres-cdc].config.password', op: 'change' as const, before: 'hunter2-old', after: 'hunter2-new' },
    { path: 'spec.sinks[name=s3-archive].config.aws.api_key', op: 'change' as const, before: 'AKIAOLDKEY', after: 'AKIANEWKEY' },
    { path: 'spec.env[name=DB_PASSWORD].value', op: 'change' as const, before: 's3cr3t-db-old', after: 's3cr3t-db-new' },
  ];
  const r = resource({
    kind: 'RivvenConnect',
    namespace: ns,
    name: 'cdc-pipeline',
    action: 'update',
    before,
    after,
    fields,
    summary: 'cdc-pipeline: sources[name=postgres-cdc].config.password hunter2-old → hunter2-new, 2 more fields',
  });
  const created = resource({ kind: 'RivvenConnect', namespace: 'rivven-dev', name: 'cdc-pipeline', action: 'create', after, summary: 'cdc-pipeline: created' });
  const markdown = renderDiffMarkdown(report([environment('dev', 'rivven-dev', [created]), environment('prod', ns, [r])]));
  assertWellFormed(markdown);
  for (const s of secrets) assert.not.ok(markdown.includes(s), `${s} leaked:\n${markdown}`);
  assert.match(markdown, /^[-+] +password: ••••••$/m);
  assert.match(markdown, /^[-+] +api_key: ••••••$/m);
  assert.match(markdown, /^[-+] +value: ••••••$/m);
  assert.match(markdown, /<b>cdc-pipeline<\/b>: sources\[name=postgres-cdc\]\.config\.password •••••• → ••••••/);
  // References and ordinary settings stay readable.
  assert.match(markdown, /key: token/);
  assert.match(markdown, /configSecretRef: postgres-credentials/);
  assert.match(markdown, /value: debug/);
  assert.match(markdown, /hostname: db\.internal/);
});

test('masking also covers a whole env entry added, multi-line keys and a value quoted elsewhere', () => {
  const ns = 'rivven-prod';
  const pem = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PRIVATE KEY-----\n';
  const before: K8sObject = { apiVersion: 'rivven.hupe1980.github.io/v1alpha1', kind: 'RivvenConnect', metadata: { name: 'sink', namespace: ns }, spec: { env: [], sinks: [{ name: 'pg', config: { note: 'x' } }] } };
  const after: K8sObject = {
    ...before,
    spec: {
      env: [{ name: 'API_TOKEN', value: 'tok-1234567890' }],
      sinks: [{ name: 'pg', config: { note: 'x', ssl: { private_key: pem }, url: 'postgres://app:tok-1234567890@db:5432/app' } }],
    },
  };
  const r = resource({
    kind: 'RivvenConnect',
    namespace: ns,
    name: 'sink',
    action: 'update',
    before,
    after,
    fields: [
      { path: 'spec.env[name=API_TOKEN]', op: 'add', after: { name: 'API_TOKEN', value: 'tok-1234567890' } },
      { path: 'spec.sinks[name=pg].config.ssl', op: 'add', after: { private_key: pem } },
    ],
    summary: 'sink: env[name=API_TOKEN] added, sinks[name=pg].config.ssl added',
  });
  const markdown = renderDiffMarkdown(report([environment('prod', ns, [r])]));
  assertWellFormed(markdown);
  for (const leak of ['tok-1234567890', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC', 'qhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA', 'BEGIN PRIVATE KEY']) {
    assert.not.ok(markdown.includes(leak), `${leak} leaked:\n${markdown}`);
  }
  assert.match(markdown, /^\+  - name: API_TOKEN\n\+    value: ••••••$/m);
  assert.match(markdown, /^\+      url: postgres:\/\/app:••••••@db:5432\/app$/m);
});

test('the same report renders the same bytes', async () => {
  const big = bigFleet();
  assert.is(renderDiffMarkdown(big), renderDiffMarkdown(big));
  assert.equal(renderDiffMarkdownParts(await exampleOnce(), { maxBytes: 3_000 }), renderDiffMarkdownParts(await exampleOnce(), { maxBytes: 3_000 }));
});

test('--split with too few parts allowed cuts the largest resources and says so', () => {
  const parts = renderDiffMarkdownParts(bigFleet(), { maxParts: 3 });
  assert.is(parts.length, 3);
  for (const part of parts) assertWellFormed(part);
  const all = parts.join('');
  for (const env of ['dev', 'staging', 'prod']) {
    assert.match(all, new RegExp(`### ⚠️ ${env} — 2,003 changes`));
    assert.match(all, new RegExp(`--env ${env}\` locally`));
  }
});

test.run();
