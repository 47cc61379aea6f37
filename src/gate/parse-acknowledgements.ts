/**
 * Reads `Rivven-Acknowledge:` trailers from the commits of a range. Grammar (docs/danger-gate.md):
 *
 *   Rivven-Acknowledge: <code> <environment>/<object> <reason>
 *   object = <name> | <Kind>/<name>
 *
 * The key is matched without regard to case, as git does. A value that does not follow the grammar, and a
 * `Rivven-Acknowledge` line git did not read as a trailer (not in the message's last paragraph), are
 * warnings: they acknowledge nothing, and a typo must be visible rather than silently ignored. Pure.
 */
import { finding } from '../errors/catalog.js';
import type { Finding } from '../errors/diagnostic.js';
import { dangerCodes } from '../errors/codes/diff.js';
import type { Acknowledgement, CommitRecord } from './types.js';

export const trailerKey = 'Rivven-Acknowledge';

const keyPattern = /^rivven-acknowledge\s*:\s*/i;
const dangerCodeSet: ReadonlySet<string> = new Set(dangerCodes);

function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

function where(commit: CommitRecord): string {
  return `commit ${shortSha(commit.sha)} (${commit.author.name})`;
}

function malformed(commit: CommitRecord, value: string, why: string): Finding {
  return finding('RG721', { severity: 'warning', path: where(commit), message: `"${trailerKey}: ${value}" in ${where(commit)} acknowledges nothing: ${why}.` });
}

/** One trailer value → an acknowledgement, or why it is malformed. */
export function parseAcknowledgement(value: string, commit: CommitRecord): Acknowledgement | Finding {
  const text = value.trim();
  const m = /^(\S+)\s+(\S+)(?:\s+(.*))?$/s.exec(text);
  if (m === null) return malformed(commit, text, 'it needs a code, <environment>/<object> and a reason');
  const [, code = '', target = '', rest = ''] = m;
  if (!dangerCodeSet.has(code)) {
    return malformed(commit, text, /^RG\d{3}$/.test(code) ? `${code} is not a dangerous-change code (RG700–RG719)` : `"${code}" is not a code (RG700–RG719)`);
  }
  const parts = target.split('/');
  if ((parts.length !== 2 && parts.length !== 3) || parts.some((p) => p === '')) {
    return malformed(commit, text, `"${target}" is not <environment>/<name> or <environment>/<Kind>/<name>`);
  }
  const reason = rest.replace(/\s+/g, ' ').trim();
  if (reason === '') return malformed(commit, text, 'the reason is missing (say why the change is intended)');
  const [environment = '', kindOrName = '', name] = parts;
  return {
    code,
    environment,
    ...(name === undefined ? { name: kindOrName } : { kind: kindOrName, name }),
    reason,
    commit: commit.sha,
    author: commit.author,
    trailer: text,
  };
}

/** Every acknowledgement of the commits (oldest commit first), and the trailers that are not. */
export function parseAcknowledgements(commits: readonly CommitRecord[]): { acknowledgements: Acknowledgement[]; problems: Finding[] } {
  const acknowledgements: Acknowledgement[] = [];
  const problems: Finding[] = [];
  for (const commit of commits) {
    const values = commit.trailers
      .split('\n')
      .filter((line) => keyPattern.test(line))
      .map((line) => line.replace(keyPattern, ''));
    for (const value of values) {
      const parsed = parseAcknowledgement(value, commit);
      if ('severity' in parsed) problems.push(parsed);
      else acknowledgements.push(parsed);
    }
    // Lines that look like the trailer but that git did not read as one (e.g. a blank line after it).
    const read = values.length;
    const written = commit.body.split('\n').filter((line) => keyPattern.test(line.trim())).length;
    if (written > read) {
      problems.push(
        finding('RG725', {
          severity: 'warning',
          path: where(commit),
          message: `${written - read} "${trailerKey}:" line${written - read === 1 ? '' : 's'} in ${where(commit)} ${written - read === 1 ? 'is' : 'are'} not in the message's trailer block, so git does not read ${written - read === 1 ? 'it' : 'them'} as a trailer and ${written - read === 1 ? 'it acknowledges' : 'they acknowledge'} nothing.`,
        }),
      );
    }
  }
  return { acknowledgements, problems };
}
