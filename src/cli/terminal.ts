/**
 * Colour decisions for the CLI, made once from the environment (NO_COLOR, FORCE_COLOR, TTY).
 * The library never prints; only the CLI writes to stdout/stderr.
 */
export { createStyle, type Style } from '../report/style.js';

/** https://no-color.org: any non-empty NO_COLOR disables colour; FORCE_COLOR=0 too. */
export function colorEnabled(env: NodeJS.ProcessEnv, isTTY: boolean, flag: boolean | undefined): boolean {
  if (flag === false) return false;
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['FORCE_COLOR'] === '0') return false;
  if (env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '') return true;
  return isTTY;
}
