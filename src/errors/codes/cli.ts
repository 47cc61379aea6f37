import type { CodeInfo } from '../code-info.js';

/** RG9xx: command line usage. */
export const cliCodes = {
  RG901: { title: 'Invalid command line', hint: 'Run `rivven-gitops <command> --help` for the accepted options.' },
  RG902: { title: 'Unknown config path', hint: 'Use a dotted path such as cluster.replicas or topics.orders-events.partitions.' },
  RG903: { title: 'Partial build would change shared files', hint: 'base/ and argocd/ depend on every environment: build without --env.' },
  RG635: { title: 'Environment selector matches nothing', hint: 'Use a name, a glob (prod-*, prod/*) or a selector (cluster=ID, region=NAME, label:KEY=VALUE) that matches one of the environments listed.' },
  RG636: { title: 'Invalid environment selector', hint: '--env takes names, globs (prod-*, prod/*) and selectors cluster=ID, region=NAME, label:KEY=VALUE, comma-separated.' },
  RG637: { title: '--context needs exactly one environment', hint: 'Each environment is read from its own cluster (kubeCluster.kubeContext or server); pass --context only together with --env naming one environment.' },
} satisfies Record<string, CodeInfo>;
