/**
 * The escape hatches as a user meets them: a JSON patch, a partial object, an extra object in the config
 * and one in a YAML file, and a transform each build, are checked by conform, trace to their line in
 * `explain`, and show in `diff`; the mistakes a user makes are coded errors at the line that made them.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../support/run-cli.js';

const created: string[] = [];

function writeFleet(files: Readonly<Record<string, string>>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rivven-customize-'));
  created.push(root);
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  }
  return root;
}


const base = (customize = `objectFiles: ['extra/*.yaml'],`) => `import { defineConfig } from 'rivven-gitops';

export default defineConfig({
  project: 'shop',
  target: 'manifests',
  cluster: { replicas: 1, auth: { enabled: false } },
  argocd: { enabled: false }, networkPolicy: { enabled: true },
  customize: {
    ${customize}
  },
});
`;

const dev = `import { defineEnvironment } from 'rivven-gitops';

export default defineEnvironment({
  namespace: 'shop-dev',
  customize: {
    patches: {
      priority: {
        target: { kind: 'StatefulSet', name: 'rivven-main' },
        ops: [{ op: 'add', path: '/spec/template/spec/priorityClassName', value: 'critical' }],
      },
    },
    merge: {
      tolerations: {
        target: { kind: 'StatefulSet' },
        patch: { spec: { template: { spec: { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'rivven', effect: 'NoSchedule' }] } } } },
      },
    },
    objects: {
      settings: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'team-settings' }, data: { owner: 'payments' } },
    },
    transform: (objects) =>
      objects.map((o) => ({ ...o, metadata: { ...(o.metadata as object), labels: { ...((o.metadata as { labels?: Record<string, string> }).labels ?? {}), 'cost-center': 'cc-42' } } })),
  },
});
`;

const quota = `apiVersion: v1
kind: ResourceQuota
metadata:
  name: shop-quota
spec:
  hard:
    pods: "20"
`;

test.after(() => {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

test('each escape hatch builds into out/ and kustomize builds the overlay', async () => {
  const root = writeFleet({ 'rivven.config.ts': base(), 'environments/dev.ts': dev, 'extra/quota.yaml': quota });
  const result = await runCli(['build', '--no-typecheck'], root);
  assert.is(result.code, 0, result.stderr);
  const built = execFileSync('kubectl', ['kustomize', path.join(root, 'out/overlays/dev')], { encoding: 'utf8' });
  assert.match(built, 'priorityClassName: critical');
  assert.match(built, 'key: dedicated');
  assert.match(built, 'name: team-settings');
  assert.match(built, /kind: ResourceQuota\nmetadata:\n  labels:\n    cost-center: cc-42\n  name: shop-quota\n  namespace: shop-dev/);
  // The transform saw every object, the extra ones included.
  assert.is(built.match(/cost-center: cc-42/g)?.length, built.match(/^kind: /gm)?.length);
});

test('explain traces each customized value to the line that set it', async () => {
  const root = writeFleet({ 'rivven.config.ts': base(), 'environments/dev.ts': dev, 'extra/quota.yaml': quota });
  const expected: [string, string][] = [
    ['StatefulSet/rivven-main:spec.template.spec.priorityClassName', 'environments/dev.ts:9:75 (customize.patches.priority.ops[0].value)'],
    ['StatefulSet/rivven-main:spec.template.spec.tolerations[0].key', 'environments/dev.ts:15:62'],
    ['ResourceQuota/shop-quota:spec.hard.pods', 'extra/quota.yaml:7:5'],
    ['ConfigMap/team-settings:data.owner', 'environments/dev.ts:19:101'],
    ['StatefulSet/rivven-main:metadata.labels.cost-center', 'environments/dev.ts:21:5 (customize.transform'],
  ];
  for (const [field, where] of expected) {
    const result = await runCli(['explain', 'dev', field, '--no-typecheck'], root);
    assert.is(result.code, 0, result.stderr);
    assert.match(result.stdout, `set by     ${where}`, `${field}: ${result.stdout}`);
  }
  const rendered = await runCli(['explain', 'dev', 'StatefulSet/rivven-main:spec.replicas', '--no-typecheck'], root);
  assert.match(rendered.stdout, '(rendered from the configuration)');
});

test('diff against a dump without the customizations shows each of them as a change', async () => {
  const root = writeFleet({ 'rivven.config.ts': base(), 'environments/dev.ts': dev, 'extra/quota.yaml': quota });
  assert.is((await runCli(['build', '--no-typecheck'], root)).code, 0);
  const built = execFileSync('kubectl', ['kustomize', path.join(root, 'out/overlays/dev')], { encoding: 'utf8' });
  // What was deployed before: the StatefulSet without its priority class, no quota.
  const before = built
    .split(/^---\n/m)
    .filter((doc) => !doc.includes('kind: ResourceQuota'))
    .join('---\n')
    .replace('      priorityClassName: critical\n', '');
  fs.writeFileSync(path.join(root, 'dump.yaml'), before);
  const result = await runCli(['diff', '--env', 'dev', '--against', 'file:dump.yaml'], root);
  assert.is(result.code, 2, result.stderr + result.stdout);
  assert.match(result.stdout, 'priorityClassName');
  assert.match(result.stdout, 'shop-quota');
});

test('a patch introducing a field the schema prunes fails with RG450 at the patch line', async () => {
  const root = writeFleet({
    'rivven.config.ts': base(`patches: {
      bogus: { target: { kind: 'StatefulSet' }, ops: [{ op: 'add', path: '/spec/foo', value: 'bar' }] },
    },`),
    'environments/dev.ts': `import { defineEnvironment } from 'rivven-gitops';\nexport default defineEnvironment({ namespace: 'shop-dev' });\n`,
  });
  const result = await runCli(['build', '--no-typecheck'], root);
  assert.is(result.code, 1);
  assert.match(result.stderr, /error RG450/);
  assert.match(result.stderr, 'rivven.config.ts:10:87', result.stderr);
  assert.match(result.stderr, 'customize.patches.bogus.ops[0].value');
  assert.not.ok(fs.existsSync(path.join(root, 'out')));
});

test('a patch whose target matches nothing is RG370 at its target', async () => {
  const root = writeFleet({
    'rivven.config.ts': base(`patches: {
      missing: { target: { kind: 'StatefulSet', name: 'nope' }, ops: [{ op: 'remove', path: '/spec/replicas' }] },
    },`),
    'environments/dev.ts': `import { defineEnvironment } from 'rivven-gitops';\nexport default defineEnvironment({ namespace: 'shop-dev' });\n`,
  });
  const result = await runCli(['build', '--no-typecheck'], root);
  assert.is(result.code, 1);
  assert.match(result.stderr, /error RG370 .*customize\.patches\.missing targets kind StatefulSet, name nope, which matches no object/);
  assert.match(result.stderr, 'rivven.config.ts:10:18');
});

test('an operation whose path does not exist is RG371 at the operation', async () => {
  const root = writeFleet({
    'rivven.config.ts': base(`patches: {
      deep: { target: { kind: 'StatefulSet' }, ops: [{ op: 'add', path: '/spec/nothing/here', value: 1 }] },
    },`),
    'environments/dev.ts': `import { defineEnvironment } from 'rivven-gitops';\nexport default defineEnvironment({ namespace: 'shop-dev' });\n`,
  });
  const result = await runCli(['build', '--no-typecheck'], root);
  assert.is(result.code, 1);
  assert.match(result.stderr, /error RG371 .*path segment "nothing" does not exist/);
  assert.match(result.stderr, 'rivven.config.ts:10:54', result.stderr);
});

test('objectFiles outside the project, or through a symbolic link leading outside, are refused unread', async () => {
  const env = `import { defineEnvironment } from 'rivven-gitops';\nexport default defineEnvironment({ namespace: 'shop-dev' });\n`;
  const outside = writeFleet({ 'rivven.config.ts': base(`objectFiles: ['../elsewhere/*.yaml'],`), 'environments/dev.ts': env });
  const refused = await runCli(['build', '--no-typecheck'], outside);
  assert.is(refused.code, 1);
  assert.match(refused.stderr, /error RG376/);
  assert.match(refused.stderr, 'rivven.config.ts:9:19');

  const secret = writeFleet({ 'secret.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: topsecret-line\n' });
  const linked = writeFleet({ 'rivven.config.ts': base(`objectFiles: ['extra/*.yaml'],`), 'environments/dev.ts': env });
  fs.mkdirSync(path.join(linked, 'extra'));
  fs.symlinkSync(path.join(secret, 'secret.yaml'), path.join(linked, 'extra/leak.yaml'));
  const result = await runCli(['build', '--no-typecheck'], linked);
  assert.is(result.code, 1);
  assert.match(result.stderr, /error RG377 .*extra\/leak\.yaml is a symbolic link leading outside the project/, result.stderr);
  assert.not.match(result.stderr, 'topsecret-line');
});

test('a YAML syntax error in an object file points at its file:line:col', async () => {
  const root = writeFleet({
    'rivven.config.ts': base(),
    'environments/dev.ts': `import { defineEnvironment } from 'rivven-gitops';\nexport default defineEnvironment({ namespace: 'shop-dev' });\n`,
    'extra/bad.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n   bad: [\n',
  });
  const result = await runCli(['build', '--no-typecheck'], root);
  assert.is(result.code, 1);
  assert.match(result.stderr, /error RG378/);
  assert.match(result.stderr, /extra\/bad\.yaml:\d+:\d+/);
});

test('a transform that throws is RG374 at the line that threw; one returning non-data is RG375', async () => {
  const throws = writeFleet({
    'rivven.config.ts': base(`transform: () => {
      throw new Error('no objects today');
    },`),
    'environments/dev.ts': `import { defineEnvironment } from 'rivven-gitops';\nexport default defineEnvironment({ namespace: 'shop-dev' });\n`,
  });
  const thrown = await runCli(['build', '--no-typecheck'], throws);
  assert.is(thrown.code, 1);
  assert.match(thrown.stderr, /error RG374 .*no objects today/);
  assert.match(thrown.stderr, 'rivven.config.ts:10:');
  const wrong = writeFleet({
    'rivven.config.ts': base(`transform: (objects) => objects.map((o) => ({ ...o, spec: { when: new Date(0) } })),`),
    'environments/dev.ts': `import { defineEnvironment } from 'rivven-gitops';\nexport default defineEnvironment({ namespace: 'shop-dev' });\n`,
  });
  const result = await runCli(['build', '--no-typecheck'], wrong);
  assert.is(result.code, 1);
  assert.match(result.stderr, /error RG375 .*spec\.when is not plain data/);
  assert.match(result.stderr, 'rivven.config.ts:9:5');
});

test('the transform gets frozen objects: changing one in place fails with RG374', async () => {
  const root = writeFleet({
    'rivven.config.ts': base(`transform: (objects) => {
      (objects[0] as { kind: string }).kind = 'Changed';
      return objects;
    },`),
    'environments/dev.ts': `import { defineEnvironment } from 'rivven-gitops';\nexport default defineEnvironment({ namespace: 'shop-dev' });\n`,
  });
  const result = await runCli(['build', '--no-typecheck'], root);
  assert.is(result.code, 1);
  assert.match(result.stderr, /error RG374 .*read.only|error RG374 .*Cannot assign/);
});

test.run();
