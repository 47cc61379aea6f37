/** RG406: the guide's server.requestTimeoutMs is the CRD's server.timeoutSeconds. */
import type { Finding } from '../../errors/diagnostic.js';
import type { ResolvedEnvironment } from '../../model/types.js';
import { findingAt } from '../locate.js';
import { defineRule } from '../define-rule.js';

export function checkGuideRequestTimeout(env: ResolvedEnvironment): Finding[] {
  const server = env.config.schemaRegistry?.server;
  const ms = server?.requestTimeoutMs;
  if (server === undefined || ms === undefined) return [];
  const seconds = Math.ceil(ms / 1000);
  const at = ['schemaRegistry', 'server', 'requestTimeoutMs'];
  if (server.timeoutSeconds !== undefined && server.timeoutSeconds !== seconds) {
    return [
      findingAt(env, 'RG406', at, {
        message: `schemaRegistry.server sets requestTimeoutMs ${ms} (${seconds} s) and timeoutSeconds ${server.timeoutSeconds}: they disagree, and only timeoutSeconds exists in RivvenSchemaRegistry.`,
        hint: 'Remove requestTimeoutMs and keep timeoutSeconds.',
      }),
    ];
  }
  return [
    findingAt(env, 'RG406', at, {
      severity: 'warning',
      message: `schemaRegistry.server.requestTimeoutMs is the guide's name: it is rendered as server.timeoutSeconds: ${seconds}${ms % 1000 === 0 ? '' : ' (rounded up to whole seconds)'}.`,
    }),
  ];
}

export const guideRequestTimeoutRule = defineRule({
  scope: 'environment',
  codes: ['RG406'],
  severity: 'as-found',
  locate: 'provenance',
  check: checkGuideRequestTimeout,
});
