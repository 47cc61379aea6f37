import type { Style } from './terminal.js';

/** What a command may touch: passed in so commands stay testable in-process. */
export interface CliContext {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly style: Style;
  readonly isTTY: boolean;
}

export interface Command {
  readonly summary: string;
  readonly help: string;
  run(argv: readonly string[], context: CliContext): Promise<number>;
}

/**
 * Exit codes (DESIGN.md): 0 success / no differences, 1 error or error findings, 2 differences found,
 * 3 dangerous changes not acknowledged (`diff`'s gate, docs/danger-gate.md).
 */
export const exitCodes = { ok: 0, error: 1, differences: 2, unacknowledgedDangers: 3 } as const;
