/**
 * A citation into upstream Rivven: the release it describes, the file and the lines that decide the
 * fact, and how sure we are. Every entry of the fact table carries at least one, so a reader can
 * recheck it and a new release can be diffed against it.
 */

/** The upstream release and commit the table describes. */
export const upstream = { repository: 'hupe1980/rivven', version: '0.0.22', tag: 'v0.0.22', commit: 'ff11bcd' } as const;

/**
 * - `source`: read in upstream source at the tagged commit.
 * - `kubernetes`: an API-server rule (structural schemas, pruning, PDB validation).
 * - `predicted`: follows from library semantics, not executed (e.g. what `--print-crd` emits).
 * - `later-commit`: read in a later commit than the tag; not confirmed at the tag.
 */
export type Confidence = 'source' | 'kubernetes' | 'predicted' | 'later-commit';

export interface Citation {
  /** Path inside the upstream repository. */
  readonly file: string;
  /** `12`, `12-40` or `12,48,63`. */
  readonly lines: string;
  readonly confidence: Confidence;
}

/** A citation at the tagged release (confidence `source` unless said otherwise). */
export function cite(file: string, lines: string, confidence: Confidence = 'source'): Citation {
  return { file, lines, confidence };
}

/** `crates/rivvend/src/cli.rs:94 (v0.0.22)`: how citations read in docs and finding messages. */
export function formatCitation(c: Citation): string {
  if (c.confidence === 'later-commit') return `${c.file}:${c.lines} (a commit after v${upstream.version})`;
  const note = c.confidence === 'source' ? '' : `, ${c.confidence}`;
  return `${c.file}:${c.lines} (v${upstream.version}${note})`;
}

export function formatCitations(cs: readonly Citation[]): string {
  return cs.map(formatCitation).join('; ');
}

/** Short names for the upstream files the table cites most. */
export const files = {
  dockerfile: 'Dockerfile',
  release: '.github/workflows/release.yml',
  rivvendCargo: 'crates/rivvend/Cargo.toml',
  rivvendCli: 'crates/rivvend/src/cli.rs',
  clusterServer: 'crates/rivvend/src/cluster_server.rs',
  raftApi: 'crates/rivvend/src/raft_api.rs',
  produce: 'crates/rivvend/src/handler/produce.rs',
  rivvenCli: 'crates/rivven/src/main.rs',
  crd: 'crates/rivven-operator/src/crd.rs',
  resources: 'crates/rivven-operator/src/resources.rs',
  clusterController: 'crates/rivven-operator/src/controller.rs',
  topicController: 'crates/rivven-operator/src/topic_controller.rs',
  connectController: 'crates/rivven-operator/src/connect_controller.rs',
  registryController: 'crates/rivven-operator/src/schema_registry_controller.rs',
  clusterClient: 'crates/rivven-operator/src/cluster_client.rs',
  operatorMain: 'crates/rivven-operator/src/main.rs',
  deployCluster: 'crates/rivven-operator/deploy/crds/rivvencluster-crd.yaml',
  deployTopic: 'crates/rivven-operator/deploy/crds/rivventopic-crd.yaml',
  deployConnect: 'crates/rivven-operator/deploy/crds/rivvenconnect-crd.yaml',
  deployRegistry: 'crates/rivven-operator/deploy/crds/rivvenschemaregistry-crd.yaml',
  deployOperator: 'crates/rivven-operator/deploy/operator.yaml',
  chartDeployment: 'charts/rivven-operator/templates/deployment.yaml',
  connectMain: 'crates/rivven-connect/src/main.rs',
  connectConfig: 'crates/rivven-connect/src/config.rs',
  schemaMain: 'crates/rivven-schema/src/main.rs',
  schemaServer: 'crates/rivven-schema/src/server.rs',
  operatorReadme: 'crates/rivven-operator/README.md',
} as const;
