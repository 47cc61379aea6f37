/** `--env` terms: names, globs over names and file paths, cluster/region/label selectors, and their errors. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { UserError } from '../../src/errors/diagnostic.js';
import { matchEnvironments, parseEnvironmentSelection, type SelectableEnvironment } from '../../src/resolve/match-environments.js';

const cluster = (id: string, region: string, labels: Record<string, string> = {}) => ({ id, region, labels, declared: true });
const fleet: SelectableEnvironment[] = [
  { name: 'dev', file: 'environments/dev.ts', kubeCluster: cluster('dev-1', 'eu') },
  { name: 'prod-eu', file: 'environments/prod/eu.ts', kubeCluster: cluster('prod-eu-1', 'eu', { tier: 'gold' }) },
  { name: 'prod-us', file: 'environments/prod/us.ts', kubeCluster: cluster('prod-us-1', 'us', { tier: 'silver' }) },
];
const select = (...values: string[]) => matchEnvironments(parseEnvironmentSelection(values), fleet);

function codesOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof UserError) return error.findings.map((f) => f.code);
    throw error;
  }
  return [];
}

test('names, name globs and path globs', () => {
  assert.equal(select('dev'), ['dev']);
  assert.equal(select('prod-*'), ['prod-eu', 'prod-us']);
  assert.equal(select('prod/*'), ['prod-eu', 'prod-us']);
  assert.equal(select('*-eu'), ['prod-eu']);
});

test('selectors on the cluster, comma-separated and repeated terms are a union in fleet order', () => {
  assert.equal(select('cluster=prod-us-1'), ['prod-us']);
  assert.equal(select('region=eu'), ['dev', 'prod-eu']);
  assert.equal(select('label:tier=gold'), ['prod-eu']);
  assert.equal(select('prod-us,dev'), ['dev', 'prod-us']);
  assert.equal(select('label:tier=silver', 'region=eu'), ['dev', 'prod-eu', 'prod-us']);
});

test('a term that matches nothing is RG635 listing what exists; an unknown name stays RG110', () => {
  try {
    select('region=ap');
    assert.unreachable();
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    assert.is(error.findings[0]?.code, 'RG635');
    assert.match(error.findings[0]?.message ?? '', /environments: dev, prod-eu, prod-us; clusters: dev-1, prod-eu-1, prod-us-1; regions: eu, us; cluster labels: tier=gold, tier=silver/);
  }
  assert.equal(codesOf(() => select('stage-*')), ['RG635']);
  assert.equal(codesOf(() => select('staging')), ['RG110']);
});

test('malformed selectors are RG636', () => {
  assert.equal(codesOf(() => parseEnvironmentSelection(['label:tier'])), ['RG636']);
  assert.equal(codesOf(() => parseEnvironmentSelection(['zone=a'])), ['RG636']);
  assert.equal(codesOf(() => parseEnvironmentSelection(['region='])), ['RG636']);
});

test.run();
