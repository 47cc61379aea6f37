/**
 * `--env` terms, the same in every command: environment names, globs over names and file paths
 * (`prod-*`, `prod/*`), and selectors on the environment's cluster (`cluster=ID`, `region=R`,
 * `label:KEY=VALUE`). Terms are comma-separated and may be repeated; an environment is selected when any
 * term matches it. Pure: the caller hands in the environments to choose from.
 */
import { finding } from '../errors/catalog.js';
import { UserError } from '../errors/diagnostic.js';
import type { ResolvedKubeCluster } from '../model/types.js';
import { compareText } from '../core/order.js';

export type SelectionTerm =
  | { readonly kind: 'name'; readonly text: string }
  | { readonly kind: 'glob'; readonly text: string; readonly pattern: RegExp }
  | { readonly kind: 'cluster'; readonly text: string; readonly id: string }
  | { readonly kind: 'region'; readonly text: string; readonly region: string }
  | { readonly kind: 'label'; readonly text: string; readonly key: string; readonly value: string };

/** What a term is matched against: the name, the file (`environments/prod/eu.ts`) and, for selectors, the cluster. */
export interface SelectableEnvironment {
  readonly name: string;
  readonly file: string;
  readonly kubeCluster?: ResolvedKubeCluster;
}

const globChars = /[*?[]/;

function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] ?? '';
    if (c === '*') out += glob[i + 1] === '*' ? (i++, '.*') : '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

function invalid(text: string, why: string): UserError {
  return new UserError([finding('RG636', { path: text, message: `--env "${text}" is not an environment selector: ${why}.` })]);
}

function parseTerm(text: string): SelectionTerm {
  const label = /^label:([^=]+)=(.*)$/.exec(text);
  if (label) return { kind: 'label', text, key: label[1] ?? '', value: label[2] ?? '' };
  if (text.startsWith('label:')) throw invalid(text, 'a label selector is label:KEY=VALUE');
  const eq = text.indexOf('=');
  if (eq >= 0) {
    const key = text.slice(0, eq);
    const value = text.slice(eq + 1);
    if (value === '') throw invalid(text, `${key}= needs a value`);
    if (key === 'cluster') return { kind: 'cluster', text, id: value };
    if (key === 'region') return { kind: 'region', text, region: value };
    throw invalid(text, `"${key}" is not a selector key (cluster=ID, region=NAME, label:KEY=VALUE)`);
  }
  if (globChars.test(text)) return { kind: 'glob', text, pattern: globToRegExp(text) };
  return { kind: 'name', text };
}

/** Splits the `--env` values at commas; throws a UserError (RG636) for a malformed selector. */
export function parseEnvironmentSelection(values: readonly string[]): SelectionTerm[] {
  const terms: SelectionTerm[] = [];
  for (const value of values) {
    for (const part of value.split(',')) {
      const text = part.trim();
      if (text !== '') terms.push(parseTerm(text));
    }
  }
  return terms;
}

/** True when some term needs the environments' resolved clusters (not only their names and files). */
export function needsClusters(terms: readonly SelectionTerm[]): boolean {
  return terms.some((t) => t.kind === 'cluster' || t.kind === 'region' || t.kind === 'label');
}

/** True when every term is a plain environment name (the selection needs no matching). */
export function onlyNames(terms: readonly SelectionTerm[]): boolean {
  return terms.every((t) => t.kind === 'name');
}

/** `environments/prod/eu.ts` → `prod/eu`, what a path glob is matched against. */
function filePath(file: string): string {
  return file.replace(/^environments\//, '').replace(/\.ts$/, '');
}

function matches(term: SelectionTerm, env: SelectableEnvironment): boolean {
  const cluster = env.kubeCluster;
  switch (term.kind) {
    case 'name':
      return env.name === term.text;
    case 'glob':
      return term.pattern.test(env.name) || term.pattern.test(filePath(env.file));
    case 'cluster':
      return cluster?.id === term.id;
    case 'region':
      return cluster?.region === term.region;
    case 'label':
      return cluster?.labels[term.key] === term.value;
  }
}

function available(envs: readonly SelectableEnvironment[]): string {
  const names = envs.map((e) => e.name).sort(compareText);
  const unique = (values: (string | undefined)[]) => [...new Set(values.filter((v): v is string => v !== undefined))].sort(compareText);
  const clusters = unique(envs.map((e) => e.kubeCluster?.id));
  const regions = unique(envs.map((e) => e.kubeCluster?.region));
  const labels = unique(envs.flatMap((e) => Object.entries(e.kubeCluster?.labels ?? {}).map(([k, v]) => `${k}=${v}`)));
  const parts = [`environments: ${names.join(', ') || 'none'}`];
  if (envs.some((e) => e.kubeCluster !== undefined)) {
    parts.push(`clusters: ${clusters.join(', ') || 'none'}`, `regions: ${regions.join(', ') || 'none'}`, `cluster labels: ${labels.join(', ') || 'none'}`);
  }
  return parts.join('; ');
}

/**
 * The names of the environments the terms select, in the candidates' order. Throws a UserError: RG110
 * for a plain name that is no environment, RG635 for a glob or selector that matches none (listing
 * what exists).
 */
export function matchEnvironments(terms: readonly SelectionTerm[], envs: readonly SelectableEnvironment[]): string[] {
  const selected = new Set<string>();
  const problems = [];
  for (const term of terms) {
    const hits = envs.filter((e) => matches(term, e));
    for (const e of hits) selected.add(e.name);
    if (hits.length > 0) continue;
    if (term.kind === 'name') problems.push(finding('RG110', { path: term.text, params: { name: term.text, known: envs.map((e) => e.name) } }));
    else problems.push(finding('RG635', { path: term.text, message: `--env "${term.text}" matches no environment (${available(envs)}).` }));
  }
  if (problems.length > 0) throw new UserError(problems);
  return envs.map((e) => e.name).filter((n) => selected.has(n));
}
