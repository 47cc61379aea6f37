/**
 * How reporters colour text. The choice (NO_COLOR, FORCE_COLOR, a TTY) is the CLI's; reporters only
 * receive a Style, so they stay pure and return strings.
 */
export interface Style {
  readonly red: (s: string) => string;
  readonly yellow: (s: string) => string;
  readonly green: (s: string) => string;
  readonly cyan: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly bold: (s: string) => string;
}

const plain = (s: string): string => s;

export function createStyle(enabled: boolean): Style {
  if (!enabled) return { red: plain, yellow: plain, green: plain, cyan: plain, dim: plain, bold: plain };
  const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
  return { red: wrap(31, 39), yellow: wrap(33, 39), green: wrap(32, 39), cyan: wrap(36, 39), dim: wrap(2, 22), bold: wrap(1, 22) };
}
