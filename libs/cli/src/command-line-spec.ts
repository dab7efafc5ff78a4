interface OptionBase {
  /** One line for `--help`. */
  readonly description: string;
  /**
   * Other spellings of the same option, e.g. `environment` for `env` (Nx's run-commands owns `--env`).
   * @default - none
   */
  readonly aliases?: readonly string[];
  /**
   * The subcommands that take this option.
   * @default - every subcommand
   */
  readonly commands?: readonly string[];
}

/** A switch: `--dry-run`; present or not, never given a value. */
export interface BooleanOptionSpec extends OptionBase {
  readonly type: 'boolean';
}

/** An option with a value: `--region us-west-2` or `--region=us-west-2`. */
export interface StringOptionSpec extends OptionBase {
  readonly type: 'string';
  /** The value's placeholder in `--help` and messages, e.g. `<region>`. */
  readonly value: string;
}

export type OptionSpec = BooleanOptionSpec | StringOptionSpec;

/** A subcommand: the first positional argument, e.g. `deploy` in `npm run env -- deploy`. */
export interface SubcommandSpec {
  /** One line for `--help`. */
  readonly description: string;
  /**
   * Options this subcommand cannot run without.
   * @default - none
   */
  readonly required?: readonly string[];
}

/** A positional argument after the subcommand, if any. */
export interface PositionalSpec {
  /** Its placeholder, e.g. `<synth-dir>`. */
  readonly name: string;
  readonly description: string;
  /** @default false */
  readonly required?: boolean;
}

/**
 * Everything a tool accepts on its command line, from which both the parser and `--help` work.
 * `-h` / `--help` is always accepted and needs no entry.
 */
export interface CommandLineSpec {
  /** How people run the tool, e.g. `npm run notebook`; messages tell them to run `<invocation> -- --help`. */
  readonly invocation: string;
  /**
   * Usage lines shown by `--help` and after a usage error.
   * @default - one line built from the subcommands, options and positionals
   */
  readonly usage?: readonly string[];
  /** What the tool does, for `--help`. */
  readonly summary: string;
  readonly options: { readonly [name: string]: OptionSpec };
  /**
   * Subcommands; when given, the first positional argument must be one of them.
   * @default - none
   */
  readonly commands?: { readonly [name: string]: SubcommandSpec };
  /**
   * Positional arguments (after the subcommand).
   * @default - none: any positional argument is an error
   */
  readonly positionals?: readonly PositionalSpec[];
  /**
   * Options a tool without subcommands cannot run without.
   * @default - none
   */
  readonly required?: readonly string[];
  /**
   * Text after the options in `--help`: environment variables, exit codes.
   * @default - none
   */
  readonly epilog?: string;
}

type OptionValue<O> = O extends { readonly type: 'boolean' } ? boolean : string | undefined;

/** Parsed option values, by option name: booleans are false when absent, strings undefined. */
export type OptionValues<S extends CommandLineSpec> = { -readonly [K in keyof S['options']]: OptionValue<S['options'][K]> };

/** The subcommand given: one of the spec's, or undefined for a tool without subcommands. */
export type CommandOf<S extends CommandLineSpec> = S['commands'] extends { readonly [name: string]: SubcommandSpec }
  ? Extract<keyof S['commands'], string>
  : undefined;

/** A command line that passed every check. */
export interface ParsedCommandLine<S extends CommandLineSpec> {
  readonly help: false;
  readonly command: CommandOf<S>;
  readonly options: OptionValues<S>;
  /** Positional arguments after the subcommand. */
  readonly positionals: readonly string[];
}

/** `--help` was asked for: print `text` and exit 0. */
export interface HelpRequest {
  readonly help: true;
  readonly text: string;
}

export type CommandLine<S extends CommandLineSpec> = ParsedCommandLine<S> | HelpRequest;
