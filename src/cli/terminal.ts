/**
 * Colour and output decisions for the CLI, made once from the environment (NO_COLOR, FORCE_COLOR, TTY).
 * The library never prints; only the CLI writes to stdout/stderr.
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

/** https://no-color.org: any non-empty NO_COLOR disables colour; FORCE_COLOR=0 too. */
export function colorEnabled(env: NodeJS.ProcessEnv, isTTY: boolean, flag: boolean | undefined): boolean {
  if (flag === false) return false;
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['FORCE_COLOR'] === '0') return false;
  if (env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '') return true;
  return isTTY;
}
