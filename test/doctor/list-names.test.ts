/**
 * The one way Secrets are read: a metadata-only list whose answer is cut down to names. A server that
 * ignores the Accept header and sends whole Secrets still leaves nothing but names in what the client returns.
 */
import http from 'node:http';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { KubeConfig } from '@kubernetes/client-node';
import { createClusterClient } from '../../src/live/cluster/cluster-client.js';
import { createRedactor } from '../../src/live/cluster/redact.js';

test('listNames: a server ignoring the metadata-only Accept sends data; only names, namespaces and labels come back', async () => {
  let accept = '';
  const server = http.createServer((req, res) => {
    accept = req.headers.accept ?? '';
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ kind: 'SecretList', apiVersion: 'v1', metadata: {}, items: [{ metadata: { name: 'token', namespace: 'n', labels: { a: 'b' }, annotations: { 'kubectl.kubernetes.io/last-applied-configuration': 'c2VjcmV0' } }, data: { token: 'c2VjcmV0' }, stringData: { x: 'secret' } }] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const kc = new KubeConfig();
    kc.loadFromOptions({ clusters: [{ name: 'c', server: `http://127.0.0.1:${port}`, skipTLSVerify: true }], users: [{ name: 'u', token: 't' }], contexts: [{ name: 'x', cluster: 'c', user: 'u' }], currentContext: 'x' });
    const client = await createClusterClient(kc, { timeoutMs: 5000, attempts: 1, retryDelayMs: 10 }, createRedactor());
    const names = await client.listNames?.('/api/v1/namespaces/n/secrets');
    assert.equal(names, [{ name: 'token', namespace: 'n', labels: { a: 'b' } }]);
    assert.not.ok(JSON.stringify(names).includes('c2VjcmV0'));
    assert.match(accept, /as=PartialObjectMetadataList;g=meta\.k8s\.io;v=v1/);
    // A plain GET of Secrets is still refused before any request.
    await client.getJson('/api/v1/namespaces/n/secrets/token').then(() => assert.unreachable('read a Secret'), (e: Error) => assert.match(e.message, /secrets-refused/));
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

test('listMetadata: annotations and creation time of a metadata-only list; refused for Secrets before any request', async () => {
  let requests = 0;
  let accept = '';
  const server = http.createServer((req, res) => {
    requests += 1;
    accept = req.headers.accept ?? '';
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1', metadata: {}, items: [{ metadata: { name: 'gp3', creationTimestamp: '2025-01-02T03:04:05Z', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } }] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const kc = new KubeConfig();
    kc.loadFromOptions({ clusters: [{ name: 'c', server: `http://127.0.0.1:${port}`, skipTLSVerify: true }], users: [{ name: 'u', token: 't' }], contexts: [{ name: 'x', cluster: 'c', user: 'u' }], currentContext: 'x' });
    const client = await createClusterClient(kc, { timeoutMs: 5000, attempts: 1, retryDelayMs: 10 }, createRedactor());
    assert.equal(await client.listMetadata?.('/apis/storage.k8s.io/v1/storageclasses'), [{ name: 'gp3', namespace: '', labels: {}, annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' }, creationTimestamp: '2025-01-02T03:04:05Z' }]);
    assert.match(accept, /as=PartialObjectMetadataList/);
    // A Secret's annotations may hold its data (last-applied-configuration): only listNames reads Secrets.
    await client.listMetadata?.('/api/v1/namespaces/n/secrets').then(() => assert.unreachable('listed Secret metadata'), (e: Error) => assert.match(e.message, /secrets-refused/));
    assert.is(requests, 1);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

test.run();
