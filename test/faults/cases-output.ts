/**
 * Bad input, part 3: an output directory rivven-gitops must not or cannot write, a wrong command line,
 * a kubeconfig that cannot be used for `diff --against live`, and YAML for `import` (pending until the
 * command is registered in src/cli/main.ts).
 */
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { environmentFile, openToNobody, type FaultCase } from './harness.js';

const output = 'The output directory';
const cli = 'Command line';
const cluster = 'Cluster access (diff --against live)';
const imports = 'YAML for import';

/** Writing out/ does not depend on the type-check: these cases skip it to keep the corpus fast. */
const untyped = ['build', '--no-typecheck'];

/** A change to build: a no-op build writes nothing, so it needs neither the lock nor write access. */
const changedProd = { 'environments/prod.ts': environmentFile("{ cluster: { replicas: 5 }, topics: { 'orders-events': { partitions: 24 } } }") };

const unreachableKubeconfig = `apiVersion: v1
kind: Config
clusters:
- name: lab
  cluster: { server: 'https://127.0.0.1:1' }
users:
- name: ci
  user: { token: 'hunter2-SECRET-TOKEN' }
contexts:
- name: lab
  context: { cluster: lab, user: ci }
current-context: lab
`;

const aliasBomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefgh'.split('').map((name, i) => `${name}: &${name} [${Array(9).fill(`*${'abcdefg'[i]}`).join(', ')}]`), ''].join('\n');

export const outputCases: readonly FaultCase[] = [
  {
    id: 'out-is-a-file',
    group: output,
    argv: untyped,
    title: 'out is a regular file',
    setup: async (fleet) => {
      await rm(path.join(fleet, 'out'), { recursive: true });
      await writeFile(path.join(fleet, 'out'), 'not a directory\n');
    },
    code: 'RG611',
  },
  {
    id: 'out-is-a-file-child-process',
    group: output,
    title: 'out is a regular file, through a real child process',
    setup: async (fleet) => {
      await rm(path.join(fleet, 'out'), { recursive: true });
      await writeFile(path.join(fleet, 'out'), 'not a directory\n');
    },
    runner: 'child',
    code: 'RG611',
  },
  {
    id: 'out-is-foreign',
    group: output,
    argv: untyped,
    title: 'out/ holds files but no .rivven-gitops.json (someone else’s directory)',
    setup: async (fleet) => {
      await rm(path.join(fleet, 'out/.rivven-gitops.json'));
    },
    code: 'RG610',
  },
  {
    id: 'out-option-points-at-a-foreign-directory',
    group: output,
    title: 'build --out .. (the directory holding the project): outside the project',
    argv: ['build', '--out', '..'],
    code: 'RG630',
  },
  {
    id: 'out-lock-is-a-directory',
    group: output,
    argv: untyped,
    title: 'a leftover lock .out.rivven-gitops.lock is a directory',
    files: changedProd,
    setup: async (fleet) => mkdir(path.join(fleet, '.out.rivven-gitops.lock')).then(() => undefined),
    code: 'RG632',
  },
  {
    id: 'out-manifest-damaged',
    group: output,
    argv: untyped,
    title: 'out/.rivven-gitops.json is not JSON',
    setup: async (fleet) => writeFile(path.join(fleet, 'out/.rivven-gitops.json'), '{ "files": [\n'),
    code: 'RG614',
  },
  {
    id: 'out-manifest-hostile',
    group: output,
    argv: untyped,
    title: 'out/.rivven-gitops.json claims ../rivven.config.ts (deleting it would leave out/)',
    setup: async (fleet) => writeFile(path.join(fleet, 'out/.rivven-gitops.json'), '{ "generator": "rivven-gitops", "manifestVersion": 1, "files": { "../rivven.config.ts": "0" } }\n'),
    code: 'RG614',
  },
  {
    id: 'out-file-in-the-way',
    group: output,
    argv: untyped,
    title: 'a file rivven-gitops did not write sits where the new tree writes (a new environment)',
    files: { 'environments/qa.ts': environmentFile("{ cluster: { replicas: 3 } }") },
    setup: async (fleet) => {
      await mkdir(path.join(fleet, 'out/overlays/qa'), { recursive: true });
      await writeFile(path.join(fleet, 'out/overlays/qa/kustomization.yaml'), '# hand-written\n');
    },
    code: 'RG615',
  },
  {
    id: 'out-locked-by-a-running-build',
    group: output,
    argv: untyped,
    title: 'another live process holds the output lock (while prod changed)',
    files: changedProd,
    setup: async (fleet) => writeFile(path.join(fleet, '.out.rivven-gitops.lock'), '1\n'),
    code: 'RG616',
  },
  {
    id: 'out-not-writable',
    group: output,
    title: 'prod changed, but the project and out/ are read-only to the user running the build (as nobody when run as root)',
    files: changedProd,
    setup: async (fleet, parent) => {
      if (process.getuid?.() === 0) await openToNobody(fleet, parent);
      else await chmod(fleet, 0o555);
    },
    runner: process.getuid?.() === 0 ? 'nobody' : 'in-process',
    code: 'RG612',
  },
  {
    id: 'unknown-environment',
    group: cli,
    title: 'build --env nowhere',
    argv: ['build', '--env', 'nowhere'],
    code: 'RG110',
  },
  {
    id: 'explain-with-a-type-error',
    group: cli,
    title: 'explain on a fleet with a type error, through a real child process given --root',
    files: { 'environments/prod.ts': environmentFile("{ cluster: { replicas: 'five' } }") },
    argv: ['explain', 'prod', 'cluster.replicas'],
    runner: 'child',
    code: 'RG102',
    at: { file: 'environments/prod.ts', needle: 'replicas' },
  },
  {
    id: 'unknown-option',
    group: cli,
    title: 'build --frobnicate',
    argv: ['build', '--frobnicate'],
    code: 'RG901',
  },
  {
    id: 'kubeconfig-missing',
    group: cluster,
    title: '--kubeconfig names a file that does not exist',
    argv: ['diff', '--against', 'live', '--kubeconfig', 'missing-kubeconfig.yaml'],
    code: 'RG751',
  },
  {
    id: 'kubeconfig-not-yaml',
    group: cluster,
    title: 'a kubeconfig that is not valid YAML (the message names the line)',
    files: { 'kubeconfig.yaml': 'apiVersion: v1\nclusters: [\n  - name: lab\n' },
    argv: ['diff', '--against', 'live', '--kubeconfig', 'kubeconfig.yaml'],
    code: 'RG751',
  },
  {
    id: 'kubeconfig-context-missing',
    group: cluster,
    title: '--context names a context the kubeconfig lacks',
    files: { 'kubeconfig.yaml': unreachableKubeconfig },
    // --context applies to one environment only (RG637), so one is selected.
    argv: ['diff', '--env', 'prod', '--against', 'live', '--kubeconfig', 'kubeconfig.yaml', '--context', 'production'],
    code: 'RG752',
  },
  {
    id: 'no-cluster-credentials',
    group: cluster,
    title: 'KUBECONFIG names no existing file and there is no ~/.kube/config',
    argv: ['diff', '--against', 'live'],
    env: { KUBECONFIG: '/nonexistent/kubeconfig', HOME: '/nonexistent' },
    code: 'RG750',
  },
  {
    id: 'cluster-unreachable',
    group: cluster,
    title: 'the kubeconfig’s server refuses connections (its token never printed)',
    files: { 'kubeconfig.yaml': unreachableKubeconfig },
    argv: ['diff', '--against', 'live', '--kubeconfig', 'kubeconfig.yaml'],
    code: 'RG753',
  },
  {
    id: 'import-alias-bomb',
    group: imports,
    title: 'a YAML alias bomb (nine aliases per level, eight levels)',
    files: { 'bomb.yaml': aliasBomb },
    argv: ['import', 'bomb.yaml', '--out', 'imported.ts'],
    code: 'RG922',
    at: { file: 'bomb.yaml', needle: 'a: &a' },
    pending: 'import',
  },
  {
    id: 'import-duplicate-keys',
    group: imports,
    title: 'a RivvenTopic whose spec has partitions twice',
    files: { 'topic.yaml': 'apiVersion: rivven.hupe1980.github.io/v1alpha1\nkind: RivvenTopic\nmetadata:\n  name: orders\nspec:\n  partitions: 3\n  partitions: 12\n' },
    argv: ['import', 'topic.yaml', '--out', 'imported.ts'],
    code: 'RG921',
    at: { file: 'topic.yaml', needle: 'partitions: 12' },
    pending: 'import',
  },
  {
    id: 'import-yaml-syntax-error',
    group: imports,
    title: 'YAML that does not parse',
    files: { 'broken.yaml': 'kind: RivvenTopic\nspec: [\n' },
    argv: ['import', 'broken.yaml', '--out', 'imported.ts'],
    code: 'RG920',
    at: { file: 'broken.yaml' },
    pending: 'import',
  },
  {
    id: 'import-nested-too-deep',
    group: imports,
    title: 'a document nested 500 levels deep',
    files: { 'deep.yaml': `kind: RivvenTopic\nspec: ${'['.repeat(500)}${']'.repeat(500)}\n` },
    argv: ['import', 'deep.yaml', '--out', 'imported.ts'],
    code: 'RG925',
    at: { file: 'deep.yaml', needle: 'kind: RivvenTopic' },
    pending: 'import',
  },
];

/**
 * Not an error, so not in the table of errors: YAML 1.1 booleans and octals (`deleteOnRemove: yes`,
 * `mode: 0777`) are read as YAML 1.2 and each gets a note saying how kubectl would read it (exit 0).
 */
export const yaml11Note = {
  id: 'import-yaml-1.1-booleans',
  file: 'topic.yaml',
  text: 'apiVersion: rivven.hupe1980.github.io/v1alpha1\nkind: RivvenTopic\nmetadata:\n  name: orders\nspec:\n  partitions: 3\n  deleteOnRemove: no\n',
} as const;
