/** How summaries and danger messages write a field's value. */

const durationUnits: readonly (readonly [string, number])[] = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1000],
];

/** Milliseconds as people write retention: `7d`, `36h`, `90m` (days rather than weeks). */
export function formatRetention(ms: number): string {
  if (ms === 0) return '0';
  for (const [unit, size] of durationUnits) if (ms % size === 0) return `${ms / size}${unit}`;
  return `${ms}ms`;
}

export function num(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}
