import type { CommandLineSpec, ParsedCommandLine } from './command-line-spec';
import { parseCommandLine } from './parse-command-line';
import { UsageError } from './usage-error';

/** Where a tool writes; tests pass their own. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export const PROCESS_IO: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/**
 * Parses `argv` for a tool's main: the parsed command line, or the exit code to return at once
 * after `--help` (0, help on stdout) or a usage error (2, the problem and the usage on stderr).
 */
export function readCommandLine<S extends CommandLineSpec>(spec: S, argv: readonly string[], io: CliIo = PROCESS_IO): ParsedCommandLine<S> | number {
  try {
    const parsed = parseCommandLine(spec, argv);
    if (!parsed.help) return parsed;
    io.out(parsed.text);
    return 0;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`${error.message}\n`);
    return error.exitCode;
  }
}
