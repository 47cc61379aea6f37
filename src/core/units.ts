/**
 * Friendly units and their parsers. Pure functions, shared by the zod schemas (to check and normalise),
 * the rules (to compare) and the DSL helpers (to build values in user files).
 */

const durationUnits: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const durationPattern = /^(?:\d+(?:ms|s|m|h|d|w))+$/;

/** `'7d'`, `'12h'`, `'1h30m'`, `'500ms'` → milliseconds; a non-negative integer is taken as milliseconds. */
export function parseDuration(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  const text = value.trim();
  if (!durationPattern.test(text)) return undefined;
  let total = 0;
  for (const match of text.matchAll(/(\d+)(ms|s|m|h|d|w)/g)) {
    total += Number(match[1]) * (durationUnits[match[2] ?? ''] ?? Number.NaN);
  }
  return Number.isSafeInteger(total) ? total : undefined;
}

/** How a duration is written: the largest unit used, and what zero reads as. */
export interface DurationStyle {
  readonly largestUnit: 'w' | 'd';
  readonly zero: string;
}

/** Config values and findings: `604800000` → `'1w'`, zero → `'0s'`. */
export const configDurationStyle: DurationStyle = { largestUnit: 'w', zero: '0s' };

/** Retention as operators read it in diff summaries and imported configs: days rather than weeks (`'7d'`), zero → `'0'`. */
export const retentionDurationStyle: DurationStyle = { largestUnit: 'd', zero: '0' };

const formatUnits = ['w', 'd', 'h', 'm', 's'] as const;

/** Milliseconds → the shortest exact friendly form in the largest unit that divides (`604800000` → `'1w'`, or `'7d'`). */
export function formatDuration(ms: number, style: DurationStyle = configDurationStyle): string {
  if (ms === 0) return style.zero;
  for (const unit of formatUnits.slice(formatUnits.indexOf(style.largestUnit))) {
    const size = durationUnits[unit] ?? 1;
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

/** Prometheus/Go style duration strings (`15s`, `1m30s`, `5m`) as accepted by monitoring CRDs. */
export function isPrometheusDuration(value: string): boolean {
  return /^(?:\d+(?:ms|s|m|h|d|w|y))+$/.test(value);
}

const binarySuffix: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const decimalSuffix: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

const quantityPattern = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|K|M|G|T|P|E)|[eE]([+-]?\d+))?$/;

/**
 * A Kubernetes resource quantity (`500m`, `2`, `1.5Gi`, `1e3`) → its value as a number, or undefined when
 * the API server would reject it. `K` is accepted for byte sizes (`1K`), as users write it; Kubernetes reads `k`.
 */
export function parseQuantity(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  const match = quantityPattern.exec(value.trim());
  if (!match) return undefined;
  const base = Number(match[1]);
  const suffix = match[2] ?? '';
  const factor = match[3] !== undefined ? 10 ** Number(match[3]) : (binarySuffix[suffix] ?? decimalSuffix[suffix]);
  if (factor === undefined) return undefined;
  // `1e400` overflows to Infinity: no volume or CPU count has that size, so it is no quantity.
  const result = base * factor;
  return Number.isFinite(result) ? result : undefined;
}

/** A canonical Kubernetes quantity string: what the API server writes back, used when comparing. */
export function isQuantity(value: string | number): boolean {
  return parseQuantity(value) !== undefined;
}

/** Sizes in bytes: `'1Gi'`, `'512Mi'`, `'10G'` or a byte count. Fractions of a byte are refused. */
export function parseSize(value: string | number): number | undefined {
  const bytes = parseQuantity(value);
  if (bytes === undefined || bytes < 0 || !Number.isSafeInteger(Math.round(bytes))) return undefined;
  return Math.abs(bytes - Math.round(bytes)) < 1e-6 ? Math.round(bytes) : undefined;
}

const cronMacros = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];

interface CronField {
  readonly label: string;
  readonly ordinal: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const cronFields: readonly CronField[] = [
  { label: 'minute', ordinal: '1st', min: 0, max: 59 },
  { label: 'hour', ordinal: '2nd', min: 0, max: 23 },
  { label: 'day of the month', ordinal: '3rd', min: 1, max: 31 },
  { label: 'month', ordinal: '4th', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { label: 'day of the week', ordinal: '5th', min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
];

const cronFieldNames = 'minute hour day-of-month month day-of-week';

/** Standard five-field cron (as Kubernetes CronJob and Velero read it) or one of the @macros. */
export function isCron(expression: string): boolean {
  return describeCronProblem(expression) === undefined;
}

/**
 * What is wrong with a cron expression, in words that name the field, its range and the value
 * (`the hour (2nd field) must be 0-23, got 25`); undefined when it is valid.
 */
export function describeCronProblem(expression: string): string | undefined {
  const text = expression.trim();
  if (text === '') return 'it is empty';
  if (text.startsWith('@')) return cronMacros.includes(text) ? undefined : `the macro ${text} is unknown (known: ${cronMacros.join(', ')})`;
  const parts = text.split(/\s+/);
  if (parts.length !== 5) {
    const seconds = parts.length === 6 ? '; there is no seconds field' : '';
    return `it has ${parts.length} field${parts.length === 1 ? '' : 's'}, expected 5 (${cronFieldNames}${seconds})`;
  }
  for (const [index, part] of parts.entries()) {
    const field = cronFields[index];
    if (field === undefined) continue;
    for (const item of part.split(',')) {
      const problem = cronItemProblem(item, field);
      if (problem !== undefined) return `the ${field.label} (${field.ordinal} field) ${problem}`;
    }
  }
  return undefined;
}

function cronItemProblem(item: string, field: CronField): string | undefined {
  const [range, step, ...rest] = item.split('/');
  if (rest.length > 0 || range === undefined) return `has ${JSON.stringify(item)}, which has more than one step (/)`;
  if (step !== undefined && !(/^\d+$/.test(step) && Number(step) >= 1 && Number(step) <= field.max)) {
    return `has the step /${step}: a step must be 1-${field.max}`;
  }
  if (range === '*' || (range === '?' && field.names !== undefined && field.max === 7)) return undefined;
  const bounds = range.split('-');
  if (bounds.length > 2) return `has ${JSON.stringify(range)}, which is not a value or a range low-high`;
  for (const bound of bounds) {
    if (cronValue(bound, field) === undefined) return `must be ${describeCronRange(field)}, got ${bound === '' ? 'nothing' : bound}`;
  }
  const [low, high] = bounds.map((b) => cronValue(b, field) ?? 0);
  return high !== undefined && low !== undefined && low > high ? `has the range ${range}, which runs backwards` : undefined;
}

function describeCronRange(field: CronField): string {
  const names = field.names === undefined ? '' : ` or ${field.names[0]}-${field.names[field.names.length - 1]}`;
  return `${field.min}-${field.max}${names}`;
}

function cronValue(text: string, field: CronField): number | undefined {
  const byName = field.names?.indexOf(text.toUpperCase()) ?? -1;
  if (byName >= 0) return byName + (field.max === 12 ? 1 : 0);
  if (!/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return n >= field.min && n <= field.max ? n : undefined;
}

/** DNS-1123 label: what Kubernetes requires of most object names and of namespaces. */
export function isDnsLabel(name: string): boolean {
  return name.length <= 63 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name);
}

/** DNS-1123 subdomain: allowed for ConfigMap/Secret/CR names (dots allowed, 253 characters). */
export function isDnsSubdomain(name: string): boolean {
  return name.length <= 253 && name.split('.').every((label) => /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(label));
}
