/**
 * Argument parsing on top of node:util parseArgs, so every command gets the same error for a bad flag
 * (a usage error, exit 1) and `--help`.
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

type OptionValue<T> = T extends { type: 'string'; multiple: true }
  ? string[]
  : T extends { type: 'string' }
    ? string
    : T extends { type: 'boolean'; multiple: true }
      ? boolean[]
      : boolean;

/**
 * The parsed flags, typed from the option table. Spelled out (rather than inferred from parseArgs)
 * because the inferred type names an interface @types/node does not export, which breaks the
 * declaration build of dist/.
 */
export type ParsedValues<O extends OptionSpec> = {
  [K in keyof (O & typeof globalOptions)]?: OptionValue<(O & typeof globalOptions)[K]>;
};

export interface ParsedArgs<O extends OptionSpec> {
  readonly values: ParsedValues<O>;
  readonly positionals: string[];
}

export function parseCommandArgs<O extends OptionSpec>(argv: readonly string[], options: O): ParsedArgs<O> {
  try {
    const parsed = parseArgs({ args: [...argv], options: { ...globalOptions, ...options }, allowPositionals: true, strict: true });
    // parseArgs (strict) has checked every flag against this same table: the values have these types.
    return { values: parsed.values as ParsedValues<O>, positionals: parsed.positionals };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(message.replace(/^TypeError \[[A-Z_]+\]: /, ''));
  }
}
