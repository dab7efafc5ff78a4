/** The exit code of every tool of this project when its command line is wrong. */
export const USAGE_EXIT_CODE = 2;

/** A command line the tool refuses, before it does anything: the message says what is wrong and what is allowed. */
export class UsageError extends Error {
  readonly exitCode = USAGE_EXIT_CODE;

  constructor(
    /** The problem alone, e.g. `unknown option --regoin; did you mean --region?`. */
    readonly problem: string,
    /** The tool's usage lines and where to read more, printed after the problem. */
    readonly hint: string,
  ) {
    super(`${problem}\n${hint}`);
    this.name = 'UsageError';
  }
}
