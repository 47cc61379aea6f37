/**
 * RG327: credentials written in the config are refused wherever people paste them, and only there:
 * references, placeholders, masks and keys that name where a secret lives pass. The value never appears
 * in the finding.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { UserConfig } from '../../src/model/types.js';
import { checkSecretLiterals } from '../../src/validate/rules/secret-literals.js';
import { embeddedCredential, looksLikeCredentialKey, redactCredentials, redactUrlPasswords } from '../../src/errors/credential-text.js';
import { resolvedEnvironment } from '../support/resolved.js';

const secret = 'hunter2-SECRET';

test('keys that hold credentials, in every spelling people use', () => {
  for (const key of ['password', 'dbPassword', 'DB_PASSWORD', 'db-password', 'sasl.password', 'passwd', 'passphrase', 'clientSecret', 'client_secret', 'secret', 'token', 'authToken', 'AUTH_TOKENS', 'api_key', 'apiKey', 'APIKEY', 'x-api-key', 'accessKey', 'AWS_SECRET_ACCESS_KEY', 'secret_key', 'credentials', 'credential', 'private_key', 'privateKey']) {
    assert.ok(looksLikeCredentialKey(key), key);
  }
  for (const key of ['password_file', 'passwordFile', 'token_url', 'tokenTtl', 'secretName', 'secretRef', 'configSecretRef', 'key', 'username', 'host', 'keyspace', 'secretary', 'tokenizer', 'credentials_path', 'replicas', 'existingSecret', 'clientCASecret', 'passwordSecretKey', '']) {
    assert.not.ok(looksLikeCredentialKey(key), key);
  }
});

test('credentials inside strings: URL passwords and key=value settings; placeholders and plain URLs pass', () => {
  assert.is(embeddedCredential(`postgres://app:${secret}@db:5432/orders`), 'url');
  assert.is(embeddedCredential(`https://user:${secret}@github.com/org/fleet.git`), 'url');
  assert.is(embeddedCredential(`jdbc:postgresql://db/orders?user=app&password=${secret}`), 'assignment');
  assert.is(embeddedCredential(`org.apache.kafka.common.security.plain.PlainLoginModule required username="app" password="${secret}";`), 'assignment');
  assert.is(embeddedCredential('https://github.com/org/fleet.git'), undefined);
  assert.is(embeddedCredential('ssh://git@github.com/org/fleet.git'), undefined);
  assert.is(embeddedCredential('postgres://app:${DB_PASSWORD}@db/orders'), undefined);
  assert.is(embeddedCredential('password=$(DB_PASSWORD)'), undefined);
  assert.is(embeddedCredential('user:alice'), undefined);
});

test('redaction masks the credential and keeps the rest of the line', () => {
  assert.is(redactCredentials(`    password: '${secret}',`), "    password: '***',");
  assert.is(redactCredentials(`  "apiKey": "${secret}"`), '  "apiKey": "***"');
  assert.is(redactCredentials(`repoURL: 'https://bot:${secret}@github.com/x.git'`), "repoURL: 'https://bot:***@github.com/x.git'");
  assert.is(redactCredentials("configSecretRef: 'postgres-credentials',"), "configSecretRef: 'postgres-credentials',");
  assert.is(redactUrlPasswords(`got "redis://:${secret}@cache:6379"`), 'got "redis://:***@cache:6379"');
});

function findings(config: UserConfig) {
  const found = checkSecretLiterals(resolvedEnvironment(config));
  for (const f of found) {
    assert.is(f.code, 'RG327');
    assert.is(f.severity, 'error');
    assert.not.ok(`${f.message} ${f.hint ?? ''}`.includes(secret), `${f.path}: the message repeats the value`);
  }
  return found.map((f) => f.path).sort();
}

test('RG327 wherever a credential can be written: connector config (nested too), env values, labels, annotations, topic settings, URLs', () => {
  const paths = findings({
    cluster: {
      env: [{ name: 'DB_PASSWORD', value: secret }],
      podAnnotations: { 'example.com/api-token': secret },
      podLabels: { 'db-password': secret },
    },
    labels: { 'access-key': secret },
    topics: { orders: { custom: { 'sasl.password': secret }, acls: [{ principal: `https://app:${secret}@idp.example.com`, operations: ['Read'] }] } },
    connect: {
      cdc: {
        env: [{ name: 'API_TOKEN', value: secret }],
        sources: {
          pg: { connector: 'postgres-cdc', topic: 'orders', config: { password: secret, auth: { apiKey: secret }, tokens: [secret], dsn: `postgres://app:${secret}@db/orders` } },
        },
        sinks: { s3: { connector: 's3', topics: ['orders'], consumerGroup: 'g', config: { jdbc: `jdbc:postgresql://db/x?password=${secret}`, secretKey: 1234 } } },
      },
    },
    backup: { method: 'command', command: { image: 'backup:1', command: ['run'], env: [{ name: 'AWS_SECRET_ACCESS_KEY', value: secret }] }, destination: `s3://AKIA:${secret}@backups/rivven` },
    argocd: { repoURL: `https://bot:${secret}@github.com/example/fleet.git` },
  });
  assert.equal(paths, [
    'argocd.repoURL',
    'backup.command.env[0].value',
    'backup.destination',
    'cluster.env[0].value',
    'cluster.podAnnotations["example.com/api-token"]',
    'cluster.podLabels.db-password',
    'connect.cdc.env[0].value',
    'connect.cdc.sinks.s3.config.jdbc',
    'connect.cdc.sinks.s3.config.secretKey',
    'connect.cdc.sources.pg.config.auth.apiKey',
    'connect.cdc.sources.pg.config.dsn',
    'connect.cdc.sources.pg.config.password',
    'connect.cdc.sources.pg.config.tokens',
    'labels.access-key',
    'topics.orders.acls[0].principal',
    'topics.orders.custom["sasl.password"]',
  ]);
});

test('references, placeholders, masks and the example’s own settings are not credentials', () => {
  const paths = findings({
    cluster: {
      clusterAuthToken: { secretName: 'rivven-cluster-token', key: 'token' },
      auth: { mechanism: 'token', token: { secretName: 'rivven-token', key: 'token' } },
      tls: { enabled: true, existingSecret: 'rivven-tls', mtls: { clientCASecret: 'rivven-client-ca' } },
      env: [
        { name: 'DB_PASSWORD', secretKeyRef: { name: 'db', key: 'password' } },
        { name: 'DB_PASSWORD_COPY', value: '$(DB_PASSWORD)' },
        { name: 'PASSWORD_FILE', value: '/etc/secret/password' },
      ],
    },
    topics: { orders: {} },
    connect: {
      cdc: {
        sources: {
          pg: {
            connector: 'postgres-cdc',
            topic: 'orders',
            configSecretRef: 'postgres-credentials',
            config: { password: '${POSTGRES_PASSWORD}', password_file: '/var/run/pg/password', token_url: 'https://auth.example.com/token', secretName: 'pg' },
            postgresCdc: { slotName: 'rivven_slot', publication: 'rivven_pub', tables: [{ schema: 'public', table: 'users', columnMasks: { password: '***', email: '***@***.***' } }] },
          },
        },
      },
    },
    argocd: { repoURL: 'https://github.com/example/fleet.git' },
  });
  assert.equal(paths, []);
});

test.run();
