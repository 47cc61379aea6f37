/**
 * Where the Rivven deployment guide names something the released Rivven 0.0.22 lacks (codes
 * RG401–RG413). The codes' titles and hints are read from here, so the table is the one source.
 */
import { cite, files, type Citation } from './citation.js';

export interface GuideFact {
  readonly title: string;
  readonly hint: string;
  readonly cite: readonly Citation[];
}

export const guideFacts = {
  RG401: { title: 'cluster.version rendered as the image tag', hint: 'RivvenCluster has no spec.version (the API server prunes it); use rivvenVersion or cluster.image.', cite: [cite(files.deployCluster, '30-325')] },
  RG402: { title: 'cluster.config has no RivvenCluster field', hint: 'RivvenCluster has no spec.config; with target "manifests" these become RIVVEN_* variables; under the operator set topic defaults per topic.', cite: [cite(files.deployCluster, '30-325'), cite(files.rivvendCli, '45,94,98')] },
  RG403: { title: 'Cedar auth cannot be configured', hint: 'RivvenSchemaRegistry accepts method "cedar" but has no cedar block: use basic or jwt.', cite: [cite(files.crd, '3526-3628')] },
  RG404: { title: 'The rivven backup CLI does not exist', hint: "Use backup.method 'velero' or 'volume-snapshot'.", cite: [cite(files.rivvenCli, '22-180')] },
  RG405: { title: 'The broker protocol cannot go through an Ingress', hint: 'The client protocol is a custom TCP protocol, not gRPC: use cluster.external (a LoadBalancer Service).', cite: [cite(files.rivvendCli, '33')] },
  RG406: { title: 'requestTimeoutMs renamed', hint: 'The CRD field is server.timeoutSeconds; write that instead.', cite: [cite(files.crd, '3147-3209')] },
  RG407: { title: 'compatibility.perSubject renamed', hint: 'The CRD field is compatibility.subjects; write that instead.', cite: [cite(files.crd, '3277-3349')] },
  RG408: { title: 'formats renamed', hint: 'The CRD field is schemas (avro, jsonSchema, protobuf, strictValidation); write that instead.', cite: [cite(files.crd, '3352-3381')] },
  RG409: { title: 'externalRegistry renamed', hint: 'The CRD field is external with registryType "confluent" or "glue" and confluentUrl; write that instead.', cite: [cite(files.crd, '3710-3776')] },
  RG410: { title: 'Image does not exist', hint: 'Rivven publishes ghcr.io/hupe1980/rivvend, rivven-connect, rivven-operator and rivven-schema.', cite: [cite(files.release, '438-477')] },
  RG411: { title: 'Guide port does not exist', hint: 'rivvend listens on 9092 (client), 9093 (cluster) and 9094 (HTTP: /health, /metrics).', cite: [cite(files.rivvendCli, '33,178,349-353')] },
  RG412: { title: 'Custom backup command is unverified', hint: 'A custom command runs as you wrote it; rivven-gitops cannot check that it restores.', cite: [cite(files.rivvenCli, '22-180')] },
  RG413: { title: 'Floating image tag', hint: 'Pin a version: "latest" changes under you and breaks reproducible rollouts.', cite: [cite(files.release, '438-477')] },
} as const satisfies Record<string, GuideFact>;
