/**
 * The engine behind the default tables (kubernetes-defaults.ts, rivven-crd-defaults.ts): each rule sets
 * one field in every map its pattern reaches, when the field is absent — the semantics of the API
 * server's `SetDefaults_*` functions and of structural-schema `default:` alike. Rules run in order, so a
 * rule that creates a map (`strategy: {}`) comes before the rules that fill it.
 */
import type { K8sObject } from '../render/k8s-object.js';
import { childPath } from './field-path.js';
import { forEachMapAt, parsePattern, type PatternSegment } from './path-pattern.js';
import { cloneJson, type JsonObject } from '../core/json.js';

export interface DefaultRule {
  /** Pattern of the map that receives the field (`spec.template.spec.containers[]`; `''` is the object). */
  readonly at: string;
  readonly field: string;
  /** The default; copied for every map it is written into. */
  readonly value?: unknown;
  /** A default computed from the map (and the whole object); `undefined` means "no default here". */
  readonly derive?: (map: JsonObject, root: K8sObject) => unknown;
  /** Only where this holds. */
  readonly when?: (map: JsonObject, root: K8sObject) => boolean;
  /** Where the default is written down upstream (file path and function, or API reference). */
  readonly source: string;
}

export interface KindDefaults {
  /** `group/Kind` (`apps/StatefulSet`), or the bare Kind for the core group. */
  readonly kinds: readonly string[];
  readonly rules: readonly DefaultRule[];
}

interface CompiledRule extends DefaultRule {
  readonly pattern: readonly PatternSegment[];
}

const compiled = new WeakMap<readonly DefaultRule[], readonly CompiledRule[]>();

function compile(rules: readonly DefaultRule[]): readonly CompiledRule[] {
  let out = compiled.get(rules);
  if (!out) {
    out = rules.map((r) => ({ ...r, pattern: parsePattern(r.at) }));
    compiled.set(rules, out);
  }
  return out;
}

/**
 * Applies rules to `obj` in place. Returns the field paths that received a default, so the comparison
 * can tell a rendered value from a defaulted one.
 */
export function applyDefaultRules(obj: K8sObject, rules: readonly DefaultRule[], defaulted: Set<string> = new Set()): Set<string> {
  for (const rule of compile(rules)) {
    forEachMapAt(obj, rule.pattern, (map, path) => {
      if (map[rule.field] !== undefined) return;
      if (rule.when && !rule.when(map, obj)) return;
      const value = rule.derive ? rule.derive(map, obj) : cloneJson(rule.value);
      if (value === undefined) return;
      map[rule.field] = value;
      defaulted.add(childPath(path, rule.field));
    });
  }
  return defaulted;
}
