// The cdk8s comparison subjects of bench/run.mjs. Each synthesizes the floor's objects for a case
// (bench/floor.mjs) as a cdk8s app, one Chart per environment and one for Argo CD, into an empty directory
// as one YAML file per chart (`<chart>.k8s.yaml`, cdk8s's default output); run.mjs checks each against the
// floor and times each.
//   cdk8s-cli  `cdk8s synth` in bench/cdk8s-ts/, a project made like the cdk8s TypeScript template's
//              (cdk8s.yaml: `app: npx ts-node main.ts`, imports): the CLI binary of bench/node_modules/.bin,
//              with that directory on PATH as `npx cdk8s synth` or an npm script puts it; the CLI runs the
//              app command in a shell, npx finds ts-node, ts-node type-checks main.ts and the imported CRD
//              classes (imports/), the app synthesizes. The subject of issue 19's goals ("≤ 0.25× cdk8s synth").
//   cdk8s-ts   the same app run by ts-node directly (its entry point, one process): without the CLI, the
//              shell and npx.
//   cdk8s-js   bench/cdk8s-app.mjs: plain JavaScript, every object a plain ApiObject; no TypeScript at all,
//              so about the plain-script floor plus cdk8s's own work.
// Their dependencies live only in bench/node_modules (`npm --prefix bench ci`), never in the project's.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { writeCdk8sCrds } from './cdk8s-crds.mjs';
import { benchDir } from './generate.mjs';

const modules = path.join(benchDir, 'node_modules');
const appDir = path.join(benchDir, 'cdk8s-ts');
const cdk8sBin = path.join(modules, '.bin', 'cdk8s');
// The CLI checks npm for a newer version of itself (an HTTP request in a child process, cached for 30
// minutes in ~/.cdk8s-cli.version); off, so the network plays no part in the numbers.
const noUpgradeCheck = { CDK8S_CHECK_UPGRADE: 'false' };
const installed = (...names) => names.every((name) => fs.existsSync(path.join(modules, name, 'package.json')));

/** Reads the version of a package installed under bench/node_modules. */
export function benchPackageVersion(name) {
  return JSON.parse(fs.readFileSync(path.join(modules, name, 'package.json'), 'utf8')).version;
}

const tsAppPackages = ['cdk8s', 'constructs', 'cdk8s-plus-32', 'ts-node', 'typescript', '@types/node'];

/**
 * What a cdk8s user does once, before any synth (not timed): `cdk8s import` of the CRD files cdk8s.yaml
 * lists (written by bench/cdk8s-crds.mjs), into bench/cdk8s-ts/imports/. Offline: every import is a
 * local file. (`cdk8s import k8s` would download the Kubernetes schema; the app takes the same generated
 * classes from cdk8s-plus-32 instead.)
 */
export async function importCdk8sCrds() {
  await writeCdk8sCrds();
  execFileSync(process.execPath, [cdk8sBin, 'import'], { cwd: appDir, env: { ...process.env, ...noUpgradeCheck }, stdio: ['ignore', 'ignore', 'pipe'] });
}

/**
 * The subjects, in the order they are shown; `command` gives node's arguments, cwd and environment, and
 * whether the timing preload must be required (a CommonJS app under ts-node) rather than imported, or
 * given through NODE_OPTIONS to every node process of the tree (the CLI, npx, ts-node) whose CPU times
 * are summed.
 */
export const cdk8sVariants = [
  {
    key: 'cdk8s-cli',
    row: 'cdk8s synth (CLI, TypeScript app, imported CRD classes)',
    source: 'bench/cdk8s-ts (cdk8s synth)',
    available: () => installed('cdk8s-cli', ...tsAppPackages),
    command: (caseName, outDir) => ({
      args: [cdk8sBin, 'synth', '--output', outDir],
      cwd: appDir,
      env: { BENCH_CASE: caseName, PATH: `${path.join(modules, '.bin')}${path.delimiter}${process.env.PATH ?? ''}`, ...noUpgradeCheck },
      processTree: true,
    }),
  },
  {
    key: 'cdk8s-ts',
    row: 'ts-node main.ts (the same app without the CLI and npx)',
    source: 'bench/cdk8s-ts/main.ts',
    available: () => installed(...tsAppPackages),
    command: (caseName, outDir) => ({
      // `npx ts-node main.ts` (the template's app command) without npx: ts-node's own entry point, in-process.
      args: [path.join(modules, 'ts-node', 'dist', 'bin.js'), 'main.ts'],
      cwd: appDir,
      env: { BENCH_CASE: caseName, CDK8S_OUTDIR: outDir },
      requirePreload: true,
    }),
  },
  {
    key: 'cdk8s-js',
    row: 'cdk8s, plain ApiObject (JS)',
    source: 'bench/cdk8s-app.mjs',
    available: () => installed('cdk8s', 'constructs'),
    command: (caseName, outDir) => ({ args: [path.join(benchDir, 'cdk8s-app.mjs'), caseName, outDir], cwd: benchDir, env: {} }),
  },
];

/** The variants whose dependencies are installed. */
export function availableCdk8sVariants() {
  return cdk8sVariants.filter((v) => v.available());
}
