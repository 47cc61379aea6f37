import type { CodeInfo } from '../catalog.js';

/**
 * RG4xx: places where the Rivven deployment guide names something the real Rivven 0.0.22 lacks.
 * The model accepts the guide's words; these codes say what is rendered instead, or why it is refused.
 */
export const guideCodes = {
  RG401: { title: 'cluster.version rendered as the image tag', hint: 'RivvenCluster has no spec.version (the API server prunes it); use rivvenVersion or cluster.image.' },
  RG402: { title: 'cluster.config has no RivvenCluster field', hint: 'RivvenCluster has no spec.config; with target "manifests" these become RIVVEN_* variables; under the operator set topic defaults per topic.' },
  RG403: { title: 'Cedar auth cannot be configured', hint: 'RivvenSchemaRegistry accepts method "cedar" but has no cedar block: use basic or jwt.' },
  RG404: { title: 'The rivven backup CLI does not exist', hint: "Use backup.method 'velero' or 'volume-snapshot'." },
  RG405: { title: 'The broker protocol cannot go through an Ingress', hint: 'The client protocol is a custom TCP protocol, not gRPC: use cluster.external (a LoadBalancer Service).' },
  RG406: { title: 'requestTimeoutMs renamed', hint: 'The CRD field is server.timeoutSeconds; write that instead.' },
  RG407: { title: 'compatibility.perSubject renamed', hint: 'The CRD field is compatibility.subjects; write that instead.' },
  RG408: { title: 'formats renamed', hint: 'The CRD field is schemas (avro, jsonSchema, protobuf, strictValidation); write that instead.' },
  RG409: { title: 'externalRegistry renamed', hint: 'The CRD field is external with registryType "confluent" or "glue" and confluentUrl; write that instead.' },
  RG410: { title: 'Image does not exist', hint: 'Rivven publishes ghcr.io/hupe1980/rivvend, rivven-connect, rivven-operator and rivven-schema.' },
  RG411: { title: 'Guide port does not exist', hint: 'rivvend listens on 9092 (client), 9093 (cluster) and 9094 (HTTP: /health, /metrics).' },
  RG412: { title: 'Custom backup command is unverified', hint: 'A custom command runs as you wrote it; rivven-gitops cannot check that it restores.' },
  RG413: { title: 'Floating image tag', hint: 'Pin a version: "latest" changes under you and breaks reproducible rollouts.' },
} satisfies Record<string, CodeInfo>;
