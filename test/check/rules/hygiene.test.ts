/** RG820–RG826: workload hygiene over the rendered objects, under both targets. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { floatingImage } from '../../../src/check/rules/floating-image.js';
import { runAsNonRoot } from '../../../src/check/rules/run-as-non-root.js';
import { privilegeEscalation } from '../../../src/check/rules/privilege-escalation.js';
import { dropCapabilities } from '../../../src/check/rules/drop-capabilities.js';
import { readOnlyRootFilesystem } from '../../../src/check/rules/read-only-root-filesystem.js';
import { pdbPresent } from '../../../src/check/rules/pdb-present.js';
import { pdbConsistent } from '../../../src/check/rules/pdb-consistent.js';
import { assertOne, edit, paths, prod, productionBase, run, runOn } from '../support.js';

const manifests = { ...productionBase, target: 'manifests' };
const commandBackup = { backup: { method: 'command', command: { image: 'example.com/backup:1.0', command: ['/backup'] } } };

// RG820
test('RG820 passes for the pinned default images and a pinned custom one', () => {
  assert.equal(run(floatingImage, prod()), []);
  assert.equal(run(floatingImage, prod({ cluster: { image: 'mirror.example.com/rivvend@sha256:0123' }, ...commandBackup })), []);
});

test('RG820 fails for "latest" and for untagged images, at the line that named the image', () => {
  const f = prod({ cluster: { image: 'ghcr.io/hupe1980/rivvend:latest' }, operator: { image: 'registry:5000/rivven-operator' } });
  const found = run(floatingImage, f);
  assert.equal(paths(found), ['cluster.image', 'operator.image']);
  assert.equal(found[0]?.loc, f.envPos('cluster', 'image'));
  assert.match(found[0]?.message ?? '', /RivvenCluster "main" runs image "ghcr\.io\/hupe1980\/rivvend:latest", tagged "latest"/);
  assert.match(found[1]?.message ?? '', /which has no tag and so means "latest"/);
});

test('RG820 checks a custom backup image too', () => {
  const f = prod({ backup: { method: 'command', command: { image: 'example.com/backup', command: ['/backup'] } } });
  assertOne(run(floatingImage, f), 'backup.command.image', f.envPos('backup', 'command', 'image'), /CronJob "rivven-main-backup" runs image "example\.com\/backup"/);
});

// RG821–RG824: the renderers set restricted contexts; the rules catch any object that lost them.
test('RG821–RG824 pass for everything the renderers produce, under both targets and with a custom backup', () => {
  for (const f of [prod(), prod({}, manifests), prod(commandBackup)]) {
    for (const rule of [runAsNonRoot, privilegeEscalation, dropCapabilities, readOnlyRootFilesystem]) assert.equal(run(rule, f), [], rule.code);
  }
});

test('RG821 fails for a RivvenCluster whose pod may run as root, at the cluster block', () => {
  const f = prod();
  const found = runOn(runAsNonRoot, f, (o) => edit(o, 'RivvenCluster', ['spec', 'securityContext', 'runAsNonRoot'], false));
  assertOne(found, 'cluster', f.basePos('cluster'), /RivvenCluster "main" does not set runAsNonRoot: true/);
});

test('RG821 accepts runAsNonRoot set on the container instead of the pod', () => {
  const found = runOn(runAsNonRoot, prod(), (o) => {
    edit(o, 'RivvenCluster', ['spec', 'securityContext', 'runAsNonRoot'], undefined);
    return edit(o, 'RivvenCluster', ['spec', 'containerSecurityContext', 'runAsNonRoot'], true);
  });
  assert.equal(found, []);
});

test('RG822 fails for the operator container allowing privilege escalation', () => {
  const f = prod();
  const found = runOn(privilegeEscalation, f, (o) => edit(o, 'Deployment', ['spec', 'template', 'spec', 'containers', 0, 'securityContext', 'allowPrivilegeEscalation'], true));
  assertOne(found, 'operator', f.basePos('profile'), /Deployment "rivven-operator" does not set allowPrivilegeEscalation: false/);
});

test('RG823 fails for connect keeping capabilities', () => {
  const f = prod();
  const found = runOn(dropCapabilities, f, (o) => edit(o, 'RivvenConnect', ['spec', 'containerSecurityContext', 'capabilities'], { drop: ['NET_RAW'] }));
  assertOne(found, 'connect.cdc', f.basePos('connect', 'cdc'), /RivvenConnect "cdc" does not drop ALL capabilities/);
});

test('RG824 fails for a writable broker root filesystem, but not for connect, whose image may write anywhere', () => {
  const f = prod({}, manifests);
  const found = runOn(readOnlyRootFilesystem, f, (o) => edit(o, 'StatefulSet', ['spec', 'template', 'spec', 'containers', 0, 'securityContext', 'readOnlyRootFilesystem'], false));
  assertOne(found, 'cluster', f.basePos('cluster'), /StatefulSet "rivven-main" has a writable root filesystem/);
  const connect = prod();
  assert.equal(runOn(readOnlyRootFilesystem, connect, (o) => edit(o, 'RivvenConnect', ['spec', 'containerSecurityContext', 'readOnlyRootFilesystem'], false)), []);
});

// RG825
test('RG825 passes with broker and registry budgets, and for a single replica without one', () => {
  assert.equal(run(pdbPresent, prod()), []);
  assert.equal(run(pdbPresent, prod({}, manifests)), []);
  assert.equal(run(pdbPresent, prod({ schemaRegistry: { replicas: 1, podDisruptionBudget: null } })), []);
});

test('RG825 fails for brokers without a budget (both targets) and a replicated registry without one', () => {
  const f = prod({ cluster: { pdb: { enabled: false } }, schemaRegistry: { podDisruptionBudget: null } });
  const found = run(pdbPresent, f);
  assert.equal(paths(found), ['cluster.pdb.enabled', 'schemaRegistry.podDisruptionBudget.enabled']);
  assert.equal(found[0]?.loc, f.envPos('cluster', 'pdb', 'enabled'));
  assert.match(found[0]?.message ?? '', /RivvenCluster "main" has 3 replicas and no PodDisruptionBudget: a node drain may evict a majority of the brokers/);
  assert.equal(found[1]?.loc, f.envPos('schemaRegistry', 'podDisruptionBudget'));
  const m = prod({ cluster: { pdb: { enabled: false } } }, manifests);
  assertOne(run(pdbPresent, m), 'cluster.pdb.enabled', m.envPos('cluster', 'pdb', 'enabled'), /StatefulSet "rivven-main" has 3 replicas and no PodDisruptionBudget/);
});

// RG826
test('RG826 passes for maxUnavailable 1, and for a percentage that rounds to what a majority survives', () => {
  assert.equal(run(pdbConsistent, prod()), []);
  assert.equal(run(pdbConsistent, prod({ cluster: { replicas: 5, pdb: { maxUnavailable: '40%' } } })), []);
  assert.equal(run(pdbConsistent, prod({ cluster: { replicas: 1 } })), []);
});

test('RG826 fails for a budget that blocks every drain', () => {
  const f = prod({ cluster: { pdb: { minAvailable: 3 } } }, manifests);
  assertOne(run(pdbConsistent, f), 'cluster.pdb.minAvailable', f.envPos('cluster', 'pdb', 'minAvailable'), /minAvailable 3, which allows no eviction: every node drain hangs/);
  const zero = prod({ schemaRegistry: { podDisruptionBudget: { maxUnavailable: 0 } } });
  assert.equal(paths(run(pdbConsistent, zero)), ['schemaRegistry.podDisruptionBudget.maxUnavailable']);
});

test('RG826 fails for a budget on a single broker', () => {
  const f = prod({ cluster: { replicas: 1, pdb: { minAvailable: 1 } } });
  assertOne(run(pdbConsistent, f), 'cluster.pdb.minAvailable', f.envPos('cluster', 'pdb', 'minAvailable'), /single replica under a PodDisruptionBudget with minAvailable 1: no eviction is ever allowed/);
});

test('RG826 fails for a broker budget that lets a drain break the Raft majority', () => {
  const f = prod({ cluster: { replicas: 5, pdb: { maxUnavailable: '50%' } } });
  assertOne(run(pdbConsistent, f), 'cluster.pdb.maxUnavailable', f.envPos('cluster', 'pdb', 'maxUnavailable'), /maxUnavailable 50%, which lets a drain evict 3 at once; a Raft majority survives losing only 2/);
});

test.run();
