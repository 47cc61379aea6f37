/**
 * Render writes the RivvenCluster, RivvenConnect and RivvenSchemaRegistry specs and the broker's
 * RIVVEN_* variables from the field tables: every field written has a row, and adding a CRD field is a
 * model field plus a row (shown here with RivvenConnect spec.affinity, which the CRD has and no row maps).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkTable } from '../../src/fields/check-table.js';
import { connectTable } from '../../src/fields/connect.js';
import { renderSpec } from '../../src/fields/derive.js';
import type { KindTable } from '../../src/fields/row.js';
import { kindEntries } from '../../src/fields/tables.js';
import { helperEnv } from '../../src/facts/rivvend.js';
import { rivvendTable } from '../../src/fields/rivvend.js';
import { renderBrokerStatefulSet } from '../../src/render/broker-statefulset.js';
import { renderRivvenCluster } from '../../src/render/rivven-cluster.js';
import { renderConnect } from '../../src/render/rivven-connect.js';
import { renderSchemaRegistry } from '../../src/render/rivven-schema-registry.js';
import type { K8sObject } from '../../src/render/k8s-object.js';
import type { UserConfig } from '../../src/model/types.js';
import { resolvedEnvironment } from '../support/resolved.js';

const rich: UserConfig = {
  target: 'operator',
  cluster: {
    name: 'events',
    replicas: 3,
    auth: { enabled: false },
    datacenter: 'eu-1',
    imagePullSecrets: ['regcred'],
    serviceAccountName: 'brokers',
    podAnnotations: { a: 'b' },
    podLabels: { team: 'data' },
    placement: { antiAffinity: 'required', nodeSelector: { pool: 'kafka' }, tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule' }] },
    resources: { requests: { cpu: '1' } },
    probes: { liveness: { periodSeconds: 20 }, readiness: { periodSeconds: 15 } },
  },
  connect: {
    cdc: {
      replicas: 2,
      sources: { pg: { connector: 'postgres-cdc', topic: 'cdc.orders' } },
      sinks: { s3: { connector: 's3', topics: ['cdc.orders'], consumerGroup: 's3-sink' } },
      nodeSelector: { pool: 'connect' },
      env: [{ name: 'X', value: 'y' }],
    },
  },
  schemaRegistry: { replicas: 2, env: [{ name: 'X', value: 'y' }], nodeSelector: { pool: 'registry' } },
};

/** The CRD paths below spec a table lets render write (coarse diff-only rows excluded). */
function writable(table: KindTable): string[] {
  return table.rows.filter((r) => r.role !== 'diff' && r.crd.startsWith('spec.')).map((r) => r.crd.slice('spec.'.length));
}

/** Every leaf path below spec that a row at or above it covers; returns those no row covers. */
function uncovered(spec: Record<string, unknown>, table: KindTable): string[] {
  const rows = writable(table);
  return Object.keys(spec).filter((key) => !rows.some((r) => r === key || r.startsWith(`${key}.`)));
}

function specOf(objects: readonly K8sObject[]): Record<string, unknown> {
  const spec = objects[0]?.['spec'];
  assert.ok(spec !== undefined && typeof spec === 'object');
  return spec as Record<string, unknown>;
}

test('every spec field render writes for RivvenCluster, RivvenConnect and RivvenSchemaRegistry has a row', () => {
  const env = resolvedEnvironment(rich);
  const cases: [string, readonly K8sObject[]][] = [
    ['RivvenCluster', renderRivvenCluster(env)],
    ['RivvenConnect', renderConnect(env)],
    ['RivvenSchemaRegistry', renderSchemaRegistry(env)],
  ];
  for (const [kind, objects] of cases) {
    const table = kindEntries[kind]?.table;
    assert.ok(table, kind);
    const spec = specOf(objects);
    assert.ok(Object.keys(spec).length > 8, `${kind} rendered a spec`);
    assert.equal(uncovered(spec, table), [], kind);
  }
});

test('a copy row copies the model value; a computed field without a row is refused', () => {
  const spec = renderSpec(kindEntries['RivvenCluster']?.table ?? connectTable, { replicas: 5, storage: { size: '1Gi' } }, {
    image: 'i', broker: undefined, affinity: undefined, env: undefined, tls: { enabled: false }, metrics: {}, pdb: {}, securityContext: {}, containerSecurityContext: {},
  });
  assert.is(spec['replicas'], 5);
  assert.equal(spec['storage'], { size: '1Gi', storageClassName: undefined, accessModes: undefined });
  assert.throws(() => renderSpec(connectTable, {}, { priorityClassName: 'x' }), /no computed row/);
  assert.throws(() => renderSpec(connectTable, {}, {}), /has a computed row but no value/);
});

test('adding a CRD field is a model field plus a row: RivvenConnect spec.affinity', () => {
  const affinity = { config: ['affinity'], crd: 'spec.affinity', unit: 'plain', default: { from: 'none' } } as const;
  const withRow: KindTable = { ...connectTable, rows: [...connectTable.rows, affinity] };
  // The schema pack accepts the row, and render copies the (new) model field without other code.
  assert.equal(checkTable(withRow), []);
  const computed = Object.fromEntries(withRow.rows.filter((r) => r.write === 'computed').map((r) => [r.crd.slice(5), undefined]));
  const spec = renderSpec(withRow, { replicas: 1, affinity: { nodeAffinity: {} } }, computed);
  assert.equal(spec['affinity'], { nodeAffinity: {} });
  // A row for a field the CRD lacks is refused.
  assert.equal(checkTable({ ...connectTable, rows: [...connectTable.rows, { ...affinity, crd: 'spec.priorityClassName' }] }), ['RivvenConnect spec.priorityClassName: the CRD has no such field']);
});

test('every RIVVEN_* variable the broker StatefulSet writes comes from a row of the rivvend table, in its order', () => {
  const manifests: UserConfig = {
    target: 'manifests',
    cluster: { name: 'events', replicas: 3, auth: { enabled: false }, datacenter: 'eu-1', clusterAuthToken: { secretName: 's', key: 'k' }, config: { defaultPartitions: 6, defaultReplicationFactor: 1 } },
  };
  const [sts] = renderBrokerStatefulSet(resolvedEnvironment(manifests));
  const container = (sts?.['spec'] as { template: { spec: { containers: { env: { name: string }[] }[] } } }).template.spec.containers[0];
  const names = (container?.env ?? []).map((v) => v.name).filter((n) => !helperEnv.includes(n));
  const order = rivvendTable.map((r) => r.env);
  assert.ok(names.length > 12);
  assert.equal(names, order.filter((n) => names.includes(n)));
  for (const name of ['RIVVEN_NO_REQUIRE_AUTH', 'RIVVEN_DATACENTER', 'RIVVEN_DEFAULT_PARTITIONS', 'RIVVEN_REPLICATION_FACTOR', 'RIVVEN_MIN_ISR', 'RIVVEN_SEEDS']) assert.ok(names.includes(name), name);
});

test.run();
