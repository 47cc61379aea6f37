/**
 * The static files of a new fleet repository: package.json, tsconfig.json, .gitignore, the CI workflow
 * and the README. Pure functions of the project name and the rivven-gitops version.
 */

/** `dependency`: the version range of rivven-gitops, or a `file:` path when init runs from a checkout. */
export function packageJson(project: string, version: string, dependency = `^${version}`): string {
  const pkg = {
    name: `${project}-fleet`,
    private: true,
    description: `GitOps fleet of the ${project} Rivven clusters, compiled by rivven-gitops`,
    type: 'module',
    scripts: {
      validate: 'rivven-gitops validate',
      check: 'rivven-gitops check',
      build: 'rivven-gitops build',
      'build:check': 'rivven-gitops build --check',
    },
    devDependencies: {
      'rivven-gitops': dependency,
    },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

export function tsconfigJson(): string {
  const config = {
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2022'],
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      noUncheckedIndexedAccess: true,
      skipLibCheck: true,
      noEmit: true,
      types: [],
    },
    include: ['rivven.config.ts', 'environments/**/*.ts'],
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** out/ is NOT ignored: it is what Argo CD syncs, so it is committed. */
export function gitignore(): string {
  return ['node_modules/', '*.tsbuildinfo', '.out.rivven-gitops*', ''].join('\n');
}

/**
 * The CI workflow (the same idea as rivven-gitops' own): every push and pull request must validate, pass
 * each environment's production checklist and have an up-to-date out/; a pull request also gets a
 * comment, updated in place, saying per environment what would change and what is dangerous.
 */
/**
 * The steps every job starts with: the checkout (the whole history when `history` is given, with it as
 * the comment saying why), Node 20 with npm's cache, and \`npm ci\`. Ends with a newline.
 */
function checkoutAndInstall(options: { readonly history?: string; readonly lockfileNote?: boolean }): string {
  const { history, lockfileNote = false } = options;
  const lines = ['      - uses: actions/checkout@v4'];
  if (history !== undefined) lines.push('        with:', ...(history === '' ? [] : [`          # ${history}`]), '          fetch-depth: 0');
  lines.push('      - uses: actions/setup-node@v4', '        with:', '          node-version: 20', '          cache: npm');
  if (lockfileNote) lines.push('      # Needs package-lock.json: run `npm install` once and commit it.');
  lines.push('      - run: npm ci --no-audit --no-fund');
  return `${lines.join('\n')}\n`;
}

export function ciWorkflow(): string {
  return `# rivven-gitops CI for this fleet:
# - every push and pull request: validate, the production checklist (check), and out/ must be exactly
#   what the config renders (build --check), because out/ is what Argo CD syncs;
# - pull requests: a comment, updated in place on every push, shows per environment what would change
#   against the base branch and what is dangerous.
name: rivven-gitops

on:
  pull_request:
  push:
    branches: [main]

permissions:
  contents: read

concurrency:
  group: rivven-gitops-\${{ github.event.pull_request.number || github.ref }}
  cancel-in-progress: true

jobs:
  fleet:
    name: validate, check, build --check
    runs-on: ubuntu-latest
    timeout-minutes: 15
    steps:
${checkoutAndInstall({ lockfileNote: true })}      - name: Type-check and validate
        run: npx rivven-gitops validate
      - name: Production checklist
        run: npx rivven-gitops check
      - name: out/ is what the config renders
        run: npx rivven-gitops build --check

  changes:
    name: what this pull request changes
    if: github.event_name == 'pull_request'
    runs-on: ubuntu-latest
    timeout-minutes: 15
    permissions:
      contents: read
      pull-requests: write
    steps:
${checkoutAndInstall({ history: "diff reads the base branch's committed out/ with git: it needs the history." })}      - name: Diff against the base branch
        id: diff
        env:
          # Through env, never \${{ }} inside the script: a branch name must not run as shell code.
          BASE_REF: \${{ github.base_ref }}
          HEAD_SHA: \${{ github.event.pull_request.head.sha }}
        # The gate: a dangerous change (partitions decreased, data deleted, …) fails the job unless a
        # commit of the pull request has a trailer "Rivven-Acknowledge: <code> <env>/<object> <reason>".
        run: |
          status=0
          npx rivven-gitops diff --against "git:origin/\${BASE_REF}" --fail-on danger --format markdown --commit "\${HEAD_SHA}" > diff.md || status=$?
          # 0 nothing blocks, 3 dangerous changes not acknowledged (failed below, after the comment), anything else an error.
          if [ "$status" -ne 0 ] && [ "$status" -ne 3 ]; then exit "$status"; fi
          echo "gate=$status" >> "$GITHUB_OUTPUT"
          cat diff.md >> "$GITHUB_STEP_SUMMARY"
      - name: Comment on the pull request
        # Pull requests from forks get a read-only token: their diff is in the job summary.
        if: github.event.pull_request.head.repo.full_name == github.repository
        env:
          GITHUB_TOKEN: \${{ secrets.GITHUB_TOKEN }}
          PR_NUMBER: \${{ github.event.pull_request.number }}
        run: npx rivven-gitops comment --pr "\${PR_NUMBER}" --file diff.md
      - name: Dangerous changes are acknowledged
        if: \${{ !cancelled() && steps.diff.outputs.gate == '3' }}
        run: |
          echo "::error::dangerous changes are not acknowledged: see the pull-request comment"
          exit 1
`;
}

export function readme(project: string, options: { readonly importedFrom?: readonly string[] }): string {
  const imported =
    options.importedFrom === undefined
      ? ''
      : `\nThe base configuration was imported from ${options.importedFrom.join(', ')} by \`rivven-gitops init --from\`.\nComments in \`rivven.config.ts\` mark every value that was not carried over as it was, and why.\n`;
  return `# ${project} fleet

Rivven clusters of ${project}, described in typed TypeScript and compiled by rivven-gitops into
Kustomize base/overlays under \`out/\`, which Argo CD syncs.
${imported}
## Layout

- \`rivven.config.ts\`: the base configuration every environment starts from.
- \`environments/dev.ts\`, \`staging.ts\`, \`prod.ts\`: what each environment changes. Objects merge deeply,
  topics and pipelines by name, arrays replace, \`null\` removes.
- \`out/\`: generated by \`npx rivven-gitops build\` and committed. Never edit it by hand.
- \`.github/workflows/rivven-gitops.yml\`: CI (validate, production checklist, stale \`out/\`, and a
  pull-request comment with what would change per environment).
- Shared defaults: config files may import a package installed in this repository's node_modules
  (\`npm install @acme/rivven-presets\`, then \`import { productionDefaults } from '@acme/rivven-presets'\`);
  it is type-checked and traced like your own files. Nothing above this folder is read.

## Getting started

\`\`\`sh
npm install                      # commit the package-lock.json it writes
npx rivven-gitops validate       # type errors and invalid values, with file:line:col
npx rivven-gitops check          # each environment against its profile's production checklist
npx rivven-gitops build          # writes out/; commit it
npx rivven-gitops explain prod cluster.replicas   # which file set a value
\`\`\`

Before the first sync:

1. Set \`argocd.repoURL\` in \`rivven.config.ts\` to this repository's Git URL.
2. Create the Secrets the configuration references (it names them, never holds them): the broker
   cluster token, and any connector credentials.
3. List the namespaces of your producers and consumers in \`networkPolicy.allowedNamespaces\`. With
   \`target: 'manifests'\` client auth is off, because rivvend 0.0.22 cannot load users (RG427): the
   NetworkPolicies are what limit who reaches the client port 9092.
4. In production, point \`cluster.tls.certManager.issuerRef\` at an issuer that can sign in-cluster names
   (a CA issuer, not ACME) and \`cluster.storage.storageClassName\` at your SSD StorageClass. TLS
   encrypts the HTTP API and Raft between brokers; the published rivvend image keeps 9092 plaintext,
   and build says so (RG424).
5. Apply \`out/argocd/\` (the AppProject and one Application per environment) where Argo CD runs. With
   \`target: 'manifests'\` no operator or CRDs are needed: the StatefulSet runs rivvend itself.
`;
}

/**
 * The sharded CI workflow (`init --ci sharded`), for large fleets: `affected` lists the environments a
 * pull request changes, then `build --check` and `diff` run once per environment in a matrix, so a change
 * to one region costs one job, not one per environment of the fleet.
 */
export function shardedCiWorkflow(): string {
  return `# rivven-gitops CI for a large fleet, sharded per environment:
# - affected: which environments render differently from the base branch's committed out/
#   (push to main: every environment);
# - per affected environment, in parallel: build --check (its out/ is what the config renders) and diff
#   (what would change; written to the job summary).
name: rivven-gitops-sharded

on:
  pull_request:
  push:
    branches: [main]

permissions:
  contents: read

concurrency:
  group: rivven-gitops-sharded-\${{ github.event.pull_request.number || github.ref }}
  cancel-in-progress: true

jobs:
  affected:
    name: affected environments
    runs-on: ubuntu-latest
    timeout-minutes: 15
    outputs:
      matrix: \${{ steps.affected.outputs.matrix }}
      any: \${{ steps.affected.outputs.any }}
    steps:
${checkoutAndInstall({ history: "affected reads the base branch's committed out/ with git: it needs the history." })}      - name: Validate the whole fleet (cheap; a type error anywhere stops here)
        run: npx rivven-gitops validate
      - id: affected
        name: List the affected environments
        env:
          BASE_REF: \${{ github.base_ref }}
          EVENT: \${{ github.event_name }}
        run: |
          if [ "\${EVENT}" = pull_request ]; then ref="origin/\${BASE_REF}"; else ref="HEAD~1"; fi
          npx rivven-gitops affected --against "git:\${ref}" --format json > affected.json
          cat affected.json
          echo "matrix=$(cat affected.json)" >> "$GITHUB_OUTPUT"
          if grep -q '"environments":\\[\\]' affected.json; then echo "any=false"; else echo "any=true"; fi >> "$GITHUB_OUTPUT"

  environment:
    name: \${{ matrix.environment }}
    needs: affected
    if: needs.affected.outputs.any == 'true'
    runs-on: ubuntu-latest
    timeout-minutes: 15
    strategy:
      fail-fast: false
      matrix: \${{ fromJSON(needs.affected.outputs.matrix) }}
    steps:
${checkoutAndInstall({ history: '' })}      - name: Production checklist
        run: npx rivven-gitops check --env "\${{ matrix.environment }}"
      - name: out/ is what the config renders
        run: npx rivven-gitops build --check --env "\${{ matrix.environment }}"
      - name: Diff against the base branch
        if: github.event_name == 'pull_request'
        env:
          BASE_REF: \${{ github.base_ref }}
          ENVIRONMENT: \${{ matrix.environment }}
        run: |
          status=0
          npx rivven-gitops diff --env "\${ENVIRONMENT}" --against "git:origin/\${BASE_REF}" --fail-on danger --format markdown > diff.md || status=$?
          # 3: a dangerous change nobody acknowledged (docs/danger-gate.md); the summary is still written.
          if [ "$status" -ne 0 ] && [ "$status" -ne 3 ]; then exit "$status"; fi
          cat diff.md >> "$GITHUB_STEP_SUMMARY"
          exit "$status"
`;
}

/**
 * A commented escape hatch for environments/prod.ts, placed before the closing `});`: what the model does
 * not cover is patched onto the rendered objects, checked and traced like everything else.
 */
export function withCustomizeExample(environmentFile: string): string {
  const end = environmentFile.lastIndexOf('});');
  if (end < 0) return environmentFile;
  const example = [
    '  // Escape hatch for what the model does not cover (README: Escape hatches). Patches are checked against',
    '  // the schema like rendered objects, and `rivven-gitops explain prod StatefulSet/<name>:spec...` shows this line.',
    '  // customize: {',
    '  //   patches: {',
    "  //     'broker-priority': {",
    "  //       target: { kind: 'StatefulSet' },",
    "  //       ops: [{ op: 'add', path: '/spec/template/spec/priorityClassName', value: 'system-cluster-critical' }],",
    '  //     },',
    '  //   },',
    '  // },',
    '',
  ].join('\n');
  return environmentFile.slice(0, end) + example + environmentFile.slice(end);
}
