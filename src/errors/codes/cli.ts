import type { CodeInfo } from '../code-info.js';

/** RG9xx: command line usage. */
export const cliCodes = {
  RG901: { title: 'Invalid command line', hint: 'Run `rivven-gitops <command> --help` for the accepted options.' },
  RG902: { title: 'Unknown config path', hint: 'Use a dotted path such as cluster.replicas or topics.orders-events.partitions.' },
  RG903: { title: 'Partial build would change shared files', hint: 'base/ and argocd/ depend on every environment: build without --env.' },
} satisfies Record<string, CodeInfo>;
