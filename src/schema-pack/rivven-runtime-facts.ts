/**
 * Facts about what a Rivven release really does at run time that no schema says, kept as project data
 * so the renderers' tests can hold them without anything outside the repository. Source: the upstream
 * code of github.com/hupe1980/rivven at commit ff11bcd7e2709e01eee5b0ed5f1a2080c2139c7d (0.0.22):
 * rivvend's `/metrics` endpoint (port 9094) and rivven-connect's metrics.
 */
export interface RivvenRuntimeFacts {
  /** Metric names some Rivven process really exports. */
  readonly exportedMetrics: readonly string[];
  /** Metric names the deployment guide uses that nothing exports. */
  readonly unexportedGuideMetrics: readonly string[];
}

export const rivvenRuntimeFacts: RivvenRuntimeFacts = {
  exportedMetrics: [
    // rivvend
    'rivven_raft_node_id',
    'rivven_raft_is_leader',
    'rivven_raft_current_term',
    'rivven_raft_last_log_index',
    'rivven_raft_applied_index',
    'rivven_raft_cluster_voters',
    'rivven_raft_cluster_learners',
    'rivven_info',
    // rivven-connect
    'rivven_connect_lag',
    'rivven_cdc_lag_milliseconds',
  ],
  unexportedGuideMetrics: ['rivven_consumer_lag_records', 'rivven_storage_bytes_used', 'rivven_storage_bytes_total'],
};
