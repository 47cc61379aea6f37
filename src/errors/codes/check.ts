import type { CodeInfo } from '../code-info.js';

/**
 * RG8xx: the production checklist as policy (`rivven-gitops check`). Each code is one rule in
 * src/check/rules/; its rationale and its severity per profile live beside the rule, listed by
 * `rivven-gitops rules`. RG80x: the deployment guide's checklist; RG82x: workload hygiene; RG83x: Rivven
 * data safety; RG84x: production against staging; RG89x: the policy configuration itself.
 */
export const checkCodes = {
  // Once a render warning, a policy rule since it became suppressible; its code never changed.
  RG531: {
    title: 'Broker HTTP API exposed without authentication',
    hint: 'rivvend serves /health and /metrics without authentication: restrict the Ingress (source ranges, auth annotations of your controller) or drop ingress.brokerApi.',
  },
  RG801: { title: 'Fewer than three brokers', hint: 'Run at least three brokers (an odd number: 3 or 5) so the cluster keeps a Raft majority when one is lost.' },
  RG802: { title: 'Brokers not spread across zones', hint: 'Set cluster.placement.zoneSpread: true so one zone outage cannot take a majority of brokers.' },
  RG803: { title: 'Brokers may share a node', hint: "Set cluster.placement.antiAffinity: 'required' so each broker runs on its own node." },
  RG804: { title: 'Broker volumes on the default storage class', hint: 'Set cluster.storage.storageClassName to the class you chose for broker data (expandable, SSD, with the reclaim policy you want).' },
  RG805: { title: 'Broker traffic not encrypted', hint: 'Enable cluster.tls with certManager.issuerRef or existingSecret: one switch covers the client (9092) and cluster (9093) ports.' },
  RG806: { title: 'No NetworkPolicies', hint: 'Add a networkPolicy block (enabled by default once present) and list the namespaces whose clients may connect in allowedNamespaces.' },
  RG807: { title: 'Missing resource requests or limits', hint: 'Set resources.requests.cpu, resources.requests.memory and resources.limits.memory for this workload.' },
  RG808: { title: 'Container without probes', hint: 'Give every long-running container a liveness and a readiness probe.' },
  RG809: { title: 'Brokers not monitored', hint: 'Add a monitoring block with serviceMonitor or podMonitor on, and the labels your Prometheus selects monitors by.' },
  RG810: { title: 'No alerting rules', hint: 'Keep monitoring.alerts.enabled (the default) with a ServiceMonitor or PodMonitor, so a PrometheusRule is rendered.' },
  RG811: { title: 'No backup schedule', hint: "Add a backup block, e.g. { method: 'volume-snapshot', schedule: '0 2 * * *' } or method 'velero'." },
  RG820: { title: 'Floating image tag', hint: 'Pin the image to a release tag or a digest; "latest" and untagged images change under you.' },
  RG821: { title: 'Container may run as root', hint: 'Set runAsNonRoot: true in the pod or container security context.' },
  RG822: { title: 'Privilege escalation allowed', hint: 'Set allowPrivilegeEscalation: false in the container security context.' },
  RG823: { title: 'Capabilities not dropped', hint: "Drop every Linux capability: capabilities: { drop: ['ALL'] }." },
  RG824: { title: 'Writable root filesystem', hint: 'Set readOnlyRootFilesystem: true; the image writes only to its mounted volumes.' },
  RG825: { title: 'No PodDisruptionBudget', hint: 'Keep a PodDisruptionBudget on every replicated workload so node drains evict one pod at a time.' },
  RG826: { title: 'PodDisruptionBudget inconsistent with replicas', hint: 'Allow at least one disruption, and for brokers no more than a Raft majority can lose (maxUnavailable: 1 is right for 3 to 5 brokers).' },
  RG830: { title: 'Topic replicated fewer than three times', hint: 'Set replicationFactor: 3 (or topicDefaults.replicationFactor) so a topic survives the loss of a broker while another is down for maintenance.' },
  RG831: { title: 'Topic accepts writes on a single replica', hint: 'Set minInsyncReplicas: 2 with replicationFactor 3, so an acknowledged write is on two brokers.' },
  RG832: { title: 'Topic data deleted on removal', hint: 'Set deleteOnRemove: false on topics whose data must survive a RivvenTopic being removed from Git.' },
  RG833: { title: 'Topic retention can overflow broker volumes', hint: 'Raise cluster.storage.size or cluster.replicas, or lower retentionBytes, partitions or replicationFactor.' },
  RG834: { title: 'Broker disk usage cannot be bounded', hint: 'Set retentionBytes on these topics so the compiler can check them against the broker volumes, or suppress RG834 giving the expected volume as the reason.' },
  RG840: { title: 'Production has fewer brokers than staging', hint: 'Give production at least as many brokers as staging.' },
  RG841: { title: 'Production topic less replicated than staging', hint: 'Replicate the topic in production at least as many times as in staging.' },
  RG842: { title: 'Production topic kept shorter than in staging', hint: 'Keep data in production at least as long (and as many bytes) as in staging.' },
  RG890: { title: 'Suppression of an unknown rule', hint: 'Only policy rules can be suppressed (RG8xx and RG531): run `rivven-gitops rules` for the codes.' },
} satisfies Record<string, CodeInfo>;

export type CheckCode = keyof typeof checkCodes;
