import type { CommandLineSpec, OptionSpec } from './command-line-spec';

/** `--name <value>` or `--name`, as the option is written on a command line. */
export function optionSyntax(name: string, option: OptionSpec): string {
  return option.type === 'string' ? `--${name} ${option.value}` : `--${name}`;
}

/** The usage lines: the spec's own, or one built from its subcommands, required options and positionals. */
export function usageLines(spec: CommandLineSpec): readonly string[] {
  if (spec.usage) return spec.usage;
  const commands = spec.commands ? [`<${Object.keys(spec.commands).join('|')}>`] : [];
  const required = (spec.required ?? []).map((name) => optionSyntax(name, spec.options[name]));
  const positionals = (spec.positionals ?? []).map((positional) => (positional.required ? positional.name : `[${positional.name}]`));
  const words = [...commands, ...required, '[options]', ...positionals];
  return [`${spec.invocation} -- ${words.join(' ')}`];
}

/** What a usage error prints after the problem: how the tool is used, and where every option is explained. */
export function usageHint(spec: CommandLineSpec): string {
  return [...usageLines(spec).map((line, i) => `${i === 0 ? 'usage:' : '      '} ${line}`), `Run \`${spec.invocation} -- --help\` for usage.`].join('\n');
}

function table(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`.trimEnd());
}

/** The `--help` text: usage, summary, subcommands, positionals, options, then the epilog. */
export function helpText(spec: CommandLineSpec): string {
  const sections: string[][] = [usageLines(spec).map((line, i) => `${i === 0 ? 'Usage:' : '      '} ${line}`), [spec.summary.trimEnd()]];
  if (spec.commands) {
    sections.push(['Commands:', ...table(Object.entries(spec.commands).map(([name, command]) => [name, command.description]))]);
  }
  if (spec.positionals?.length) {
    sections.push(['Arguments:', ...table(spec.positionals.map((positional) => [positional.name, positional.description]))]);
  }
  const options = Object.entries(spec.options).map(([name, option]): [string, string] => {
    const scope = option.commands ? ` (for ${option.commands.join(', ')})` : '';
    const aliases = option.aliases?.length ? ` (also ${option.aliases.map((alias) => `--${alias}`).join(', ')})` : '';
    return [optionSyntax(name, option), `${option.description}${scope}${aliases}`];
  });
  sections.push(['Options:', ...table([...options, ['-h, --help', 'show this help']])]);
  if (spec.epilog) sections.push([spec.epilog.trimEnd()]);
  return `${sections.map((lines) => lines.join('\n')).join('\n\n')}\n`;
}
