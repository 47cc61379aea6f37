/**
 * Argument parsing on top of node:util parseArgs, so every command gets the same error for a bad flag
 * (a usage error, exit 2) and `--help`.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage-error.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export const globalOptions = {
  root: { type: 'string' },
  debug: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpec;

export function parseCommandArgs<O extends OptionSpec>(argv: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...argv], options: { ...globalOptions, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(message.replace(/^TypeError \[[A-Z_]+\]: /, ''));
  }
}
