import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { crdUrls, defaultCrdUrls } from '../../src/render/operator-crds.js';
import { resolvedEnvironment } from '../support/resolved.js';

test('remote CRDs default to the four files at the release tag of the pinned version', () => {
  const urls = crdUrls(resolvedEnvironment({ rivvenVersion: '0.0.22', operator: { crds: { source: 'remote' } } }));
  assert.equal(urls, defaultCrdUrls('0.0.22'));
  assert.is(urls.length, 4);
  for (const kind of ['rivvencluster', 'rivventopic', 'rivvenconnect', 'rivvenschemaregistry']) {
    assert.ok(urls.includes(`https://raw.githubusercontent.com/hupe1980/rivven/v0.0.22/crates/rivven-operator/deploy/crds/${kind}-crd.yaml`), kind);
  }
});

test('configured URLs replace the default', () => {
  const mine = ['https://example.com/crds/rivven-0.0.22.yaml'];
  assert.equal(crdUrls(resolvedEnvironment({ operator: { crds: { source: 'remote', urls: mine } } })), mine);
});

test('no URLs when the CRDs are a prerequisite or the target renders no custom resources', () => {
  assert.equal(crdUrls(resolvedEnvironment({})), []);
  assert.equal(crdUrls(resolvedEnvironment({ target: 'manifests', operator: { crds: { source: 'remote' } } })), []);
});

test.run();
