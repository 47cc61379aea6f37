/** RG413: "latest" or no tag changes under you: rollouts stop being reproducible. */
import type { Finding } from '../../errors/diagnostic.js';
import type { ResolvedEnvironment } from '../../model/types.js';
import type { PathSegment } from '../../core/path.js';
import { declaredImages, imageReference } from '../declared-images.js';
import { findingAt } from '../locate.js';
import { defineRule } from '../define-rule.js';

export function checkFloatingImageTag(env: ResolvedEnvironment): Finding[] {
  const floating: { path: readonly PathSegment[]; what: string }[] = [];
  for (const { path, image } of declaredImages(env.config)) {
    const ref = imageReference(image);
    if (ref.digest !== undefined) continue;
    if (ref.tag === undefined) floating.push({ path, what: `Image "${image}" has no tag, which means "latest"` });
    else if (ref.tag === 'latest') floating.push({ path, what: `Image "${image}" uses the tag "latest"` });
  }
  const versions: [PathSegment[], string | undefined][] = [
    [['cluster', 'version'], env.config.cluster.version],
    [['schemaRegistry', 'version'], env.config.schemaRegistry?.version],
  ];
  for (const [path, version] of versions) {
    if (version === 'latest') floating.push({ path, what: `${path.join('.')} is "latest"` });
  }
  return floating.map(({ path, what }) =>
    findingAt(env, 'RG413', path, {
      severity: 'warning',
      message: `${what}: every pod restart may pull a different release, so two brokers can run different versions.`,
    }),
  );
}

export const floatingImageTagRule = defineRule({
  scope: 'environment',
  codes: ['RG413'],
  severity: 'as-found',
  locate: 'provenance',
  check: checkFloatingImageTag,
});
