import { closest } from './closest';
import type { CommandLine, CommandLineSpec, OptionSpec, ParsedCommandLine } from './command-line-spec';
import { helpText, optionSyntax, usageHint } from './help-text';
import { UsageError } from './usage-error';

const HELP = new Set(['--help', '-h']);

interface Occurrence {
  /** As typed, e.g. `--environment`. */
  readonly spelling: string;
  readonly value: string | true;
}

function quoted(value: string | true): string {
  return value === true ? '' : ` ${value}`;
}

function list(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/**
 * Reads `argv` against `spec`. `-h`/`--help` anywhere before `--` asks for help, whatever else is
 * there. Every other problem is a UsageError raised before the tool does anything: an unknown
 * option (naming the closest known one), an option given twice, an option without its value or a
 * switch with one, an option of another subcommand, a missing or unknown subcommand, a missing
 * required option or positional argument, an unexpected positional argument.
 */
export function parseCommandLine<S extends CommandLineSpec>(spec: S, argv: readonly string[]): CommandLine<S> {
  const end = argv.indexOf('--');
  const before = end === -1 ? argv : argv.slice(0, end);
  if (before.some((arg) => HELP.has(arg))) return { help: true, text: helpText(spec) };
  function fail(problem: string): never {
    throw new UsageError(problem, usageHint(spec));
  }

  const byName = new Map<string, { name: string; option: OptionSpec }>();
  for (const [name, option] of Object.entries(spec.options)) {
    for (const spelling of [name, ...(option.aliases ?? [])]) byName.set(spelling, { name, option });
  }
  const occurrences = new Map<string, Occurrence[]>();
  const positionals: string[] = [];

  for (let i = 0; i < before.length; i++) {
    const arg = before[i];
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    if (!arg.startsWith('--')) fail(`unknown option ${arg}; options are written --name`);
    const equals = arg.indexOf('=');
    const spelling = equals === -1 ? arg.slice(2) : arg.slice(2, equals);
    const found = byName.get(spelling);
    if (!found) {
      const guess = closest(spelling, [...byName.keys()]);
      fail(
        guess
          ? `unknown option --${spelling}; did you mean --${guess}?`
          : `unknown option --${spelling}; known options: ${[...byName.keys(), 'help'].map((known) => `--${known}`).join(', ')}`,
      );
    }
    const { name, option } = found;
    let value: string | true;
    if (option.type === 'boolean') {
      if (equals !== -1) fail(`--${spelling} is a switch and takes no value (got ${arg})`);
      value = true;
    } else if (equals !== -1) {
      value = arg.slice(equals + 1);
    } else {
      const next = before[i + 1];
      if (next === undefined || next.startsWith('--')) fail(`--${spelling} needs a value: ${optionSyntax(name, option)}`);
      value = next;
      i += 1;
    }
    occurrences.set(name, [...(occurrences.get(name) ?? []), { spelling: `--${spelling}`, value }]);
  }
  positionals.push(...(end === -1 ? [] : argv.slice(end + 1)));

  for (const [name, seen] of occurrences) {
    if (seen.length > 1) {
      const given = seen.map((occurrence) => `${occurrence.spelling}${quoted(occurrence.value)}`).join(', then ');
      fail(`--${name} is given ${seen.length === 2 ? 'twice' : `${seen.length} times`} (${given}); give it once`);
    }
  }

  let command: string | undefined;
  if (spec.commands) {
    const names = Object.keys(spec.commands);
    const given = positionals.shift();
    if (given === undefined) fail(`missing command: ${list(names)}`);
    if (!names.includes(given)) {
      const guess = closest(given, names);
      fail(`unknown command "${given}"; ${guess ? `did you mean ${guess}? ` : ''}commands: ${names.join(', ')}`);
    }
    for (const name of occurrences.keys()) {
      const scope = spec.options[name].commands;
      if (scope && !scope.includes(given)) fail(`--${name} is an option of ${list(scope)}, not ${given}`);
    }
    command = given;
  }

  const required = command ? (spec.commands?.[command].required ?? []) : (spec.required ?? []);
  for (const name of required) {
    if (!occurrences.has(name)) fail(`missing ${optionSyntax(name, spec.options[name])}${command ? ` (${command} needs it)` : ''}`);
  }

  const declared = spec.positionals ?? [];
  const missing = declared.slice(positionals.length).find((positional) => positional.required);
  if (missing) fail(`missing ${missing.name}`);
  if (positionals.length > declared.length) {
    const extra = positionals[declared.length];
    fail(
      declared.length === 0
        ? `unexpected argument "${extra}"${command ? ` after ${command}` : ''}: it takes no arguments, only options`
        : `unexpected argument "${extra}": only ${declared.map((positional) => positional.name).join(' ')} is taken`,
    );
  }

  const options = Object.fromEntries(
    Object.entries(spec.options).map(([name, option]) => {
      const value = occurrences.get(name)?.[0].value;
      return [name, option.type === 'boolean' ? value === true : value];
    }),
  );
  // The checks above make the values match the spec's types; the compiler cannot follow them.
  return { help: false, command, options, positionals } as unknown as ParsedCommandLine<S>;
}
