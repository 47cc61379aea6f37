/** RG410: the guide's image ghcr.io/hupe1980/rivven does not exist; pulls would fail. */
import type { Finding } from '../../errors/diagnostic.js';
import type { ResolvedEnvironment } from '../../model/types.js';
import { imageRegistry } from '../../model/rivven-names.js';
import { declaredImages, imageReference } from '../declared-images.js';
import { findingAt } from '../locate.js';
import { defineRule } from '../define-rule.js';

const missingRepository = `${imageRegistry}/rivven`;

export function checkGuideImageName(env: ResolvedEnvironment): Finding[] {
  return declaredImages(env.config)
    .filter(({ image }) => imageReference(image).repository === missingRepository)
    .map(({ path, image }) =>
      findingAt(env, 'RG410', path, {
        message: `Image "${image}" does not exist: Rivven publishes ${imageRegistry}/rivvend (broker), rivven-connect, rivven-operator and rivven-schema, not ${missingRepository}. Pods would stay in ImagePullBackOff.`,
        hint: `Remove the image to use the pinned default, or name one of the published images (e.g. ${imageRegistry}/rivvend:${env.config.rivvenVersion}).`,
      }),
    );
}

export const guideImageNameRule = defineRule({
  scope: 'environment',
  codes: ['RG410'],
  severity: 'as-found',
  locate: 'provenance',
  check: checkGuideImageName,
});
