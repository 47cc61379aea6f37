import type { CodeInfo } from '../code-info.js';

/**
 * RG960–RG979: posting the pull-request comment through the GitHub REST API (`rivven-gitops comment`).
 * Messages never contain the token: every text from GitHub is redacted before it reaches a finding.
 */
export const githubCodes = {
  RG960: {
    title: 'No GitHub token',
    hint: 'Set GITHUB_TOKEN. In GitHub Actions: `env: { GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }} }` with `permissions: pull-requests: write`.',
  },
  RG961: {
    title: 'Repository not known',
    hint: 'Pass --repo owner/name, or set GITHUB_REPOSITORY (GitHub Actions sets it).',
  },
  RG962: {
    title: 'GitHub refused the token (401)',
    hint: 'The token is invalid, expired or revoked: create a new one, or use the workflow\'s GITHUB_TOKEN.',
  },
  RG963: {
    title: 'Not allowed to comment (403)',
    hint: 'Give the token permission to write pull-request comments: in a workflow, `permissions: pull-requests: write`; a fine-grained token needs "Pull requests: Read and write". Pull requests from forks get a read-only token: skip the comment step for them.',
  },
  RG964: {
    title: 'Repository or pull request not found (404)',
    hint: 'Check --repo and --pr. GitHub also answers 404 when the token cannot see a private repository.',
  },
  RG965: {
    title: 'GitHub refused the comment (422)',
    hint: 'A comment holds at most 65,536 characters: post the output of `rivven-gitops diff --format markdown` unchanged (it stays under 65,000 bytes), or use `--split`.',
  },
  RG966: {
    title: 'GitHub rate limit',
    hint: 'GitHub kept answering "rate limit exceeded" after waiting: retry later, or use a token with a higher limit (the workflow\'s GITHUB_TOKEN has its own).',
  },
  RG967: {
    title: 'GitHub server error',
    hint: 'GitHub kept failing (5xx) after retries: check https://www.githubstatus.com (or your GitHub Enterprise server) and retry.',
  },
  RG968: {
    title: 'GitHub unreachable or too slow',
    hint: 'The request failed or timed out after retries: check GITHUB_API_URL, the network and any proxy, then retry.',
  },
  RG969: {
    title: 'Unexpected answer from GitHub',
    hint: 'The answer was not what the GitHub REST API sends: check that GITHUB_API_URL points at the API (https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server).',
  },
  RG970: {
    title: 'Nothing to post',
    hint: 'The input must be the output of `rivven-gitops diff --format markdown` (it starts with a `<!-- rivven-gitops:diff` marker line).',
  },
  RG971: {
    title: 'Invalid GitHub API URL',
    hint: 'GITHUB_API_URL must be an http(s) URL such as https://api.github.com or https://github.example.com/api/v3.',
  },
} satisfies Record<string, CodeInfo>;
