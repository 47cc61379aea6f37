/**
 * RG414–RG423: under the `operator` target, one finding per upstream operator defect (fact table,
 * src/facts/operator-defects.ts) that stops a working result. Errors by default; warnings when the
 * user declares a patched operator image (`operator.patchedImage`) or patched CRD schemas
 * (`operator.crds.schema: 'patched'`), whichever fixes that defect.
 */
import type { Finding } from '../../errors/diagnostic.js';
import { formatCitations } from '../../facts/citation.js';
import { operatorDefects, type OperatorDefectContext } from '../../facts/operator-defects.js';
import type { ResolvedEnvironment } from '../../model/types.js';
import { parseDisplayPath } from '../../core/path.js';
import { findingAt } from '../locate.js';
import { defineRule } from '../define-rule.js';

export function defectContext(env: ResolvedEnvironment): OperatorDefectContext {
  const c = env.config;
  return {
    crdSchema: c.operator.crds.schema,
    replicas: c.cluster.replicas,
    tls: c.cluster.tls.enabled,
    auth: c.cluster.auth.enabled,
    topics: Object.keys(c.topics).length,
    connectPipelines: Object.keys(c.connect).length,
    schemaRegistry: c.schemaRegistry?.enabled === true,
  };
}

export function checkUpstreamOperatorDefects(env: ResolvedEnvironment): Finding[] {
  const { config } = env;
  if (config.target !== 'operator') return [];
  const context = defectContext(env);
  return operatorDefects
    .filter((d) => d.applies(context))
    .map((d) => {
      const image = config.operator.patchedImage;
      const crds = config.operator.crds.schema === 'patched';
      const patched = d.fixedBy === 'image' ? image : d.fixedBy === 'crds' ? crds : image || crds;
      const declared = image && d.fixedBy !== 'crds' ? 'operator.patchedImage' : 'operator.crds.schema "patched"';
      return findingAt(env, d.code, parseDisplayPath(d.path), {
        severity: patched ? 'warning' : 'error',
        message: `${d.effect} Upstream: ${formatCitations(d.cite)}.${patched ? ` You declared ${declared}: reported as a warning, check that your build fixes it.` : ''}`,
        hint: d.fix,
      });
    });
}

export const upstreamOperatorDefectsRule = defineRule({
  scope: 'environment',
  codes: operatorDefects.map((d) => d.code),
  severity: 'as-found',
  locate: 'provenance',
  check: checkUpstreamOperatorDefects,
});
