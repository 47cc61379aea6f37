/**
 * The rivvend settings of the `manifests` target: every RIVVEN_* variable the broker StatefulSet (and,
 * for a few, the RivvenCluster's `spec.env`) writes, with the config line it comes from, how the value
 * is written and rivvend's own default (from facts/rivvend.ts, never written here). The renderers
 * derive their env lists from these rows, in the rows' order (Kubernetes expands `$(POD_IP)` only from
 * variables defined earlier). A test holds every name to the fact table.
 */
import { rivvendEnv } from '../facts/rivvend.js';
import { valueAt } from './derive.js';
import { isRecord } from '../core/json.js';

/**
 * How a config value becomes the variable:
 * - `string`: the value as is; `integer`: the number in decimal;
 * - `secret-ref`: a `{ secretName, key }` as a secretKeyRef (secrets are referenced, never inlined);
 * - `true-when-false`: `"true"` when the setting is false (RIVVEN_NO_REQUIRE_AUTH ← auth.enabled);
 * - `computed`: from several settings or fixed by rivven-gitops: the renderer passes the value.
 */
export type RivvendUnit = 'string' | 'integer' | 'secret-ref' | 'true-when-false' | 'computed';

export interface RivvendRow {
  /** The variable, a key of facts/rivvend.ts `rivvendEnv`. */
  readonly env: string;
  /** Path under `cluster` in the model; empty when rivven-gitops fixes the value. */
  readonly config: readonly string[];
  readonly unit: RivvendUnit;
  /** `rivvend`: rivvend's own default (facts), which applies when the variable is not written. */
  readonly default: { readonly from: 'rivvend' } | { readonly from: 'none' };
}

/** A variable's value as a container env entry holds it (without the name). */
export type EnvValue = { readonly value: string } | { readonly valueFrom: Readonly<Record<string, unknown>> };

const rivvend = { from: 'rivvend' } as const;
const none = { from: 'none' } as const;

function row(env: string, config: readonly string[], unit: RivvendUnit, dflt: RivvendRow['default'] = none): RivvendRow {
  return { env, config, unit, default: dflt };
}

const mode = row('RIVVEN_MODE', ['replicas'], 'computed', rivvend);
const clusterAuthToken = row('RIVVEN_CLUSTER_AUTH_TOKEN', ['clusterAuthToken'], 'secret-ref');
const noRequireAuth = row('RIVVEN_NO_REQUIRE_AUTH', ['auth', 'enabled'], 'true-when-false', rivvend);
const datacenter = row('RIVVEN_DATACENTER', ['datacenter'], 'string');

/** The broker StatefulSet's variables, in the order it writes them. */
export const rivvendTable: readonly RivvendRow[] = [
  // `cluster` whenever more than one broker can exist (replicas, autoscaling).
  mode,
  row('RIVVEN_NODE_ID', [], 'computed'),
  row('RIVVEN_CLUSTER_NAME', ['name'], 'string'),
  row('RIVVEN_BIND', [], 'computed', rivvend),
  row('RIVVEN_CLUSTER_BIND', [], 'computed', rivvend),
  row('RIVVEN_API_BIND', [], 'computed', rivvend),
  row('RIVVEN_DATA_DIR', [], 'computed', rivvend),
  // Cluster mode only.
  row('RIVVEN_SEEDS', ['replicas'], 'computed'),
  row('RIVVEN_ADVERTISE_ADDR', [], 'computed'),
  clusterAuthToken,
  row('RIVVEN_TLS_ENABLED', ['tls', 'enabled'], 'computed', rivvend),
  row('RIVVEN_TLS_CERT', ['tls'], 'computed'),
  row('RIVVEN_TLS_KEY', ['tls'], 'computed'),
  row('RIVVEN_TLS_CA', ['tls', 'mtls'], 'computed'),
  row('RIVVEN_TLS_VERIFY_CLIENT', ['tls', 'mtls', 'enabled'], 'computed', rivvend),
  noRequireAuth,
  datacenter,
  row('RIVVEN_DEFAULT_PARTITIONS', ['config', 'defaultPartitions'], 'integer', rivvend),
  row('RIVVEN_REPLICATION_FACTOR', ['config', 'defaultReplicationFactor'], 'integer', rivvend),
  // Brought down with a factor below rivvend's default min ISR, so a factor of 1 does not crash-loop.
  row('RIVVEN_MIN_ISR', ['config', 'minInsyncReplicas'], 'computed', rivvend),
];

/** The variables the RivvenCluster's `spec.env` carries (the operator sets the rest), in its order. */
export const operatorRivvendRows: readonly RivvendRow[] = [noRequireAuth, clusterAuthToken, datacenter];

/** rivvend's default of the row's variable, undefined when it has none or the row says none. */
export function rivvendDefault(r: RivvendRow): string | undefined {
  return r.default.from === 'rivvend' ? rivvendEnv[r.env]?.default : undefined;
}

function fromConfig(r: RivvendRow, value: unknown): EnvValue | undefined {
  switch (r.unit) {
    case 'string':
    case 'integer':
      return value === undefined ? undefined : { value: String(value) };
    case 'secret-ref': {
      return isRecord(value) ? { valueFrom: { secretKeyRef: { name: value['secretName'], key: value['key'] } } } : undefined;
    }
    case 'true-when-false':
      return value === false ? { value: 'true' } : undefined;
    default:
      return undefined;
  }
}

/**
 * The env entries of `rows` for one cluster, in the rows' order: config rows read `cluster`; computed
 * rows take `computed[env]` (undefined: not written). A computed row the renderer gives no entry for,
 * or an entry without a computed row, is a programming error.
 */
export function renderRivvendEnv(
  rows: readonly RivvendRow[],
  cluster: unknown,
  computed: Readonly<Record<string, EnvValue | undefined>>,
): (Record<string, unknown> & { name: string })[] {
  const names = new Set(rows.filter((r) => r.unit === 'computed').map((r) => r.env));
  for (const name of Object.keys(computed)) if (!names.has(name)) throw new Error(`internal: ${name} is computed but has no computed rivvend row`);
  const out: (Record<string, unknown> & { name: string })[] = [];
  for (const r of rows) {
    if (r.unit === 'computed' && !(r.env in computed)) throw new Error(`internal: the computed rivvend row ${r.env} has no value`);
    const value = r.unit === 'computed' ? computed[r.env] : fromConfig(r, valueAt(cluster, r.config));
    if (value !== undefined) out.push({ name: r.env, ...value });
  }
  return out;
}
