/** The CLI run in this process, its output collected: what a user sees, without a child process. */
import { main } from '../../src/cli/main.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `rivven-gitops <argv>` in `cwd`, without colours and as if not on a terminal. */
export async function runCli(argv: string[], cwd: string): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { cwd, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: { NO_COLOR: '1' }, isTTY: false });
  return { code, stdout, stderr };
}
