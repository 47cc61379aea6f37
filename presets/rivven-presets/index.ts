/**
 * A platform team's shared defaults, as a package every fleet repository installs (here from this
 * folder: package.json has "@acme/rivven-presets": "file:presets/rivven-presets"). Fleet files import it
 * like any package; it is type-checked with them and `explain` points into this file.
 */
import type { UserCluster } from 'rivven-gitops';

/** Brokers on different nodes and spread over zones: what the production checklist asks for. */
export const productionPlacement = {
  antiAffinity: 'required',
  zoneSpread: true,
} as const satisfies UserCluster['placement'];
