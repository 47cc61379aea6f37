// The two cdk8s comparison subjects of bench/run.mjs. Both synthesize the floor's objects for a case
// (bench/floor.mjs) as a cdk8s app, one Chart per environment and one for Argo CD, into an empty directory
// as one YAML file per chart (`<chart>.k8s.yaml`, cdk8s's default output); run.mjs checks both against the
// floor and times both.
//   cdk8s-ts   what `cdk8s synth` runs for an app made from the cdk8s TypeScript template: ts-node, its
//              type-check on, on bench/cdk8s-ts/main.ts (the template's tsconfig), built-in kinds through
//              the typed L1 constructs (`k8s.Kube*`), custom resources as ApiObject. This is the subject of
//              issue 19's goals ("≤ 0.25× cdk8s synth").
//   cdk8s-js   bench/cdk8s-app.mjs: plain JavaScript, every object a plain ApiObject; no TypeScript at all,
//              so about the plain-script floor plus cdk8s's own work. Shown beside the other.
// Neither includes the `cdk8s` CLI process or `npx` that `cdk8s synth` starts before the app: both rows
// are lower bounds for `cdk8s synth` in that respect.
// Their dependencies live only in bench/node_modules (`npm --prefix bench ci`), never in the project's.
import fs from 'node:fs';
import path from 'node:path';
import { benchDir } from './generate.mjs';

const modules = path.join(benchDir, 'node_modules');
const installed = (...names) => names.every((name) => fs.existsSync(path.join(modules, name, 'package.json')));

/** Reads the version of a package installed under bench/node_modules. */
export function benchPackageVersion(name) {
  return JSON.parse(fs.readFileSync(path.join(modules, name, 'package.json'), 'utf8')).version;
}

/**
 * The subjects, in the order they are shown; `command` gives node's arguments, cwd and environment, and
 * whether the timing preload must be required (a CommonJS app under ts-node) rather than imported.
 */
export const cdk8sVariants = [
  {
    key: 'cdk8s-ts',
    row: 'cdk8s synth (TypeScript app, ts-node, typed constructs)',
    source: 'bench/cdk8s-ts/main.ts',
    available: () => installed('cdk8s', 'constructs', 'cdk8s-plus-32', 'ts-node', 'typescript', '@types/node'),
    command: (caseName, outDir) => ({
      // `npx ts-node main.ts` (the template's app command) without npx: ts-node's own entry point, in-process.
      args: [path.join(modules, 'ts-node', 'dist', 'bin.js'), 'main.ts'],
      cwd: path.join(benchDir, 'cdk8s-ts'),
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
