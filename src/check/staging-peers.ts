/** The environments production is compared with: every other environment of profile `staging`. */
import type { ResolvedEnvironment, ResolvedFleet } from '../model/types.js';
import { compareText } from '../core/order.js';

export function stagingPeers(env: ResolvedEnvironment, fleet: ResolvedFleet): ResolvedEnvironment[] {
  return fleet.environments.filter((e) => e.name !== env.name && e.config.profile === 'staging').sort((a, b) => compareText(a.name, b.name));
}
