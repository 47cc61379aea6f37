/**
 * RG327 findings come in one order whatever order the config was written in: keys sorted, array items
 * by index (item 2 before item 10), and the same findings for the same strings however often they recur.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkSecretLiterals } from '../../../src/validate/rules/secret-literals.js';
import { resolvedEnvironment } from '../../support/resolved.js';

const secret = 'hunter2-SECRET';

test('RG327 findings are in sorted-key and index order, not in writing order', () => {
  const topics = Array.from({ length: 12 }, (_, i) => (i === 2 || i === 10 ? `orders?password=${secret}` : `t${i}`));
  const env = resolvedEnvironment({
    topics: { t: { custom: { 'z.password': secret, 'a.password': secret, 'm.setting': '1' } } },
    connect: {
      cdc: {
        sinks: {
          zeta: { connector: 's3', topics, consumerGroup: 'g', config: { token: secret, dsn: `postgres://app:${secret}@db/x` } },
          alpha: { connector: 's3', topics: ['t0'], consumerGroup: 'g', config: { b: { apiKey: secret }, a: [`https://u:${secret}@h`] } },
        },
      },
    },
  });
  assert.equal(
    checkSecretLiterals(env).map((f) => f.path),
    [
      'connect.cdc.sinks.alpha.config.a[0]',
      'connect.cdc.sinks.alpha.config.b.apiKey',
      'connect.cdc.sinks.zeta.config.dsn',
      'connect.cdc.sinks.zeta.config.token',
      'connect.cdc.sinks.zeta.topics[2]',
      'connect.cdc.sinks.zeta.topics[10]',
      'topics.t.custom["a.password"]',
      'topics.t.custom["z.password"]',
    ],
  );
});

test('a string that recurs is reported wherever it is, and only where it carries a credential', () => {
  const principal = `https://app:${secret}@idp.example.com`;
  const env = resolvedEnvironment({
    topics: {
      a: { acls: [{ principal, operations: ['Read'] }, { principal: 'user:a', operations: ['Read'] }] },
      b: { acls: [{ principal: 'user:a', operations: ['Read'] }, { principal, operations: ['Write'] }] },
    },
  });
  assert.equal(
    checkSecretLiterals(env).map((f) => [f.path, f.message.includes('URL with a user and password')]),
    [
      ['topics.a.acls[0].principal', true],
      ['topics.b.acls[1].principal', true],
    ],
  );
});

test.run();
