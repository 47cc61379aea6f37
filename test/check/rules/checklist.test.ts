/** RG801–RG811: the deployment guide's production checklist. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { minBrokers } from '../../../src/check/rules/min-brokers.js';
import { zoneSpread } from '../../../src/check/rules/zone-spread.js';
import { podAntiAffinity } from '../../../src/check/rules/pod-anti-affinity.js';
import { storageClass } from '../../../src/check/rules/storage-class.js';
import { brokerTls } from '../../../src/check/rules/broker-tls.js';
import { networkPolicies } from '../../../src/check/rules/network-policies.js';
import { resourceRequirements } from '../../../src/check/rules/resource-requirements.js';
import { containerProbes } from '../../../src/check/rules/container-probes.js';
import { monitoringEnabled } from '../../../src/check/rules/monitoring-enabled.js';
import { alertingEnabled } from '../../../src/check/rules/alerting-enabled.js';
import { backupSchedule } from '../../../src/check/rules/backup-schedule.js';
import { assertOne, checkAll, edit, paths, prod, productionBase, run, runOn } from '../support.js';

const manifests = { ...productionBase, target: 'manifests' };

test('the production base passes every rule, under both targets', () => {
  assert.equal(checkAll(prod()), []);
  assert.equal(checkAll(prod({}, manifests)), []);
});

// RG801
test('RG801 passes with three brokers', () => {
  assert.equal(run(minBrokers, prod()), []);
});

test('RG801 fails for one broker, at the line that set it', () => {
  const f = prod({ cluster: { replicas: 1 } });
  assertOne(run(minBrokers, f), 'cluster.replicas', f.envPos('cluster', 'replicas'), /1 broker: a single broker is a single point of failure/);
});

test('RG801 fails when the autoscaler may go below three brokers', () => {
  const f = prod({ autoscaling: { minReplicas: 2, maxReplicas: 6 } }, manifests);
  assertOne(run(minBrokers, f), 'autoscaling.minReplicas', f.envPos('autoscaling', 'minReplicas'), /scale the brokers down to 2/);
});

// RG802
test('RG802 passes when brokers spread over zones (anti-affinity term under the operator, spread constraint under manifests)', () => {
  assert.equal(run(zoneSpread, prod()), []);
  assert.equal(run(zoneSpread, prod({}, manifests)), []);
});

test('RG802 fails without zone spread, at the placement line', () => {
  const f = prod({ cluster: { placement: { zoneSpread: false } } });
  assertOne(run(zoneSpread, f), 'cluster.placement.zoneSpread', f.envPos('cluster', 'placement', 'zoneSpread'), /may put a majority of them in one zone/);
  assert.equal(paths(run(zoneSpread, prod({ cluster: { placement: { zoneSpread: false } } }, manifests))), ['cluster.placement.zoneSpread']);
});

// RG803
test('RG803 passes with required anti-affinity', () => {
  assert.equal(run(podAntiAffinity, prod()), []);
  assert.equal(run(podAntiAffinity, prod({}, manifests)), []);
});

test('RG803 fails for preferred and for no anti-affinity, saying which', () => {
  const preferred = prod({ cluster: { placement: { antiAffinity: 'preferred' } } });
  assertOne(run(podAntiAffinity, preferred), 'cluster.placement.antiAffinity', preferred.envPos('cluster', 'placement', 'antiAffinity'), /only prefers separate nodes/);
  const none = prod({ cluster: { placement: { antiAffinity: 'none' } } }, manifests);
  assertOne(run(podAntiAffinity, none), 'cluster.placement.antiAffinity', none.envPos('cluster', 'placement', 'antiAffinity'), /has no pod anti-affinity/);
});

test('RG803 does not apply to a single broker', () => {
  assert.equal(run(podAntiAffinity, prod({ cluster: { replicas: 1, placement: { antiAffinity: 'none' } } })), []);
});

// RG804
test('RG804 passes with an explicit storage class', () => {
  assert.equal(run(storageClass, prod()), []);
  assert.equal(run(storageClass, prod({}, manifests)), []);
});

test('RG804 fails on the default class, pointing at the storage block that exists', () => {
  const base = { ...productionBase, cluster: { ...productionBase.cluster, storage: { size: '100Gi' } } };
  const f = prod({}, base);
  assertOne(run(storageClass, f), 'cluster.storage.storageClassName', f.basePos('cluster', 'storage'), /default StorageClass/);
});

// RG805
test('RG805 passes with TLS on', () => {
  assert.equal(run(brokerTls, prod()), []);
  assert.equal(run(brokerTls, prod({}, manifests)), []);
});

test('RG805 fails when an environment removes TLS, at its `tls: null`', () => {
  const f = prod({ cluster: { tls: null } });
  assertOne(run(brokerTls, f), 'cluster.tls.enabled', f.envPos('cluster', 'tls'), /client port \(9092\) and cluster port \(9093\) without TLS/);
  assert.equal(paths(run(brokerTls, prod({ cluster: { tls: { enabled: false } } }, manifests))), ['cluster.tls.enabled']);
});

// RG806
test('RG806 passes with the default-deny policies', () => {
  assert.equal(run(networkPolicies, prod()), []);
});

test('RG806 fails without NetworkPolicies, at the line that removed them', () => {
  const f = prod({ networkPolicy: null });
  assertOne(run(networkPolicies, f), 'networkPolicy.enabled', f.envPos('networkPolicy'), /no NetworkPolicies: any pod in the cluster can reach/);
});

test('RG806 points at the profile when no file mentions networkPolicy', () => {
  const { networkPolicy: _dropped, ...base } = productionBase;
  const f = prod({}, base);
  assertOne(run(networkPolicies, f), 'networkPolicy.enabled', f.basePos('profile'), /no NetworkPolicies/);
});

// RG807
test('RG807 passes when every workload has requests and a memory limit', () => {
  assert.equal(run(resourceRequirements, prod()), []);
  assert.equal(run(resourceRequirements, prod({}, manifests)), []);
});

test('RG807 fails per workload, naming what is missing and pointing at its block', () => {
  const f = prod({ connect: { cdc: { resources: { requests: null } } }, schemaRegistry: { resources: { requests: { cpu: '1', memory: '1Gi' }, limits: null } } });
  const found = run(resourceRequirements, f);
  assert.equal(paths(found), ['connect.cdc.resources.requests.cpu', 'schemaRegistry.resources.limits.memory']);
  assert.match(found[0]?.message ?? '', /RivvenConnect "cdc" has no requests\.cpu, requests\.memory/);
  assert.equal(found[0]?.loc, f.envPos('connect', 'cdc', 'resources', 'requests'));
  assert.match(found[1]?.message ?? '', /has no limits\.memory: nothing stops it/);
  assert.equal(found[1]?.loc, f.envPos('schemaRegistry', 'resources', 'limits'));
});

test('RG807 fails for brokers without resources under the manifests target', () => {
  const base = { ...manifests, cluster: { ...productionBase.cluster, resources: undefined } };
  const f = prod({}, base);
  assertOne(run(resourceRequirements, f), 'cluster.resources.requests.cpu', f.basePos('cluster'), /StatefulSet "rivven-main" has no requests\.cpu, requests\.memory, limits\.memory/);
});

// RG808
test('RG808 passes: rendered Deployments and StatefulSets probe every container; operator-built probes are the operator’s', () => {
  assert.equal(run(containerProbes, prod()), []);
  assert.equal(run(containerProbes, prod({}, manifests)), []);
});

test('RG808 fails for a rendered container without a readiness probe', () => {
  const f = prod({}, manifests);
  const found = runOn(containerProbes, f, (objects) => edit(objects, 'StatefulSet', ['spec', 'template', 'spec', 'containers', 0, 'readinessProbe'], undefined));
  assertOne(found, 'cluster.probes', f.basePos('cluster'), /Container "rivvend" of StatefulSet "rivven-main" has no readiness probe/);
});

// RG809, RG810
test('RG809 and RG810 pass with monitoring on', () => {
  assert.equal(run(monitoringEnabled, prod()), []);
  assert.equal(run(alertingEnabled, prod()), []);
});

test('RG809 fails without a broker monitor; RG810 without alerts', () => {
  const off = prod({ monitoring: { serviceMonitor: false } });
  assertOne(run(monitoringEnabled, off), 'monitoring.serviceMonitor', off.envPos('monitoring', 'serviceMonitor'), /neither a ServiceMonitor nor a PodMonitor/);
  const silent = prod({ monitoring: { alerts: { enabled: false } } });
  assert.equal(run(monitoringEnabled, silent), []);
  assertOne(run(alertingEnabled, silent), 'monitoring.alerts.enabled', silent.envPos('monitoring', 'alerts', 'enabled'), /monitoring\.alerts is off/);
});

// RG811
test('RG811 passes with volume snapshots and with a Velero schedule', () => {
  assert.equal(run(backupSchedule, prod()), []);
  assert.equal(run(backupSchedule, prod({ backup: { method: 'velero' } })), []);
});

test('RG811 fails without a backup, at the line that removed it', () => {
  const f = prod({ backup: null });
  assertOne(run(backupSchedule, f), 'backup.enabled', f.envPos('backup'), /No backup is scheduled/);
});

test.run();
