/**
 * Facts about what a Rivven release really does at run time that no schema says, kept as project data
 * so the renderers' tests can hold them without anything outside the repository. Source: the upstream
 * code of github.com/hupe1980/rivven at commit ff11bcd7e2709e01eee5b0ed5f1a2080c2139c7d (0.0.22):
 * rivvend's `/metrics` endpoint (port 9094) and rivven-connect's metrics.
 */
import { connectMetrics, rivvendMetrics, unexportedGuideMetrics } from '../facts/rivvend.js';

export interface RivvenRuntimeFacts {
  /** Metric names some Rivven process really exports. */
  readonly exportedMetrics: readonly string[];
  /** Metric names the deployment guide uses that nothing exports. */
  readonly unexportedGuideMetrics: readonly string[];
}

/** A view of the fact table (src/facts/rivvend.ts), which is the one place these names are written. */
export const rivvenRuntimeFacts: RivvenRuntimeFacts = {
  exportedMetrics: [...rivvendMetrics, ...connectMetrics],
  unexportedGuideMetrics,
};
