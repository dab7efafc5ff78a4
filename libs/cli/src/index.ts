export { closest, editDistance } from './closest';
export type {
  BooleanOptionSpec,
  CommandLine,
  CommandLineSpec,
  CommandOf,
  HelpRequest,
  OptionSpec,
  OptionValues,
  ParsedCommandLine,
  PositionalSpec,
  StringOptionSpec,
  SubcommandSpec,
} from './command-line-spec';
export { helpText, usageHint, usageLines } from './help-text';
export { parseCommandLine } from './parse-command-line';
export { PROCESS_IO, readCommandLine, type CliIo } from './run-command-line';
export { USAGE_EXIT_CODE, UsageError } from './usage-error';
