/**
 * The YAML reader's limits and deliberate readings: alias bombs, duplicate keys, huge documents,
 * document counts and nesting are refused with coded findings; YAML 1.1 booleans and octal-looking
 * numbers are read as YAML 1.2 and reported; unknown tags and kinds are reported, never evaluated.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { importManifests } from '../../src/import/import-manifests.js';
import { parseYamlDocuments, readAsYaml11, defaultYamlLimits } from '../../src/import/read-yaml.js';

const topic = (spec: string) => `apiVersion: rivven.hupe1980.github.io/v1alpha1
kind: RivvenTopic
metadata:
  name: orders
spec:
  clusterRef:
    name: main
${spec}`;

test('an alias bomb is refused with RG922 before it expands', () => {
  const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 9; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
  const started = performance.now();
  const parsed = parseYamlDocuments(levels.join('\n'), 'bomb.yaml');
  assert.ok(performance.now() - started < 2000, 'refused quickly, without expanding 10^9 nodes');
  assert.equal(parsed.documents, []);
  assert.equal(parsed.findings.map((f) => [f.code, f.loc?.line]), [['RG922', 1]]);
  assert.match(parsed.findings[0]?.message ?? '', /alias bomb/);
});

test('a few aliases, as people write them, are fine', () => {
  const parsed = parseYamlDocuments('base: &labels {team: a}\nother: *labels\n', 'ok.yaml');
  assert.equal(parsed.findings, []);
  assert.equal(parsed.documents[0]?.value, { base: { team: 'a' }, other: { team: 'a' } });
});

test('a duplicate key is refused with RG921 at its position', () => {
  const parsed = parseYamlDocuments(topic('  partitions: 3\n  partitions: 12\n'), 'dup.yaml');
  assert.equal(parsed.documents, []);
  assert.equal(parsed.findings.map((f) => [f.code, f.loc?.file, f.loc?.line]), [['RG921', 'dup.yaml', 9]]);
  assert.match(parsed.findings[0]?.message ?? '', /YAML readers disagree/);
});

test('a document larger than the limit is refused with RG923; the other documents are not imported either', () => {
  const huge = `kind: ConfigMap\napiVersion: v1\nmetadata: {name: big}\ndata:\n  blob: "${'x'.repeat(defaultYamlLimits.maxDocumentBytes)}"\n`;
  const parsed = parseYamlDocuments(`${topic('  partitions: 3\n')}\n---\n${huge}`, 'huge.yaml');
  assert.equal(parsed.findings.map((f) => [f.code, f.loc?.line]), [['RG923', 11]]);
  assert.match(parsed.findings[0]?.message ?? '', /Document 2 of huge\.yaml is \d+ bytes, more than the 5242880 bytes/);
});

test('a file larger than the file limit is refused before it is parsed', () => {
  const parsed = parseYamlDocuments('a: 1\n', 'f.yaml', { ...defaultYamlLimits, maxFileBytes: 3 });
  assert.equal(parsed.findings.map((f) => f.code), ['RG923']);
});

test('more documents than the limit are refused with RG924', () => {
  const parsed = parseYamlDocuments(Array(6).fill('a: 1').join('\n---\n'), 'many.yaml', { ...defaultYamlLimits, maxDocuments: 5 });
  assert.equal(parsed.findings.map((f) => f.code), ['RG924']);
  assert.equal(parsed.documents, []);
});

test('absurd nesting is refused with RG925', () => {
  const parsed = parseYamlDocuments(`${'['.repeat(150)}${']'.repeat(150)}`, 'deep.yaml');
  assert.equal(parsed.findings.map((f) => f.code), ['RG925']);
});

test('a syntax error is RG920 with the position', () => {
  const parsed = parseYamlDocuments('a: [1, 2\nb: 3\n', 'bad.yaml');
  assert.ok(parsed.findings.length > 0);
  assert.ok(parsed.findings.every((f) => f.code === 'RG920' && f.loc?.file === 'bad.yaml'));
});

test('YAML 1.1 readings: booleans, octal, sexagesimal, binary and underscores; quoted scalars are what they say', () => {
  assert.is(readAsYaml11('yes'), true);
  assert.is(readAsYaml11('On'), true);
  assert.is(readAsYaml11('off'), false);
  assert.is(readAsYaml11('N'), false);
  assert.is(readAsYaml11('0777'), 511);
  assert.is(readAsYaml11('1:30'), 90);
  assert.is(readAsYaml11('0b101'), 5);
  assert.is(readAsYaml11('1_000'), 1000);
  assert.is(readAsYaml11('true'), undefined);
  assert.is(readAsYaml11('012a'), undefined);
  const parsed = parseYamlDocuments('a: yes\nb: "yes"\nc: 0777\nd: \'0777\'\ne: true\n', 'y.yaml');
  assert.equal(parsed.documents[0]?.value, { a: 'yes', b: 'yes', c: 777, d: '0777', e: true });
  assert.equal([...(parsed.documents[0]?.yaml11?.keys() ?? [])], ['/a', '/c']);
});

test('a YAML 1.1 boolean on an imported value is kept as YAML 1.2 read it, and noted where it lands', () => {
  const parsed = parseYamlDocuments(topic('  partitions: 3\n  topicLabels:\n    audited: yes\n'), 'topics.yaml');
  const result = importManifests(parsed.documents, { kind: 'environment' });
  assert.equal(result.config['topics'], { orders: { partitions: 3, labels: { audited: 'yes' } } });
  const note = result.notes.find((n) => n.path === 'topics.yaml spec.topicLabels.audited');
  assert.ok(note, 'noted');
  assert.equal(note.target, ['topics', 'orders', 'labels']);
  assert.match(note.reason, /plain yes is "yes" in YAML 1\.2 .* but true in YAML 1\.1, which kubectl and Helm read/);
  assert.equal(note.loc, { file: 'topics.yaml', line: 10, column: 5 });
});

test('a YAML 1.1 boolean where the setting needs a boolean is imported as YAML 1.1 read it, with a note', () => {
  const parsed = parseYamlDocuments(topic('  partitions: 3\n  deleteOnRemove: no\n'), 'topics.yaml');
  const result = importManifests(parsed.documents, { kind: 'environment' });
  assert.equal(result.config['topics'], { orders: { partitions: 3, deleteOnRemove: false } });
  assert.match(result.notes.map((n) => n.reason).join('\n'), /plain no is "no" in YAML 1\.2 .* topics\.orders\.deleteOnRemove needs the latter, so false was imported/);
});

test('an octal-looking number is read as YAML 1.2 decimal and the YAML 1.1 reading is noted', () => {
  const parsed = parseYamlDocuments(topic('  partitions: 010\n'), 'topics.yaml');
  const result = importManifests(parsed.documents, { kind: 'environment' });
  assert.equal(result.config['topics'], { orders: { partitions: 10 } });
  const note = result.notes.find((n) => n.path === 'topics.yaml spec.partitions');
  assert.ok(note);
  assert.match(note.reason, /plain 010 is 10 in YAML 1\.2 .* but 8 in YAML 1\.1/);
  assert.equal(note.target, ['topics', 'orders', 'partitions']);
});

test('an unknown tag is not evaluated: the value stays a string and a note says so', () => {
  const parsed = parseYamlDocuments(topic('  partitions: 3\n  topicLabels:\n    owner: !!js/function "function () { return process.exit(1) }"\n'), 't.yaml');
  assert.equal(parsed.findings, []);
  const result = importManifests(parsed.documents, { kind: 'environment' });
  assert.equal(result.config['topics'], { orders: { partitions: 3, labels: { owner: 'function () { return process.exit(1) }' } } });
  assert.match(result.notes.map((n) => n.reason).join('\n'), /the tag tag:yaml\.org,2002:js\/function is not one import knows; it was ignored \(nothing is ever evaluated\)/);
});

test('unknown kinds and Secrets are reported, not imported', () => {
  const parsed = parseYamlDocuments(
    [
      'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: rivven-backup}\nspec: {schedule: "0 2 * * *"}',
      'apiVersion: v1\nkind: Secret\nmetadata: {name: creds}\nstringData: {password: hunter2}',
      'apiVersion: rivven.hupe1980.github.io/v1beta9\nkind: RivvenTopic\nmetadata: {name: x}',
      topic('  partitions: 3\n'),
    ].join('\n---\n'),
    'mixed.yaml',
  );
  const result = importManifests(parsed.documents, { kind: 'environment' });
  assert.equal(result.imported.map((o) => o.kind), ['RivvenTopic']);
  assert.equal(
    result.notes.map((n) => `${n.path}: ${n.reason}`),
    [
      'mixed.yaml (document): not imported: rivven-gitops does not import batch/v1 CronJob.',
      'mixed.yaml#2 (document): not imported: Secrets are never imported: keep them out of Git and reference them by name.',
      'mixed.yaml#3 (document): not imported: RivvenTopic of apiVersion rivven.hupe1980.github.io/v1beta9 is not one rivven-gitops knows (it renders rivven.hupe1980.github.io/v1alpha1).',
    ],
  );
  assert.not.match(JSON.stringify(result.config), /hunter2/);
});

test('keys that would change a prototype are dropped with a note', () => {
  const parsed = parseYamlDocuments(topic('  partitions: 3\n  topicLabels:\n    __proto__: polluted\n    team: a\n'), 't.yaml');
  const result = importManifests(parsed.documents, { kind: 'environment' });
  assert.equal(JSON.parse(JSON.stringify(result.config['topics'])), { orders: { partitions: 3, labels: { team: 'a' } } });
  assert.equal(Object.getPrototypeOf({}), Object.prototype);
  assert.match(result.notes.map((n) => n.reason).join('\n'), /the key "__proto__" is refused/);
});

test.run();
