import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { normalizeSchemaRegistry } from '../../src/resolve/schema-registry-aliases.js';
import { resolvedEnvironment } from '../support/resolved.js';

const registryOf = (schemaRegistry: NonNullable<Parameters<typeof resolvedEnvironment>[0]['schemaRegistry']>) => {
  const registry = resolvedEnvironment({ schemaRegistry }).config.schemaRegistry;
  if (registry === undefined) throw new Error('no registry');
  return normalizeSchemaRegistry(registry);
};

test("the guide's words become the CRD's: timeoutSeconds, subjects, schemas, external", () => {
  const r = registryOf({
    server: { requestTimeoutMs: 2500 },
    compatibility: { perSubject: { 'orders-value': 'FULL' } },
    formats: { avro: true, protobuf: false },
    externalRegistry: { registryType: 'compatible', registryUrl: 'https://registry.example.com', syncMode: 'mirror' },
    auth: { method: 'basic', cedar: { policySecretRef: 'cedar' } },
  });
  assert.is(r.server.timeoutSeconds, 3);
  assert.not.ok('requestTimeoutMs' in r.server);
  assert.equal(r.compatibility.subjects, { 'orders-value': 'FULL' });
  assert.not.ok('perSubject' in r.compatibility);
  assert.equal(r.schemas, { avro: true, protobuf: false });
  assert.not.ok('formats' in r);
  assert.equal(r.external, { enabled: true, registryType: 'confluent', confluentUrl: 'https://registry.example.com', syncMode: 'mirror' });
  assert.not.ok('externalRegistry' in r);
  assert.equal(r.auth, { enabled: true, method: 'basic' });
});

test("the CRD's words pass through untouched, and win over the guide's", () => {
  const r = registryOf({
    server: { timeoutSeconds: 10, requestTimeoutMs: 60_000 },
    compatibility: { subjects: { a: 'NONE' }, perSubject: { a: 'FULL', b: 'FORWARD' } },
    schemas: { avro: false },
    formats: { avro: true, jsonSchema: true },
    external: { registryType: 'glue', glueRegistryArn: 'arn:aws:glue:x' },
    externalRegistry: { registryType: 'confluent' },
  });
  assert.is(r.server.timeoutSeconds, 10);
  assert.equal(r.compatibility.subjects, { a: 'NONE', b: 'FORWARD' });
  assert.equal(r.schemas, { avro: false, jsonSchema: true });
  assert.equal(r.external, { enabled: true, registryType: 'glue', glueRegistryArn: 'arn:aws:glue:x' });
});

test('nothing is invented when neither word is written', () => {
  const r = registryOf({});
  assert.is(r.server.timeoutSeconds, undefined);
  assert.not.ok('timeoutSeconds' in r.server);
  assert.not.ok('subjects' in r.compatibility);
  assert.not.ok('schemas' in r);
  assert.not.ok('external' in r);
  assert.not.ok('auth' in r);
});

test.run();
