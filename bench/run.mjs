// The benchmark runner (`npm run bench`). For each case it generates the fleet (bench/generate.mjs), then
// measures, round-robin over several runs after a warm-up (so a noisy neighbour hurts every subject alike):
//   floor          bench/floor.mjs: the same objects, built by a plain script and written with `yaml`,
//                  one file per object
//   floor-layout   bench/floor.mjs --layout: the same, in the build's layout (base, overlays, patches)
//   build          the compiled CLI, cold process, type-check on, into an empty out/
//   build-no-tc    the same with --no-typecheck
//   noop           build again over an up-to-date out/ (asserted to write 0 files)
//   diff           diff --against git:HEAD (asserted to find no change)
//   edit           build after an edit to one environment file (a value changed, then changed back:
//                  two samples per run), caches otherwise warm, into the up-to-date out/
//   watch          build --watch: from writing an environment file to out/ replaced (a few saves)
//   stages         one in-process build, per stage (bench/stages.mjs)
//   cdk8s-cli      `cdk8s synth` of the cdk8s TypeScript project bench/cdk8s-ts/ (the CLI, npx, ts-node with
//                  its type-check, typed L1 constructs and imported CRD classes), cdk8s-ts the same app by
//                  ts-node alone, and cdk8s-js, the same objects as plain ApiObjects in JavaScript
//                  (bench/cdk8s-app.mjs): the floor's objects as a cdk8s app, `app.synth()` into an empty
//                  directory (bench/cdk8s-variants.mjs); each only if its dependencies are installed under
//                  bench/node_modules (`npm --prefix bench ci`; never project dependencies)
// and writes bench/results.md: machine, versions, medians with min–max, peak memory, ratios, goals.
//
//   node bench/run.mjs [--runs N] [--cases 3x200,3x2000,20x200] [--no-build] [--no-watch] [--out FILE]
//   node bench/run.mjs --fleet-scale [--runs N] [--no-build]
//                  only the fleet-scale section: 1x200, 3x200 and 60x200 (3 profiles × 20 regions);
//                  `build --env dev-1` on 60x200 against `build` of the one-environment fleet, and the
//                  whole-fleet build per environment (60x200 against 3x200). Replaces only that section
//                  of the results file.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { benchDir, cliPath, fleetSpec, generateCase, parseCase, repoDir, workDir } from './generate.mjs';
import YAML from 'yaml';
import { buildFleet } from './floor.mjs';
import { availableCdk8sVariants, benchPackageVersion, cdk8sVariants, importCdk8sCrds } from './cdk8s-variants.mjs';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    cases: { type: 'string', default: '3x200,3x2000,20x200' },
    'no-build': { type: 'boolean', default: false },
    'no-watch': { type: 'boolean', default: false },
    out: { type: 'string', default: path.join(benchDir, 'results.md') },
    'fleet-scale': { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const cases = values.cases.split(',').map((c) => c.trim()).filter(Boolean);
const preload = pathToFileURL(path.join(benchDir, 'rss-preload.mjs')).href;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'rivven-bench-'));

function log(line) {
  process.stderr.write(`${line}\n`);
}

/** Runs a node script as its own process; returns wall time, peak memory and CPU from the preload. */
function timeNode(args, { cwd, expectExit = 0, env = {}, requirePreload = false, processTree = false } = {}) {
  // With --import, Node runs the main module through its ES module loader, which ts-node's CommonJS hook
  // never sees; a CommonJS app preloads with --require instead (Node 20 requires the ES module preload).
  // A process tree (the cdk8s CLI starting npx starting ts-node) gets it through NODE_OPTIONS, so every
  // node process reports; the children's stderr reaches ours.
  const preloadArgs = processTree ? [] : requirePreload ? ['--require', fileURLToPath(preload)] : ['--import', preload];
  const treeEnv = processTree ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${fileURLToPath(preload)}`.trim() } : {};
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, [...preloadArgs, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env, ...treeEnv }, maxBuffer: 256 * 1024 * 1024 });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== expectExit) {
    throw new Error(`${args.join(' ')} (in ${cwd}) exited ${child.status}, expected ${expectExit}\n${child.stdout.slice(-2000)}\n${child.stderr.slice(-4000)}`);
  }
  const usages = [...child.stderr.matchAll(/bench-usage (\{.*\})/g)].map((m) => JSON.parse(m[1]));
  if (!processTree) usages.splice(1);
  // A tree's processes run nested (each waits for its child), so their peaks add up.
  const sum = (f) => usages.reduce((n, u) => n + (u[f] ?? 0), 0);
  return { wallMs, cpuMs: sum('userMs') + sum('systemMs'), maxRssKb: sum('maxRssKb'), processes: usages.length, stdout: child.stdout };
}

function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => {
    const i = (sorted.length - 1) * q;
    const lo = Math.floor(i);
    const hi = Math.ceil(i);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (i - lo);
  };
  return { median: at(0.5), min: sorted[0], max: sorted[sorted.length - 1], q1: at(0.25), q3: at(0.75), n: sorted.length };
}

/** Object identity and canonical (key-sorted) JSON: the floor and the compiler must render equal sets. */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
const objectKey = (o) => `${o.apiVersion}/${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;

function compareSets(label, compiled, floor, subject = 'the compiler') {
  const problems = [];
  const fromFloor = new Map(floor.map((o) => [objectKey(o), canonical(o)]));
  for (const o of compiled) {
    const key = objectKey(o);
    if (!fromFloor.has(key)) problems.push(`${label}: only ${subject} renders ${key}`);
    else if (fromFloor.get(key) !== canonical(o)) problems.push(`${label}: ${key} differs`);
    fromFloor.delete(key);
  }
  for (const key of fromFloor.keys()) problems.push(`${label}: only the floor renders ${key}`);
  return problems;
}

async function verifyFloor(caseName) {
  const { compileProject } = await import(pathToFileURL(path.join(repoDir, 'dist', 'compile.js')).href);
  const compiled = await compileProject({ root: path.join(workDir, caseName), typecheck: false });
  const floor = buildFleet(fleetSpec(parseCase(caseName)));
  const problems = [];
  for (const env of compiled.render.environments) {
    const mine = floor.environments.find((e) => e.name === env.name);
    if (mine === undefined) problems.push(`${env.name}: the floor has no such environment`);
    else problems.push(...compareSets(env.name, env.objects, mine.objects));
  }
  problems.push(...compareSets('argocd', compiled.render.argocd, floor.argocd));
  const objects = compiled.render.environments.reduce((n, e) => n + e.objects.length, 0) + compiled.render.argocd.length;
  return { problems, objects };
}

/**
 * A cdk8s subject must write the floor's objects, so its row compares like with like: it synthesizes the
 * case once, and each chart's file (`<chart>.k8s.yaml`, a chart per environment and `argocd`) is read
 * back and compared with the floor's objects as sets of key-sorted JSON, as the floor is with the compiler.
 * No normalization: the typed L1 constructs of the TypeScript app write exactly the floor's fields.
 */
function verifyCdk8s(caseName, variant) {
  const outDir = path.join(scratch, `${variant.key}-check-${caseName}`);
  const { args, cwd, env, requirePreload, processTree } = variant.command(caseName, outDir);
  const ran = timeNode(args, { cwd, env, requirePreload, processTree });
  if (processTree && ran.processes < 3) throw new Error(`${variant.source}: timed ${ran.processes} node processes, expected the CLI, npx and ts-node`);
  const floor = buildFleet(fleetSpec(parseCase(caseName)));
  const expected = new Map([...floor.environments.map((e) => [e.name, e.objects]), ['argocd', floor.argocd]]);
  const problems = [];
  let objects = 0;
  const files = fs.readdirSync(outDir).filter((f) => f.endsWith('.k8s.yaml')).sort();
  for (const file of files) {
    const chart = file.slice(0, -'.k8s.yaml'.length);
    const written = YAML.parseAllDocuments(fs.readFileSync(path.join(outDir, file), 'utf8')).map((d) => d.toJS());
    objects += written.length;
    if (!expected.has(chart)) problems.push(`${file}: the floor has no such environment`);
    else problems.push(...compareSets(`${file}`, written, expected.get(chart), variant.key));
    expected.delete(chart);
  }
  for (const chart of expected.keys()) problems.push(`${variant.key} wrote no ${chart}.k8s.yaml`);
  return { problems, objects, files: files.length };
}

/**
 * The edited file of a case: its first environment, with one value changed (storage size 10Gi ↔ 11Gi),
 * so the build after it renders a different object and writes it.
 */
function editOf(caseName) {
  const env = fleetSpec(parseCase(caseName)).environments[0];
  const file = path.join(workDir, caseName, 'environments', `${env.name}.ts`);
  const original = fs.readFileSync(file, 'utf8');
  const edited = original.replace(/size: '(\d+)Gi'/, (_, n) => `size: '${Number(n) + 1}Gi'`);
  if (edited === original) throw new Error(`${file}: no storage size to edit`);
  return { file, original, edited };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function inodeOf(dir) {
  try {
    return fs.statSync(dir).ino;
  } catch {
    return undefined;
  }
}

/**
 * `build --watch` in the case's project: after its first build, each save of the edited file (the
 * value changed, then back) is timed until out/ is replaced (a new inode: emit swaps the tree in by
 * rename). Includes the watcher's quiet time of 150 ms that ends a burst of writes.
 */
async function measureWatch(caseName, saves) {
  const root = path.join(workDir, caseName);
  const outDir = path.join(root, 'out');
  const edit = editOf(caseName);
  const child = spawn(process.execPath, [cliPath, 'build', '--watch'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const samples = [];
  try {
    const waitFor = async (predicate, what) => {
      const deadline = performance.now() + 60_000;
      while (!predicate()) {
        if (performance.now() > deadline || child.exitCode !== null) throw new Error(`build --watch in ${root}: ${what}\n${output.slice(-3000)}`);
        await sleep(2);
      }
    };
    await waitFor(() => /written/.test(output), 'no first build');
    await sleep(500);
    for (let i = 0; i < saves * 2; i += 1) {
      const before = inodeOf(outDir);
      const start = performance.now();
      fs.writeFileSync(edit.file, i % 2 === 0 ? edit.edited : edit.original);
      await waitFor(() => inodeOf(outDir) !== undefined && inodeOf(outDir) !== before, 'out/ not replaced after a save');
      samples.push(performance.now() - start);
      await sleep(300);
    }
  } finally {
    child.kill('SIGINT');
    await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
    fs.writeFileSync(edit.file, edit.original);
  }
  return summarize(samples);
}

function measureCase(caseName) {
  const root = path.join(workDir, caseName);
  const edit = editOf(caseName);
  const outDir = path.join(root, 'out');
  const floorOut = path.join(scratch, `floor-${caseName}`);
  const stagesOut = path.join(scratch, `stages-${caseName}`);
  const samples = {};
  const add = (name, result) => {
    samples[name] ??= { wallMs: [], cpuMs: [], maxRssKb: [] };
    samples[name].wallMs.push(result.wallMs);
    samples[name].cpuMs.push(result.cpuMs);
    samples[name].maxRssKb.push(result.maxRssKb);
  };
  const stageSamples = {};
  let files = 0;
  let objects = 0;
  let layoutFiles = 0;
  for (let run = 0; run <= runs; run += 1) {
    const keep = run > 0; // run 0 warms the page cache and the disk
    const results = {};
    // Both write into an empty directory; removing the previous output is not part of either.
    fs.rmSync(floorOut, { recursive: true, force: true });
    results.floor = timeNode([path.join(benchDir, 'floor.mjs'), caseName, floorOut]);
    fs.rmSync(floorOut, { recursive: true, force: true });
    results['floor-layout'] = timeNode([path.join(benchDir, 'floor.mjs'), caseName, floorOut, '--layout']);
    layoutFiles = fs.readdirSync(floorOut, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
    fs.rmSync(outDir, { recursive: true, force: true });
    results.build = timeNode([cliPath, 'build'], { cwd: root });
    // The first build after npm install: no V8 code cache for TypeScript yet (src/load/typescript.ts).
    fs.rmSync(outDir, { recursive: true, force: true });
    const noCache = fs.mkdtempSync(path.join(scratch, 'code-cache-'));
    results['build-first'] = timeNode([cliPath, 'build'], { cwd: root, env: { RIVVEN_GITOPS_CACHE_DIR: noCache } });
    fs.rmSync(outDir, { recursive: true, force: true });
    results['build-no-tc'] = timeNode([cliPath, 'build', '--no-typecheck'], { cwd: root });
    results.noop = timeNode([cliPath, 'build'], { cwd: root });
    const wrote = /(\d+) written, (\d+) deleted/.exec(results.noop.stdout);
    if (wrote === null || wrote[1] !== '0' || wrote[2] !== '0') throw new Error(`no-op rebuild of ${caseName} was not a no-op: ${results.noop.stdout}`);
    results.diff = timeNode([cliPath, 'diff', '--against', 'git:HEAD'], { cwd: root });
    // An edit and its undo: two real edits, and the project is as committed again for the next run.
    const edits = [];
    try {
      fs.writeFileSync(edit.file, edit.edited);
      edits.push(timeNode([cliPath, 'build'], { cwd: root }));
      fs.writeFileSync(edit.file, edit.original);
      edits.push(timeNode([cliPath, 'build'], { cwd: root }));
    } finally {
      fs.writeFileSync(edit.file, edit.original);
    }
    for (const e of edits) if (!/[1-9]\d* written/.test(e.stdout)) throw new Error(`the build after an edit of ${edit.file} wrote nothing: ${e.stdout}`);
    // Stages as on a first run (no caches), so `load` shows what the type-check costs.
    const stages = timeNode([path.join(benchDir, 'stages.mjs'), root, stagesOut], { env: { RIVVEN_GITOPS_CACHE_DIR: fs.mkdtempSync(path.join(scratch, 'stage-cache-')) } });
    results.stages = stages;
    for (const variant of availableCdk8sVariants()) {
      // Into an empty directory, as the floor; removing the previous output is not part of it.
      const cdk8sOut = path.join(scratch, `${variant.key}-${caseName}`);
      fs.rmSync(cdk8sOut, { recursive: true, force: true });
      const { args, cwd, env, requirePreload, processTree } = variant.command(caseName, cdk8sOut);
      results[variant.key] = timeNode(args, { cwd, env, requirePreload, processTree });
    }
    const parsed = JSON.parse(stages.stdout.trim().split('\n').pop());
    files = parsed.files;
    objects = parsed.objects;
    if (!keep) continue;
    for (const [name, result] of Object.entries(results)) add(name, result);
    for (const e of edits) add('edit', e);
    for (const [stage, ms] of Object.entries(parsed.stages)) (stageSamples[stage] ??= []).push(ms);
    log(`  ${caseName} run ${run}/${runs}: ${Object.entries(results).map(([k, r]) => `${k} ${Math.round(r.wallMs)}`).join(', ')}, edit ${edits.map((e) => Math.round(e.wallMs)).join(' ')} ms`);
  }
  // Leave the project as generated: out/ equal to HEAD.
  fs.rmSync(outDir, { recursive: true, force: true });
  execFileSync('git', ['checkout', '-q', '--', 'out'], { cwd: root });
  const summary = {};
  for (const [name, s] of Object.entries(samples)) {
    summary[name] = { wall: summarize(s.wallMs), cpu: summarize(s.cpuMs), rss: summarize(s.maxRssKb) };
  }
  const stages = Object.fromEntries(Object.entries(stageSamples).map(([k, v]) => [k, summarize(v)]));
  return { caseName, summary, stages, files, objects, layoutFiles };
}

function packageVersion(name) {
  try {
    return JSON.parse(fs.readFileSync(path.join(repoDir, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return 'not installed';
  }
}

function gitDescribe() {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoDir, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { cwd: repoDir, encoding: 'utf8' }).trim() !== '';
    return `${commit}${dirty ? ' (src/ has uncommitted changes)' : ''}`;
  } catch {
    return 'unknown';
  }
}

const s = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
const spread = (x) => `${s(x.median)} (${s(x.min)}–${s(x.max)})`;
const mb = (kb) => `${Math.round(kb / 1024)} MB`;
const ratio = (a, b) => (b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');

function renderResults(results, meta) {
  const lines = [];
  lines.push('# Benchmark results', '');
  lines.push(`Written by \`npm run bench\` (bench/run.mjs) on ${meta.date}. Medians of ${runs} runs after one warm-up, (min–max) beside them;`);
  lines.push('wall-clock time of a whole process unless it says otherwise. CPU = user + system time of that process.', '');
  lines.push('## Machine', '');
  lines.push(`- CPUs: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown'}; memory ${Math.round(os.totalmem() / 2 ** 30)} GiB; load average at start ${meta.load}`);
  lines.push(`- OS: ${os.type()} ${os.release()} (${os.arch()}); Node ${process.version}`);
  lines.push(`- rivven-gitops ${meta.commit}; typescript ${packageVersion('typescript')}, zod ${packageVersion('zod')}, yaml ${packageVersion('yaml')}`);
  lines.push(`- cdk8s: ${describeCdk8sInstall()}`, '');
  lines.push('## Whole process', '');
  lines.push('| case | objects | out/ files | floor | build | build, first run | build --no-typecheck | no-op rebuild | diff --against git:HEAD | build ÷ floor | peak memory build / floor |');
  lines.push('| --- | ---: | ---: | --- | --- | --- | --- | --- | --- | ---: | --- |');
  for (const r of results) {
    const x = r.summary;
    lines.push(
      `| ${r.caseName} | ${r.objects} | ${r.files} | ${spread(x.floor.wall)} | ${spread(x.build.wall)} | ${spread(x['build-first'].wall)} | ${spread(x['build-no-tc'].wall)} | ${spread(x.noop.wall)} | ${spread(x.diff.wall)} | ${ratio(x.build.wall.median, x.floor.wall.median)} | ${mb(x.build.rss.median)} / ${mb(x.floor.rss.median)} |`,
    );
  }
  lines.push(
    '',
    '`build` writes into an empty out/ with the type-check on, in a new process, with what earlier runs left in node_modules/.cache/rivven-gitops, as on a developer machine re-building: the record of the clean type-check of these unchanged files (src/load/typecheck-cache.ts) and the transpiled code and positions of each file (src/load/derived-cache.ts), so such a build loads no TypeScript at all (test/load/derived-cache.test.ts holds it to that), and the V8 code cache of TypeScript for when it must. `build, first run` has no caches (as right after `npm ci`, e.g. in CI): TypeScript is loaded and compiled, and the type-check runs. `no-op rebuild` builds over an up-to-date out/ (asserted: 0 files written), caches warm. `diff` does not type-check.',
  );
  lines.push('', '## The edit loop and the two floors', '');
  lines.push('| case | floor (one file per object) | floor-layout (files) | build | build after an edit | build --watch, save → out/ | build ÷ floor | build ÷ floor-layout | edit ÷ build | edit ÷ no-op rebuild |');
  lines.push('| --- | --- | --- | --- | --- | --- | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    const x = r.summary;
    lines.push(
      `| ${r.caseName} | ${spread(x.floor.wall)} | ${spread(x['floor-layout'].wall)} (${r.layoutFiles}) | ${spread(x.build.wall)} | ${spread(x.edit.wall)} | ${r.watch ? spread(r.watch) : 'not measured'} | ${ratio(x.build.wall.median, x.floor.wall.median)} | ${ratio(x.build.wall.median, x['floor-layout'].wall.median)} | ${ratio(x.edit.wall.median, x.build.wall.median)} | ${ratio(x.edit.wall.median, x.noop.wall.median)} |`,
    );
  }
  lines.push(
    '',
    '`floor-layout` (bench/floor.mjs --layout) writes the same objects in the layout the build writes: base/ with what every environment shares, overlays/<env>/ with kustomization.yaml, its own objects and a JSON 6902 patch per differing base object, argocd/; the plainest way, one process, no checks. `build after an edit`: the first environment file has one value changed (a storage size) and then changed back, each followed by a build (two samples per run) into the up-to-date out/, every cache otherwise warm; the build writes the changed objects. `build --watch`: one watcher per case, the same edit saved and undone, timed from the write of the file to out/ replaced (polling its inode every 2 ms); it includes the watcher\'s 150 ms quiet time that ends a burst of saves.',
  );
  lines.push('', 'CPU time (median): ', '');
  lines.push('| case | floor | floor-layout | build | build after an edit | build, first run | build --no-typecheck | no-op rebuild | diff |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of results) {
    const x = r.summary;
    lines.push(`| ${r.caseName} | ${s(x.floor.cpu.median)} | ${s(x['floor-layout'].cpu.median)} | ${s(x.build.cpu.median)} | ${s(x.edit.cpu.median)} | ${s(x['build-first'].cpu.median)} | ${s(x['build-no-tc'].cpu.median)} | ${s(x.noop.cpu.median)} | ${s(x.diff.cpu.median)} |`);
  }
  if (meta.example) {
    lines.push('', `Example fleet (the repository's rivven.config.ts and environments/, out/ committed): \`diff --against git:HEAD\` ${spread(meta.example.wall)}, CPU ${s(meta.example.cpu.median)}.`);
  }
  if (results.some((r) => cdk8sVariants.some((v) => r.summary[v.key]))) {
    lines.push('', '| case | cdk8s subject | wall | CPU | peak memory | build ÷ it | build after an edit ÷ it (CPU) | build, first run ÷ it |', '| --- | --- | --- | --- | --- | ---: | ---: | ---: |');
    for (const r of results) {
      const x = r.summary;
      for (const v of cdk8sVariants) {
        const c = x[v.key];
        if (c) lines.push(`| ${r.caseName} | ${v.row} | ${spread(c.wall)} | ${s(c.cpu.median)} | ${mb(c.rss.median)} | ${ratio(x.build.wall.median, c.wall.median)} | ${ratio(x.edit.wall.median, c.wall.median)} (${ratio(x.edit.cpu.median, c.cpu.median)}) | ${ratio(x['build-first'].wall.median, c.wall.median)} |`);
      }
    }
    lines.push(
      '',
      'The cdk8s subjects write the floor\'s objects (checked, see the floor check) as a cdk8s app, one `Chart` per environment and one for Argo CD, with `app.synth()` into an empty directory, one YAML file per chart (cdk8s\'s default output). `cdk8s synth (CLI, …)` is what a cdk8s user runs: `cdk8s synth` (the CLI of bench/node_modules/.bin, on PATH as `npx` or an npm script puts it; its upgrade check off) in bench/cdk8s-ts/, a project made like the cdk8s TypeScript template\'s: cdk8s.yaml with `app: npx ts-node main.ts`, so the CLI starts a shell, npx and ts-node, which type-checks main.ts and the CRD classes `cdk8s import` generated into imports/ (Rivven, cert-manager, Prometheus Operator, Argo CD; imported once before measuring, not timed); built-in kinds are the typed L1 constructs `k8s.Kube*` (the classes `cdk8s import k8s` generates; here the compiled ones cdk8s-plus-32 ships, since that import needs the network). Its CPU and memory are summed over its node processes (CLI, npx, ts-node). Issue 19\'s goals are against it. `ts-node main.ts` is the same app run by ts-node directly, one process: no CLI, no npx. `cdk8s, plain ApiObject (JS)` is bench/cdk8s-app.mjs: plain JavaScript, every object an `ApiObject`, no TypeScript: about the floor plus cdk8s. No row counts npm\'s own start-up when `npx cdk8s synth` or `npm run synth` starts the CLI.',
    );
  }
  lines.push('', '## Stages inside one process (bench/stages.mjs, type-check on, no caches)', '');
  const stageNames = ['import', 'load', 'resolve', 'validate', 'render', 'check', 'conform', 'kustomize', 'emit', 'emit-noop'];
  lines.push(`| case | ${stageNames.join(' | ')} |`, `| --- | ${stageNames.map(() => '---').join(' | ')} |`);
  for (const r of results) lines.push(`| ${r.caseName} | ${stageNames.map((n) => (r.stages[n] ? spread(r.stages[n]) : '–')).join(' | ')} |`);
  lines.push('', '`import` loads the compiled library from dist/ module by module (the CLI runs the bundle, scripts/bundle-cli.mjs, which loads faster); `load` = find files + type-check + evaluate + provenance; `conform` checks every object against its schema (without caches it loads and runs the schema validators; a warm build reads which objects passed before); `emit` writes into an empty directory, `emit-noop` compares with an up-to-date one.');
  lines.push('', '## Goals', '');
  for (const goal of meta.goals) lines.push(`- ${goal.met ? '✅' : '❌'} ${goal.text}`);
  lines.push('', '## Floor check', '', meta.floorCheck, '');
  return `${lines.join('\n')}\n`;
}

/** The same ratio in CPU time, steadier than wall time when other work shares the machine. */
function cpuRatio(result, subject) {
  return `${(result.summary[subject].cpu.median / result.summary.floor.cpu.median).toFixed(2)}×`;
}

/**
 * Issue 4's goal is stated for the example fleet itself: `diff --against git:HEAD` in the repository,
 * whose out/ is committed. Skipped (undefined) when out/ differs from HEAD, as while editing it.
 */
function measureExampleDiff() {
  const status = execFileSync('git', ['status', '--porcelain', '--', 'out', 'rivven.config.ts', 'environments'], { cwd: repoDir, encoding: 'utf8' }).trim();
  if (status !== '') {
    log('  skipped: out/ or the example config differs from HEAD');
    return undefined;
  }
  const wall = [];
  const cpu = [];
  for (let run = 0; run <= runs; run += 1) {
    const result = timeNode([cliPath, 'diff', '--against', 'git:HEAD'], { cwd: repoDir });
    if (run === 0) continue; // warm-up
    wall.push(result.wallMs);
    cpu.push(result.cpuMs);
  }
  return { wall: summarize(wall), cpu: summarize(cpu) };
}

/** How the cdk8s subjects are installed, for the machine section. */
function describeCdk8sInstall() {
  const available = availableCdk8sVariants();
  if (available.length === 0) return 'not installed under bench/, not measured (npm --prefix bench ci)';
  const versions = ['cdk8s-cli', 'cdk8s', 'cdk8s-plus-32', 'ts-node', 'typescript'].filter((name) => fs.existsSync(path.join(benchDir, 'node_modules', name, 'package.json')));
  return `${versions.map((name) => `${name} ${benchPackageVersion(name)}`).join(', ')} (bench/node_modules); measured: ${available.map((v) => v.row).join('; ')}`;
}

/**
 * An issue-19 goal against `cdk8s synth`: met or not by the CLI row (what a cdk8s user runs), the same app
 * run by ts-node directly and the plain-JavaScript subject shown beside it. Undefined when the CLI row was
 * not measured.
 */
function cdk8sGoal(result, subject, label) {
  const x = result.summary;
  const cli = x['cdk8s-cli'];
  if (!cli) return undefined;
  const beside = [
    ['cdk8s-ts', 'ts-node main.ts without the CLI'],
    ['cdk8s-js', 'cdk8s plain ApiObject (JS)'],
  ]
    .filter(([key]) => x[key])
    .map(([key, name]) => `; beside it, ${name}: ${s(x[key].wall.median)} = ${(x[subject].wall.median / x[key].wall.median).toFixed(2)}×, CPU ${(x[subject].cpu.median / x[key].cpu.median).toFixed(2)}×`)
    .join('');
  const c = x[subject].wall.median / cli.wall.median;
  return {
    met: c <= 0.25,
    text: `${label}, cdk8s synth (CLI, TypeScript app, imported CRD classes): ${s(x[subject].wall.median)} vs ${s(cli.wall.median)} = ${c.toFixed(2)}× (CPU time ${s(x[subject].cpu.median)} vs ${s(cli.cpu.median)} = ${(x[subject].cpu.median / cli.cpu.median).toFixed(2)}×)${beside}`,
  };
}

function evaluateGoals(results, example) {
  const byCase = new Map(results.map((r) => [r.caseName, r]));
  const goals = [];
  const small = byCase.get('3x200');
  const large = byCase.get('3x2000');
  const wide = byCase.get('20x200');
  if (small) {
    const r = small.summary.build.wall.median / small.summary.floor.wall.median;
    const first = small.summary['build-first'].wall.median / small.summary.floor.wall.median;
    goals.push({
      met: r <= 2,
      text: `3x200 build with type-check ≤ 2× the floor: ${s(small.summary.build.wall.median)} vs ${s(small.summary.floor.wall.median)} = ${r.toFixed(2)}× (CPU time ${cpuRatio(small, 'build')}; first run without caches: ${first.toFixed(2)}×, CPU ${cpuRatio(small, 'build-first')})`,
    });
    const buildGoal = cdk8sGoal(small, 'build', '3x200 build ≤ 0.25× cdk8s synth');
    if (buildGoal) goals.push(buildGoal);
    const layout = small.summary.build.wall.median / small.summary['floor-layout'].wall.median;
    goals.push({ met: layout <= 2, text: `3x200 build with type-check ≤ 2× the layout floor (same layout as out/): ${s(small.summary.build.wall.median)} vs ${s(small.summary['floor-layout'].wall.median)} = ${layout.toFixed(2)}× (CPU time ${(small.summary.build.cpu.median / small.summary['floor-layout'].cpu.median).toFixed(2)}×)` });
    const e = small.summary.edit.wall.median / small.summary.build.wall.median;
    goals.push({
      met: e <= 1.5,
      text: `3x200 build after an edit ≤ 1.5× the warm build (issue 19): ${s(small.summary.edit.wall.median)} vs ${s(small.summary.build.wall.median)} = ${e.toFixed(2)}× (CPU time ${s(small.summary.edit.cpu.median)} vs ${s(small.summary.build.cpu.median)} = ${(small.summary.edit.cpu.median / small.summary.build.cpu.median).toFixed(2)}×)`,
    });
    goals.push(
      cdk8sGoal(small, 'edit', '3x200 build after an edit ≤ 0.25× cdk8s synth (issue 19)') ?? {
        met: false,
        text: 'build after an edit ≤ 0.25× cdk8s synth (issue 19): not measured (the cdk8s synth row needs cdk8s-cli, cdk8s, cdk8s-plus-32, ts-node and typescript under bench/node_modules: npm --prefix bench ci)',
      },
    );
    const d = small.summary.diff.wall.median;
    goals.push({ met: d <= 500, text: `3x200 diff --against git:HEAD ≤ 0.5 s: ${s(d)}` });
  }
  if (example) goals.push({ met: example.wall.median <= 500, text: `example fleet diff --against git:HEAD < 0.5 s (issue 4): ${s(example.wall.median)}` });
  goals.push({ met: true, text: `no-op rebuild writes 0 files: asserted on every run of ${results.map((r) => r.caseName).join(', ')}` });
  if (large) {
    const r = large.summary.build.wall.median / large.summary.floor.wall.median;
    const first = large.summary['build-first'].wall.median / large.summary.floor.wall.median;
    goals.push({
      met: r <= 1.5,
      text: `3x2000 build with type-check ≤ 1.5× the floor: ${s(large.summary.build.wall.median)} vs ${s(large.summary.floor.wall.median)} = ${r.toFixed(2)}× (CPU time ${cpuRatio(large, 'build')}; first run without caches: ${first.toFixed(2)}×, CPU ${cpuRatio(large, 'build-first')})`,
    });
  }
  if (small && wide) {
    // Linear (or better): time grows at most as fast as the object count. Process start-up and fixed costs
    // make a sub-linear ratio normal; above 1.2 the cost per object grows with the fleet.
    const growth = (k) => wide.summary[k].wall.median / small.summary[k].wall.median / (wide.objects / small.objects);
    const g = growth('build');
    goals.push({
      met: g <= 1.2,
      text: `20x200 grows linearly: ${wide.objects}/${small.objects} = ${(wide.objects / small.objects).toFixed(2)}× the objects take ${(wide.summary.build.wall.median / small.summary.build.wall.median).toFixed(2)}× the build time (time per object ${g.toFixed(2)}× that of 3x200; floor ${growth('floor').toFixed(2)}×)`,
    });
  }
  return goals;
}

/**
 * Fleet scale (issue 15): does `build --env <one>` of a 60-environment fleet cost close to building a
 * one-environment fleet, and does the whole-fleet build grow linearly with the environments? Every build
 * runs over an up-to-date out/ with warm caches (type-check on), so all of them compile and compare.
 */
function measureFleetScale(load) {
  const one = '1x200';
  const small = '3x200';
  const big = '60x200';
  for (const c of [one, small, big]) {
    log(`generating ${c}`);
    generateCase(c);
  }
  const selected = fleetSpec(parseCase(big)).environments[0].name;
  const subjects = {
    one: { args: [cliPath, 'build'], cwd: path.join(workDir, one) },
    small: { args: [cliPath, 'build'], cwd: path.join(workDir, small) },
    big: { args: [cliPath, 'build'], cwd: path.join(workDir, big) },
    bigOne: { args: [cliPath, 'build', '--env', selected], cwd: path.join(workDir, big) },
  };
  const samples = Object.fromEntries(Object.keys(subjects).map((k) => [k, { wall: [], cpu: [] }]));
  for (let run = 0; run <= runs; run += 1) {
    for (const [key, subject] of Object.entries(subjects)) {
      log(`fleet-scale run ${run}/${runs}: ${key}`);
      const result = timeNode(subject.args, { cwd: subject.cwd });
      // run 0 warms the caches and is not counted
      if (run === 0) continue;
      samples[key].wall.push(result.wallMs);
      samples[key].cpu.push(result.cpuMs);
    }
  }
  const m = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, { wall: summarize(v.wall), cpu: summarize(v.cpu) }]));
  const s = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
  const spread = (x) => `${s(x.median)} (${s(x.min)}–${s(x.max)})`;
  const perEnv = (k, envs) => m[k].wall.median / envs;
  const growth = perEnv('big', 60) / perEnv('small', 3);
  const cpuGrowth = m.big.cpu.median / 60 / (m.small.cpu.median / 3);
  return [
    '## Fleet scale: 60 environments (issue 15)',
    '',
    `Measured by \`node bench/run.mjs --fleet-scale --runs ${runs}\` on ${new Date().toISOString().slice(0, 10)}, medians of ${runs} runs after a warm-up, (min–max) beside them. The machine was loaded (2 cores shared with other jobs; load average at start ${load}), so the wall times are noisy; CPU time (user + system of the process) is the steadier figure. Every build runs over an up-to-date out/ with warm caches and the type-check on. 60x200 is 3 profiles × 20 regions (\`dev-1\` … \`prod-20\`), 200 topics each.`,
    '',
    '| subject | wall | CPU |',
    '| --- | --- | --- |',
    `| 1x200 \`build\` (a one-environment fleet) | ${spread(m.one.wall)} | ${s(m.one.cpu.median)} |`,
    `| 60x200 \`build --env ${selected}\` | ${spread(m.bigOne.wall)} | ${s(m.bigOne.cpu.median)} |`,
    `| 3x200 \`build\` | ${spread(m.small.wall)} | ${s(m.small.cpu.median)} |`,
    `| 60x200 \`build\` | ${spread(m.big.wall)} | ${s(m.big.cpu.median)} |`,
    '',
    `- \`build --env ${selected}\` on 60x200 ÷ \`build\` of the one-environment fleet: ${(m.bigOne.wall.median / m.one.wall.median).toFixed(2)}× wall, ${(m.bigOne.cpu.median / m.one.cpu.median).toFixed(2)}× CPU. \`build --env\` still compiles the whole fleet (base/ and argocd/ are computed from every environment, and a partial build is refused when they would change), so it costs about what the whole-fleet build does.`,
    `- Whole-fleet growth: 60x200 takes ${s(perEnv('big', 60))} per environment against ${s(perEnv('small', 3))} for 3x200, ${growth.toFixed(2)}× the time per environment (CPU ${cpuGrowth.toFixed(2)}×); 1.0 is linear, below it the fixed start-up cost is spread over more environments.`,
    '',
  ].join('\n');
}

/** Replaces the section between `<!-- name -->` markers in the results file (appends it the first time). */
function writeSection(file, name, text) {
  const start = `<!-- ${name} -->`;
  const end = `<!-- /${name} -->`;
  const block = `${start}\n${text}\n${end}\n`;
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next = from >= 0 && to > from ? current.slice(0, from) + block + current.slice(to + end.length + 1) : `${current.replace(/\n*$/, '\n\n')}${block}`;
  fs.writeFileSync(file, next);
}

async function main() {
  const started = performance.now();
  const load = os.loadavg().map((l) => l.toFixed(2)).join(', ');
  if (!values['no-build']) {
    log('building dist/ and its CLI bundle (npm run build:ts)');
    // A type error elsewhere in the tree still emits; what matters is that dist/ holds the current code.
    spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: repoDir, stdio: 'ignore' });
    const printed = spawnSync(process.execPath, [path.join(repoDir, 'scripts', 'build-public-types.mjs')], { cwd: repoDir, encoding: 'utf8' });
    if (printed.status !== 0) log(`warning: scripts/build-public-types.mjs failed, the type-check uses dist/index.d.ts:\n${printed.stderr}`);
    const bundled = spawnSync(process.execPath, [path.join(repoDir, 'scripts', 'bundle-cli.mjs')], { cwd: repoDir, encoding: 'utf8' });
    if (bundled.status !== 0) log(`warning: scripts/bundle-cli.mjs failed, bin/ runs dist/cli/main.js:\n${bundled.stderr}`);
  }
  if (!fs.existsSync(path.join(repoDir, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run npm run build:ts');
  if (values['fleet-scale']) {
    writeSection(values.out, 'fleet-scale', measureFleetScale(load));
    fs.rmSync(scratch, { recursive: true, force: true });
    log(`wrote the fleet-scale section of ${path.relative(process.cwd(), values.out)} in ${Math.round((performance.now() - started) / 1000)} s`);
    return;
  }
  for (const c of cases) {
    log(`generating ${c}`);
    generateCase(c);
  }
  const checkCase = cases.includes('3x200') ? '3x200' : cases[0];
  const check = await verifyFloor(checkCase);
  if (check.problems.length > 0) throw new Error(`the floor does not build the compiler's objects for ${checkCase}:\n${check.problems.slice(0, 20).join('\n')}`);
  let floorCheck = `bench/floor.mjs builds exactly the compiler's objects for ${checkCase} (${check.objects} objects, compared as sets of key-sorted JSON, per environment and for Argo CD).`;
  if (availableCdk8sVariants().some((v) => v.key !== 'cdk8s-js')) {
    log('cdk8s import of the CRDs into bench/cdk8s-ts/imports/ (once, not timed)');
    await importCdk8sCrds();
  }
  for (const variant of availableCdk8sVariants()) {
    const cdk8s = verifyCdk8s(checkCase, variant);
    if (cdk8s.problems.length > 0) throw new Error(`${variant.source} does not write the floor's objects for ${checkCase}:\n${cdk8s.problems.slice(0, 20).join('\n')}`);
    floorCheck += ` ${variant.source} (${variant.row}) writes exactly the floor's objects for ${checkCase} (${cdk8s.objects} objects in ${cdk8s.files} files, read back and compared the same way, per chart, without normalization).`;
  }
  for (const variant of cdk8sVariants.filter((v) => !v.available())) log(`${variant.row}: its dependencies are not installed under bench/node_modules, its row is skipped: npm --prefix bench ci`);
  const results = [];
  for (const c of cases) {
    log(`measuring ${c}`);
    const result = measureCase(c);
    if (!values['no-watch']) {
      log(`measuring build --watch on ${c}`);
      result.watch = await measureWatch(c, Math.max(2, Math.ceil(runs / 2)));
    }
    results.push(result);
  }
  log('measuring the example fleet (repository root)');
  const example = measureExampleDiff();
  const goals = evaluateGoals(results, example);
  const commit = gitDescribe();
  // Sections written by other modes (`--fleet-scale`) are measured separately: keep them.
  const previous = fs.existsSync(values.out) ? fs.readFileSync(values.out, 'utf8') : '';
  const kept = [...previous.matchAll(/<!-- ([a-z-]+) -->[\s\S]*?<!-- \/\1 -->/g)].map((m) => m[0]);
  fs.writeFileSync(values.out, [renderResults(results, { date: new Date().toISOString().slice(0, 10), load, commit, goals, floorCheck, example }), ...kept].join('\n'));
  fs.rmSync(scratch, { recursive: true, force: true });
  log(`wrote ${path.relative(process.cwd(), values.out)} in ${Math.round((performance.now() - started) / 1000)} s`);
  for (const goal of goals) log(`${goal.met ? 'met    ' : 'NOT met'} ${goal.text}`);
}

await main();
