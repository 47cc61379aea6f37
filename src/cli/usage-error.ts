/** A wrong command line: the CLI prints the message and the command's help, and exits 2. */
export class UsageError extends Error {
  readonly code = 'RG901';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
