import type { CodeInfo } from '../code-info.js';

/**
 * RG720–RG729: the gate for dangerous changes (`diff --fail-on`, docs/danger-gate.md). A dangerous
 * change passes the gate only when a `Rivven-Acknowledge:` trailer in a commit of the compared range
 * names it; these codes say why a danger still blocks, or why a trailer acknowledged nothing.
 */
export const gateCodes = {
  RG720: {
    title: 'Dangerous change not acknowledged',
    hint: 'Review the change. If it is intended, add the trailer `Rivven-Acknowledge: <code> <environment>/<object> <reason>` to a commit message of this pull request (the last paragraph of the message, e.g. `git commit --amend --trailer "Rivven-Acknowledge: RG700 prod/orders-events why"`); otherwise revert the change.',
  },
  RG721: {
    title: 'Rivven-Acknowledge trailer is malformed',
    hint: 'Write `Rivven-Acknowledge: <code> <environment>/<object> <reason>`: a dangerous-change code (RG700–RG719), the environment and the object name (or Kind/name), then why; the reason is required.',
  },
  RG722: {
    title: 'Rivven-Acknowledge trailer matches no dangerous change',
    hint: 'Check the code, the environment and the object name against the dangerous changes the diff lists (a typo acknowledges nothing). A trailer for a change that is no longer dangerous can stay; it never applies to another change.',
  },
  RG723: {
    title: 'Rivven-Acknowledge trailer is ambiguous',
    hint: 'Several objects of different kinds have this name in the environment: name the one meant as <environment>/<Kind>/<name>.',
  },
  RG724: {
    title: 'Commit range of the acknowledgements cannot be read',
    hint: 'Give --acknowledge-from git:BASE..HEAD with refs that exist in this repository, and fetch the history (in GitHub Actions, actions/checkout with fetch-depth: 0).',
  },
  RG725: {
    title: 'Rivven-Acknowledge line is not a trailer',
    hint: 'Trailers are read from the last paragraph of a commit message only, one `Key: value` per line (see `git interpret-trailers`). Move the line into that paragraph, with no blank line between the trailers.',
  },
} satisfies Record<string, CodeInfo>;
