/**
 * Bad input, part 2: names Kubernetes or the file system cannot take, duplicates, numbers, sizes,
 * quantities, durations and cron out of range or malformed, references to what is not there, and a
 * credential written in the config.
 */
import { baseWith, environmentFile, type FaultCase } from './harness.js';

const names = 'Names';
const duplicates = 'Duplicates and shadowing';
const numbers = 'Numbers, sizes, quantities, durations, cron';
const references = 'References and credentials';

const long = 'a'.repeat(254);
/**
 * These values all pass the type-check (a name is a string, NaN a number), so most cases skip it to
 * keep the corpus fast; the few that run plain `build` show the type-check lets them through.
 */
const untyped = ['build', '--no-typecheck'];
const prod = (body: string) => ({ 'environments/prod.ts': environmentFile(body) });

/** A topic override in prod.ts that sets `field`. */
const topicField = (field: string) => prod(`{ topics: { 'orders-events': { ${field} } } }`);

export const valueCases: readonly FaultCase[] = [
  { id: 'topic-name-with-slash', group: names, title: "a topic named 'orders/events'", files: prod("{ topics: { 'orders/events': { partitions: 3 } } }"), code: 'RG303', at: { file: 'environments/prod.ts', needle: "'orders/events'" } },
  { id: 'topic-name-dot-dot', group: names, title: "a topic named '..'", files: prod("{ topics: { '..': { partitions: 3 } } }"), argv: untyped, code: 'RG303', at: { file: 'environments/prod.ts', needle: "'..'" } },
  { id: 'topic-name-path-traversal', group: names, title: "a topic named '../../etc/passwd'", files: prod("{ topics: { '../../etc/passwd': { partitions: 3 } } }"), argv: untyped, code: 'RG303', at: { file: 'environments/prod.ts', needle: "'../../etc" } },
  { id: 'topic-name-upper-case', group: names, title: "a topic named 'OrdersEvents'", files: prod('{ topics: { OrdersEvents: { partitions: 3 } } }'), argv: untyped, code: 'RG303', at: { file: 'environments/prod.ts', needle: 'OrdersEvents' } },
  { id: 'topic-name-unicode', group: names, title: "a topic named 'bestellungen-ü'", files: prod("{ topics: { 'bestellungen-ü': { partitions: 3 } } }"), argv: untyped, code: 'RG303', at: { file: 'environments/prod.ts', needle: "'bestellungen" } },
  { id: 'topic-name-254-characters', group: names, title: 'a topic name of 254 characters', files: prod(`{ topics: { '${long}': { partitions: 3 } } }`), argv: untyped, code: 'RG303', at: { file: 'environments/prod.ts', needle: `'${long}'` } },
  { id: 'pipeline-name-with-slash', group: names, title: "a connect pipeline named 'cdc/pipeline'", files: prod("{ connect: { 'cdc/pipeline': { sources: {} } } }"), argv: untyped, code: 'RG303', at: { file: 'environments/prod.ts', needle: "'cdc/pipeline'" } },
  { id: 'pipeline-name-dot-dot', group: names, title: "a connect pipeline named '..'", files: prod("{ connect: { '..': {} } }"), argv: untyped, code: 'RG303', at: { file: 'environments/prod.ts', needle: "'..'" } },
  { id: 'pipeline-name-254-characters', group: names, title: 'a connect pipeline name of 254 characters', files: prod(`{ connect: { '${long}': {} } }`), argv: untyped, code: 'RG303', at: { file: 'environments/prod.ts', needle: `'${long}'` } },
  { id: 'source-name-upper-case', group: names, title: "a source named 'Api'", files: prod("{ connect: { 'cdc-pipeline': { sources: { Api: { connector: 'http', topic: 'cdc.events' } } } } }"), argv: untyped, code: 'RG303', at: { file: 'environments/prod.ts', needle: 'Api' } },
  { id: 'cluster-name-upper-case', group: names, title: "cluster.name 'Main'", files: prod("{ cluster: { name: 'Main' } }"), argv: untyped, code: 'RG303', at: { file: 'environments/prod.ts', needle: 'name' } },
  { id: 'cluster-name-254-characters', group: names, title: 'a cluster name of 254 characters', files: prod(`{ cluster: { name: '${long}' } }`), argv: untyped, code: 'RG303', at: { file: 'environments/prod.ts', needle: 'name' } },
  { id: 'namespace-with-slash', group: names, title: "namespace 'shop/prod'", files: prod("{ namespace: 'shop/prod' }"), argv: untyped, code: 'RG303', at: { file: 'environments/prod.ts', needle: 'namespace' } },
  { id: 'namespace-dot-dot', group: names, title: "namespace '..'", files: prod("{ namespace: '..' }"), argv: untyped, code: 'RG303', at: { file: 'environments/prod.ts', needle: 'namespace' } },
  { id: 'namespace-254-characters', group: names, title: 'a namespace of 254 characters', files: prod(`{ namespace: '${long}' }`), argv: untyped, code: 'RG303', at: { file: 'environments/prod.ts', needle: 'namespace' } },
  { id: 'environment-file-upper-case', group: names, title: 'environments/Prod.ts beside environments/prod.ts (the name becomes part of namespaces)', files: { 'environments/Prod.ts': environmentFile('{}') }, code: 'RG109', at: { file: 'environments/Prod.ts' } },
  { id: 'environment-file-unicode', group: names, title: 'environments/prüfung.ts', files: { 'environments/prüfung.ts': environmentFile('{}') }, argv: untyped, code: 'RG109', at: { file: 'environments/prüfung.ts' } },
  { id: 'environment-file-dots', group: names, title: 'environments/pre.prod.ts', files: { 'environments/pre.prod.ts': environmentFile('{}') }, argv: untyped, code: 'RG109', at: { file: 'environments/pre.prod.ts' } },
  { id: 'environment-file-254-characters', group: names, title: 'an environment file name of 250 characters (+ .ts)', files: { [`environments/${'e'.repeat(250)}.ts`]: environmentFile('{}') }, argv: untyped, code: 'RG109', at: { file: `environments/${'e'.repeat(250)}.ts` } },
  { id: 'output-dir-outside-project', group: names, title: "output.dir '../elsewhere'", files: { 'rivven.config.ts': baseWith("project: 'shop',", "project: 'shop',\n  output: { dir: '../elsewhere' },") }, argv: untyped, code: 'RG208', at: { file: 'rivven.config.ts', needle: 'dir' } },

  { id: 'environment-shadows-another', group: duplicates, title: 'environments/eu-prod.ts and environments/eu/prod.ts both name eu-prod', files: { 'environments/eu-prod.ts': environmentFile('{}'), 'environments/eu/prod.ts': environmentFile('{}') }, code: 'RG108', at: { file: 'environments/eu-prod.ts' } },
  { id: 'two-environments-one-namespace', group: duplicates, title: "prod sets namespace 'shop-dev', dev's namespace", files: prod("{ namespace: 'shop-dev' }"), code: 'RG324', at: { file: 'environments/prod.ts', needle: 'namespace' } },

  { id: 'partitions-nan', group: numbers, title: 'partitions: NaN', files: topicField('partitions: NaN'), code: 'RG203', at: { file: 'environments/prod.ts', needle: 'partitions' } },
  { id: 'replicas-infinity', group: numbers, title: 'cluster.replicas: Infinity', files: prod('{ cluster: { replicas: Infinity } }'), argv: untyped, code: 'RG203', at: { file: 'environments/prod.ts', needle: 'replicas' } },
  { id: 'partitions-negative', group: numbers, title: 'partitions: -3', files: topicField('partitions: -3'), argv: untyped, code: 'RG204', at: { file: 'environments/prod.ts', needle: 'partitions' } },
  { id: 'partitions-absurd', group: numbers, title: 'partitions: 1e9', files: topicField('partitions: 1e9'), argv: untyped, code: 'RG204', at: { file: 'environments/prod.ts', needle: 'partitions' } },
  { id: 'replicas-fraction', group: numbers, title: 'cluster.replicas: 2.5', files: prod('{ cluster: { replicas: 2.5 } }'), argv: untyped, code: 'RG203', at: { file: 'environments/prod.ts', needle: 'replicas' } },
  { id: 'storage-negative', group: numbers, title: "storage.size '-20Gi'", files: prod("{ cluster: { storage: { size: '-20Gi' } } }"), argv: untyped, code: 'RG308', at: { file: 'environments/prod.ts', needle: 'size' } },
  { id: 'storage-overflows', group: numbers, title: "storage.size '1e400' (overflows to Infinity)", files: prod("{ cluster: { storage: { size: '1e400' } } }"), argv: untyped, code: 'RG308', at: { file: 'environments/prod.ts', needle: 'size' } },
  { id: 'cpu-in-words', group: numbers, title: "resources.requests.cpu '2 cores'", files: prod("{ cluster: { resources: { requests: { cpu: '2 cores' } } } }"), argv: untyped, code: 'RG308', at: { file: 'environments/prod.ts', needle: 'cpu' } },
  { id: 'request-above-limit', group: numbers, title: 'memory request 8Gi above its 4Gi limit', files: prod("{ cluster: { resources: { requests: { memory: '8Gi' }, limits: { memory: '4Gi' } } } }"), argv: untyped, code: 'RG307', at: { file: 'environments/prod.ts', needle: 'memory: \'8Gi\'' } },
  { id: 'segment-size-too-big', group: numbers, title: "segmentBytes '20Gi' (above 10Gi)", files: topicField("segmentBytes: '20Gi'"), argv: untyped, code: 'RG204', at: { file: 'environments/prod.ts', needle: 'segmentBytes' } },
  { id: 'segment-size-absurd', group: numbers, title: "segmentBytes '1Ei' (more bytes than a safe integer)", files: topicField("segmentBytes: '1Ei'"), argv: untyped, code: 'RG323', at: { file: 'environments/prod.ts', needle: 'segmentBytes' } },
  { id: 'retention-negative', group: numbers, title: 'retention: -5', files: topicField('retention: -5'), argv: untyped, code: 'RG309', at: { file: 'environments/prod.ts', needle: 'retention' } },
  { id: 'retention-in-words', group: numbers, title: "retention '7 days'", files: topicField("retention: '7 days'"), argv: untyped, code: 'RG309', at: { file: 'environments/prod.ts', needle: 'retention' } },
  { id: 'retention-absurd', group: numbers, title: "retention '99999w' (above 3650 days)", files: topicField("retention: '99999w'"), argv: untyped, code: 'RG204', at: { file: 'environments/prod.ts', needle: 'retention' } },
  { id: 'retention-overflows', group: numbers, title: "retention '9999999999999999999d' (no safe integer of milliseconds)", files: topicField("retention: '9999999999999999999d'"), argv: untyped, code: 'RG309', at: { file: 'environments/prod.ts', needle: 'retention' } },
  { id: 'cron-minute-61', group: numbers, title: "backup.schedule '61 * * * *'", files: prod("{ backup: { schedule: '61 * * * *' } }"), argv: untyped, code: 'RG310', at: { file: 'environments/prod.ts', needle: 'schedule' } },
  { id: 'cron-six-fields', group: numbers, title: "backup.schedule '0 0 2 * * *' (six fields)", files: prod("{ backup: { schedule: '0 0 2 * * *' } }"), argv: untyped, code: 'RG310', at: { file: 'environments/prod.ts', needle: 'schedule' } },

  { id: 'source-topic-missing', group: references, title: 'a source publishing to an undeclared topic, with auto-creation off', files: prod("{ connect: { 'cdc-pipeline': { sources: { api: { topic: 'missing-topic', topicConfig: { autoCreate: false } } } } } }"), argv: untyped, code: 'RG305', at: { file: 'environments/prod.ts', needle: 'topic:' } },
  { id: 'pipeline-cluster-missing', group: references, title: "a connect pipeline pointing at cluster 'other', which this fleet does not render", files: prod("{ connect: { 'cdc-pipeline': { cluster: 'other' } } }"), argv: untyped, code: 'RG326', at: { file: 'environments/prod.ts', needle: 'cluster:' } },
  { id: 'mtls-without-client-ca', group: references, title: 'mTLS authentication without a client CA', files: prod("{ cluster: { auth: { mechanism: 'mtls' } } }"), argv: untyped, code: 'RG313', at: { file: 'environments/prod.ts', needle: 'mechanism' } },
  { id: 'cluster-token-missing', group: references, title: 'five rivvend brokers (target manifests) without clusterAuthToken', files: prod("{ target: 'manifests', topics: null, connect: null, cluster: { replicas: 5, clusterAuthToken: null } }"), argv: untyped, code: 'RG322', at: { file: 'environments/prod.ts', needle: 'replicas' } },
  { id: 'secret-reference-invalid', group: references, title: "configSecretRef 'API_Credentials' (not a Secret name)", files: prod("{ connect: { 'cdc-pipeline': { sources: { api: { configSecretRef: 'API_Credentials' } } } } }"), argv: untyped, code: 'RG306', at: { file: 'environments/prod.ts', needle: 'configSecretRef' } },
  { id: 'password-in-connector-config', group: references, title: "password: '…' written in connector config", files: prod("{ connect: { 'cdc-pipeline': { sources: { api: { config: { password: 'hunter2-SECRET' } } } } } }"), code: 'RG327', at: { file: 'environments/prod.ts', needle: 'password' } },
  { id: 'credentials-in-repo-url', group: references, title: 'argocd.repoURL with user:password@', files: { 'rivven.config.ts': baseWith('https://github.com/', 'https://bot:hunter2-SECRET@github.com/') }, code: 'RG327', at: { file: 'rivven.config.ts', needle: 'repoURL' } },
];
