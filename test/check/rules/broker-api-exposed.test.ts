/** RG531: the brokers' unauthenticated HTTP API published through an Ingress, as a policy rule. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { brokerApiExposed } from '../../../src/check/rules/broker-api-exposed.js';
import { checkAll, paths, prod, run } from '../support.js';

const exposed = (annotations?: Record<string, string>) => ({
  ingress: { enabled: true, brokerApi: { host: 'rivven.example.com' }, ...(annotations === undefined ? {} : { annotations }) },
});

test('RG531 fires for the broker API published without auth or an allow-list, at ingress.brokerApi', () => {
  const f = prod(exposed());
  const violations = run(brokerApiExposed, f);
  assert.equal(paths(violations), ['ingress.brokerApi']);
  assert.equal(violations[0]?.loc, f.envPos('ingress', 'brokerApi'));
  assert.match(violations[0]?.message ?? '', /without authentication/);
});

test('RG531 does not fire with the ingress-nginx annotations that restrict who can reach it', () => {
  const restricted: Record<string, string>[] = [
    { 'nginx.ingress.kubernetes.io/whitelist-source-range': '10.0.0.0/8' },
    { 'nginx.ingress.kubernetes.io/allowlist-source-range': '10.0.0.0/8,192.168.0.0/16' },
    { 'nginx.ingress.kubernetes.io/auth-url': 'https://auth.example.com/oauth2/auth' },
    { 'nginx.ingress.kubernetes.io/auth-type': 'basic', 'nginx.ingress.kubernetes.io/auth-secret': 'metrics-users' },
    { 'nginx.ingress.kubernetes.io/auth-tls-verify-client': 'on', 'nginx.ingress.kubernetes.io/auth-tls-secret': 'rivven-prod/client-ca' },
  ];
  for (const annotations of restricted) assert.equal(run(brokerApiExposed, prod(exposed(annotations))), [], JSON.stringify(annotations));
});

test('RG531 still fires when the annotations do not restrict anything', () => {
  const open: Record<string, string>[] = [
    { 'nginx.ingress.kubernetes.io/whitelist-source-range': '0.0.0.0/0' },
    { 'nginx.ingress.kubernetes.io/whitelist-source-range': '' },
    { 'nginx.ingress.kubernetes.io/auth-type': 'basic' },
    { 'nginx.ingress.kubernetes.io/auth-tls-verify-client': 'optional', 'nginx.ingress.kubernetes.io/auth-tls-secret': 'ns/ca' },
  ];
  for (const annotations of open) assert.equal(paths(run(brokerApiExposed, prod(exposed(annotations)))), ['ingress.brokerApi'], JSON.stringify(annotations));
});

test('RG531 can be suppressed like any policy rule: shown as info with the reason', () => {
  const findings = checkAll(prod({ ...exposed(), checks: { suppress: { RG531: 'reached only through the VPN' } } })).filter((f) => f.code === 'RG531');
  assert.equal(findings.map((f) => f.severity), ['info']);
  assert.match(findings[0]?.message ?? '', /suppressed: reached only through the VPN/);
  assert.equal(checkAll(prod({ ...exposed(), checks: { suppress: { RG531: 'vpn' } } })).filter((f) => f.code === 'RG890'), []);
});

test.run();
