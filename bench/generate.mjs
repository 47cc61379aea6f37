// Generates benchmark fleets in the rivven-gitops DSL: `<envs>x<topics>` (environments × generated topics),
// each with the fixed objects of the example fleet (cluster, CDC connect pipeline, schema registry,
// monitoring, network policy, backup, operator, Argo CD). Each case lands in bench/work/<case>/ with a git
// repository whose HEAD holds the built out/, so `diff --against git:HEAD` has something to compare with.
//
//   node bench/generate.mjs 3x200 3x2000 20x200
//
// The shape of every environment is one of three profiles (dev, staging, prod, as in the example), cycled;
// bench/floor.mjs builds the same objects from the same parameters (fleetSpec below), without the compiler.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const benchDir = path.dirname(fileURLToPath(import.meta.url));
export const repoDir = path.dirname(benchDir);
export const workDir = path.join(benchDir, 'work');
export const cliPath = path.join(repoDir, 'bin', 'rivven-gitops.js');

const profiles = ['dev', 'staging', 'prod'];
const retentions = ['1d', '3d', '7d', '14d', '30d'];
const teams = ['orders', 'payments', 'analytics', 'identity', 'search'];

/** `3x200` → { envs: 3, topics: 200 }. */
export function parseCase(name) {
  const match = /^(\d+)x(\d+)$/.exec(name);
  if (match === null) throw new Error(`case names look like 3x200 (environments x topics), not ${name}`);
  return { name, envs: Number(match[1]), topics: Number(match[2]) };
}

/**
 * Everything that varies between cases, as plain data: the generator writes it as DSL, the floor builds
 * objects from it. Environment names are the profiles for up to three environments, then `<profile>-<n>`.
 */
export function fleetSpec({ envs, topics }) {
  const environments = [];
  for (let i = 0; i < envs; i += 1) {
    const profile = profiles[i % profiles.length];
    const name = envs <= profiles.length ? profile : `${profile}-${Math.floor(i / profiles.length) + 1}`;
    environments.push({ name, profile, namespace: `rivven-${name}` });
  }
  const generated = [];
  for (let t = 0; t < topics; t += 1) {
    const topic = {
      name: `${teams[t % teams.length]}.events-${String(t).padStart(4, '0')}`,
      partitions: [3, 6, 12, 24][t % 4],
      retention: retentions[t % retentions.length],
    };
    if (t % 7 === 3) topic.cleanupPolicy = 'compact';
    if (t % 5 === 0) topic.acls = [{ principal: `user:${teams[t % teams.length]}-service`, operations: ['Read', 'Write'] }];
    if (t % 3 === 0) topic.labels = { team: teams[t % teams.length] };
    generated.push(topic);
  }
  return { environments, topics: generated };
}

/** A topic the production environments grow: every 10th generated topic gets twice the partitions. */
export function prodPartitions(topic, index) {
  return index % 10 === 0 ? topic.partitions * 2 : undefined;
}

function literal(value) {
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : `'${k}'`}: ${literal(v)}`);
    return `{ ${entries.join(', ')} }`;
  }
  return String(value);
}

function topicLiteral(topic) {
  const { name, ...settings } = topic;
  return `    '${name}': ${literal(settings)},`;
}

function baseConfig(spec) {
  return `import { defineConfig } from 'rivven-gitops';

export default defineConfig({
  project: 'rivven',
  rivvenVersion: '0.0.22',
  target: 'operator',

  cluster: {
    name: 'main',
    replicas: 3,
    storage: { size: '100Gi' },
    resources: {
      requests: { cpu: '1', memory: '2Gi' },
      limits: { cpu: '4', memory: '8Gi' },
    },
    placement: { antiAffinity: 'preferred' },
    clusterAuthToken: { secretName: 'rivven-cluster-token', key: 'token' },
    auth: { mechanism: 'scram', scram: { existingSecret: 'rivven-users' } },
  },

  topicDefaults: { compressionType: 'lz4', replicationFactor: 3, minInsyncReplicas: 2, deleteOnRemove: false },

  topics: {
    'cdc.events': { partitions: 6, retention: '3d' },
    'cdc.orders': { partitions: 6, retention: '3d' },
    'cdc.transactions': { partitions: 3, retention: '3d' },
    'cdc.schema-changes': { partitions: 1, retention: '30d', cleanupPolicy: 'compact' },
    'cdc.dlq': { partitions: 3, retention: '14d' },
${spec.topics.map(topicLiteral).join('\n')}
  },

  connect: {
    'cdc-pipeline': {
      replicas: 2,
      resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { memory: '2Gi' } },
      sources: {
        'postgres-cdc': {
          connector: 'postgres-cdc',
          topic: 'cdc.events',
          configSecretRef: 'postgres-credentials',
          postgresCdc: {
            slotName: 'rivven_slot',
            publication: 'rivven_pub',
            snapshotMode: 'initial',
            tables: [{ schema: 'public', table: 'orders', columns: ['id', 'customer_id', 'total'] }],
            heartbeat: { intervalSecs: 5 },
            transactionTopic: { topicName: 'cdc.transactions', includeDataCollections: true },
            schemaChangeTopic: { topicName: 'cdc.schema-changes', includeColumns: true },
          },
        },
      },
      sinks: {
        's3-archive': {
          connector: 's3',
          topics: ['cdc.*'],
          consumerGroup: 's3-archiver',
          configSecretRef: 's3-credentials',
          config: { bucket: 'data-lake', format: 'parquet', compression: 'zstd' },
        },
      },
    },
  },

  schemaRegistry: {
    replicas: 2,
    server: { port: 8081, timeoutSeconds: 30, corsEnabled: true },
    storage: { mode: 'broker', topic: '_schemas', replicationFactor: 3 },
    compatibility: { defaultLevel: 'BACKWARD', subjects: { 'orders-events-value': 'FULL' } },
    schemas: { avro: true, jsonSchema: true, protobuf: true },
    resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { memory: '2Gi' } },
    podDisruptionBudget: { enabled: true, maxUnavailable: 1 },
  },

  monitoring: { serviceMonitor: true, interval: '15s', labels: { release: 'kube-prometheus-stack' } },

  networkPolicy: { allowedNamespaces: ['orders', 'analytics'] },

  backup: { method: 'volume-snapshot', schedule: '0 2 * * *', volumeSnapshot: { keep: 7 } },

  // The operator target renders the most (all four Rivven kinds and the operator install), so the bench
  // keeps it; it declares a fixed operator so that 0.0.22's operator defects are warnings, not errors.
  operator: { install: true, patchedImage: true },

  argocd: { repoURL: 'https://github.com/example/rivven-fleet.git', targetRevision: 'main' },
});
`;
}

function environmentConfig(env, spec) {
  const header = `import { defineEnvironment } from 'rivven-gitops';\n\nexport default defineEnvironment({\n  namespace: '${env.namespace}',\n`;
  if (env.profile === 'dev') {
    return `${header}  profile: 'development',
  cluster: {
    replicas: 1,
    storage: { size: '10Gi' },
    resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '2Gi' } },
  },
  topicDefaults: { replicationFactor: 1, minInsyncReplicas: 1, deleteOnRemove: true },
  connect: { 'cdc-pipeline': { replicas: 1 } },
  schemaRegistry: { replicas: 1, storage: { replicationFactor: 1 } },
  backup: null,
});
`;
  }
  if (env.profile === 'staging') {
    return `${header}  profile: 'staging',
  cluster: {
    placement: { antiAffinity: 'required' },
    tls: { enabled: true, certManager: { issuerRef: { name: 'letsencrypt-staging', kind: 'ClusterIssuer' } } },
  },
});
`;
  }
  const grown = spec.topics
    .map((topic, index) => [topic, prodPartitions(topic, index)])
    .filter(([, partitions]) => partitions !== undefined)
    .map(([topic, partitions]) => `    '${topic.name}': { partitions: ${partitions} },`);
  return `${header}  profile: 'production',
  cluster: {
    replicas: 5,
    storage: { size: '500Gi', storageClassName: 'premium-ssd' },
    placement: { antiAffinity: 'required', zoneSpread: true },
    tls: { enabled: true, certManager: { issuerRef: { name: 'letsencrypt-prod', kind: 'ClusterIssuer' } } },
  },
  topics: {
${grown.join('\n')}
  },
  connect: { 'cdc-pipeline': { replicas: 3 } },
  backup: { volumeSnapshot: { keep: 14 } },
});
`;
}

function git(cwd, ...args) {
  execFileSync('git', args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Writes the case's project (replacing an old one) and commits its built out/. Returns the directory. */
export function generateCase(name) {
  const shape = parseCase(name);
  const spec = fleetSpec(shape);
  const dir = path.join(workDir, name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'environments'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'rivven.config.ts'), baseConfig(spec));
  for (const env of spec.environments) fs.writeFileSync(path.join(dir, 'environments', `${env.name}.ts`), environmentConfig(env, spec));
  fs.writeFileSync(path.join(dir, '.gitignore'), 'node_modules/\n');
  execFileSync(process.execPath, [cliPath, 'build', '--no-typecheck'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, '-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', 'commit', '-q', '--no-gpg-sign', '-m', `bench fleet ${name}`);
  return dir;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const names = process.argv.slice(2);
  for (const name of names.length > 0 ? names : ['3x200', '3x2000', '20x200']) {
    const start = performance.now();
    const dir = generateCase(name);
    console.log(`${name}: ${path.relative(process.cwd(), dir)} (${Math.round(performance.now() - start)} ms)`);
  }
}
