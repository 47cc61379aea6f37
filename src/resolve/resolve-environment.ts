/**
 * The resolve stage: defaults ← base ← environment, parsed by the zod model into a `ResolvedConfig`
 * that remembers which file and line set every value. Pure: it reads only the loaded project.
 */
import type { Finding } from '../errors/diagnostic.js';
import { finding } from '../errors/catalog.js';
import type { LoadedEnvironmentFile, LoadedProject } from '../load/types.js';
import { configSchema } from '../model/config.js';
import type { ResolvedEnvironment, ResolvedFleet } from '../model/types.js';
import { findingsFromZodIssues } from './zod-findings.js';
import { finishConfig } from './finish.js';
import { mergeLayer, mergeLayers, type MergeResult } from './merge.js';
import { pathKey } from '../core/path.js';
import { parseConfig, TopicParses } from './parse-config.js';
import { addDefaultProvenance, locateIn } from './provenance.js';
import { reportOncePerFleet } from './name-environments.js';
import { isPlainObject } from '../core/json.js';
import { kubeClusterOf } from '../model/kube-cluster-of.js';
import { unknownClusterFinding } from './kube-cluster.js';

/** Keys that are fleet-wide: an environment may not change them (the types say so; this says why). */
const fleetWideKeys: Readonly<Record<string, string>> = {
  project: 'the project name prefixes every environment’s namespace and the Argo CD objects, so it is the same for the whole fleet',
  output: 'all environments are written into one output tree, so its directory and layout are the same for the whole fleet',
  clusters: 'the Kubernetes clusters are declared once for the whole fleet; an environment names its own with kubeCluster',
};

export interface EnvironmentResolution {
  /** Absent when the merged configuration does not parse. */
  readonly environment?: ResolvedEnvironment;
  readonly findings: Finding[];
}

/** One environment; its findings are not named after it (resolveFleet names them). */
export function resolveEnvironment(project: LoadedProject, name: string): EnvironmentResolution {
  return resolveOntoBase(project, name, () => mergeBase(project), new TopicParses());
}

/** The base layer merged on its own: what every environment is merged onto. */
function mergeBase(project: LoadedProject): MergeResult {
  return mergeLayers([{ layer: 'base', file: project.base.file, value: project.base.value, positions: project.base.positions }]);
}

/**
 * Resolves one environment onto the merged base, which `base` gives when the environment exists;
 * `topicParses` holds the topics already parsed for other environments of the fleet.
 */
function resolveOntoBase(project: LoadedProject, name: string, base: () => MergeResult, topicParses: TopicParses): EnvironmentResolution {
  const file = project.environments.find((e) => e.name === name);
  if (file === undefined) {
    return { findings: [finding('RG110', { path: name, params: { name, known: project.environments.map((e) => e.name) } })] };
  }
  const findings: Finding[] = [];
  const overlay = withoutFleetWideKeys(file, findings);
  const merged = mergeLayer(base(), { layer: 'environment', file: file.file, value: overlay, positions: file.positions });
  findings.push(...merged.findings);

  const parsed = parseConfig(merged.value, topicParses);
  if (!parsed.success) {
    const locate = (path: readonly (string | number)[]) => locateIn(merged.provenance, path);
    findings.push(...findingsFromZodIssues(parsed.error.issues, { input: merged.value, schema: configSchema, locate }));
    return { findings };
  }
  const config = finishConfig(parsed.data, name);
  const provenance = addDefaultProvenance(config, merged.provenance, merged.removed);
  const kubeCluster = kubeClusterOf(config);
  if ('unknown' in kubeCluster) {
    findings.push(unknownClusterFinding(kubeCluster.unknown, Object.keys(config.clusters ?? {}), locateIn(provenance, ['kubeCluster'])));
    return { findings };
  }
  const transforms = [project.base.transform, file.transform].filter((t) => t !== undefined);
  // Each file once, in the order the patterns name them.
  const sealedFiles = [...new Map((config.secrets?.sealed ?? []).flatMap((p) => project.sealedFiles?.get(p) ?? []).map((f) => [f.file, f])).values()];
  return {
    environment: { name, file: file.file, config, provenance, kubeCluster, ...(transforms.length > 0 ? { transforms } : {}), ...(sealedFiles.length > 0 ? { sealedFiles } : {}) },
    findings,
  };
}

export interface FleetResolution {
  /** The environments that resolved, in the order asked for (all, sorted by name, by default). */
  readonly fleet: ResolvedFleet;
  readonly findings: Finding[];
}

/** Resolves the named environments (every environment when `names` is absent or empty). */
export function resolveFleet(project: LoadedProject, names?: readonly string[]): FleetResolution {
  const wanted = names !== undefined && names.length > 0 ? [...new Set(names)] : project.environments.map((e) => e.name);
  const environments: ResolvedEnvironment[] = [];
  const findings: [string, Finding[]][] = [];
  // The base is the bulk of a fleet (every topic): merged once, each environment merged onto it, and
  // each topic parsed once (see TopicParses).
  let base: MergeResult | undefined;
  const mergedBase = () => (base ??= mergeBase(project));
  const topicParses = new TopicParses();
  for (const name of wanted) {
    const result = resolveOntoBase(project, name, mergedBase, topicParses);
    findings.push([name, result.findings]);
    if (result.environment !== undefined) environments.push(result.environment);
  }
  return { fleet: { environments }, findings: reportOncePerFleet(findings) };
}

/** The environment's value without `project` and `output`, each reported where it was written. */
function withoutFleetWideKeys(file: LoadedEnvironmentFile, findings: Finding[]): unknown {
  const value = file.value;
  if (!isPlainObject(value)) return value;
  const present = Object.keys(fleetWideKeys).filter((key) => Object.prototype.hasOwnProperty.call(value, key));
  if (present.length === 0) return value;
  for (const key of present) {
    const loc = file.positions.get(pathKey([key]));
    findings.push(
      finding('RG202', {
        path: key,
        message: `${file.file} sets "${key}", which an environment cannot change: ${fleetWideKeys[key] ?? 'it is fleet-wide'}.`,
        hint: `Move "${key}" to rivven.config.ts, or remove it from ${file.file}.`,
        ...(loc === undefined ? {} : { loc }),
      }),
    );
  }
  const rest: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (present.includes(key)) continue;
    Object.defineProperty(rest, key, { value: value[key], enumerable: true, writable: true, configurable: true });
  }
  return rest;
}
