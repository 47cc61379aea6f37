/** How summaries and danger messages write a field's value. */

import { formatDuration, retentionDurationStyle } from '../core/units.js';

/** Milliseconds as people write retention: `7d`, `36h`, `90m` (days rather than weeks). */
export function formatRetention(ms: number): string {
  return formatDuration(ms, retentionDurationStyle);
}

export function num(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}
