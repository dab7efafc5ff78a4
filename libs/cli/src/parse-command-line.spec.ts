import { closest, editDistance } from './closest';
import type { CommandLineSpec } from './command-line-spec';
import { parseCommandLine } from './parse-command-line';
import { readCommandLine } from './run-command-line';
import { UsageError } from './usage-error';

const TOOL = {
  invocation: 'npm run tool',
  summary: 'Does things to an environment.',
  options: {
    env: { type: 'string', value: '<env>', description: 'the environment', aliases: ['environment'] },
    region: { type: 'string', value: '<region>', description: 'one of its regions' },
    name: { type: 'string', value: '<name>', description: 'what to open', commands: ['open'] },
    browser: { type: 'boolean', description: 'open a browser too', commands: ['open'] },
    'dry-run': { type: 'boolean', description: 'print instead of doing' },
  },
  commands: {
    list: { description: 'list them', required: ['env'] },
    open: { description: 'open one', required: ['env', 'name'] },
  },
  epilog: 'Exit codes:\n  0  success\n  2  usage error',
} as const satisfies CommandLineSpec;

const SINGLE = {
  invocation: 'npm run check',
  usage: ['npm run check [-- [--concurrency <n>] <dir>]'],
  summary: 'Checks a folder.',
  options: { concurrency: { type: 'string', value: '<n>', description: 'how many at once' } },
  positionals: [{ name: '<dir>', description: 'the folder (default: cdktf.out)' }],
} as const satisfies CommandLineSpec;

const TOOL_HINT = 'usage: npm run tool -- <list|open> [options]\nRun `npm run tool -- --help` for usage.';

function refusal(spec: CommandLineSpec, argv: string[]): UsageError {
  try {
    parseCommandLine(spec, argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error(`${argv.join(' ')} was accepted`);
}

describe('parseCommandLine', () => {
  it('reads a subcommand and its options, with false and undefined for what is not given', () => {
    expect(parseCommandLine(TOOL, ['list', '--env', 'dev'])).toEqual({
      help: false,
      command: 'list',
      options: { env: 'dev', region: undefined, name: undefined, browser: false, 'dry-run': false },
      positionals: [],
    });
  });

  it('takes --name=value, aliases and switches in any order', () => {
    const parsed = parseCommandLine(TOOL, ['--browser', 'open', '--environment=prod', '--name', 'nb', '--region=eu-west-1']);
    expect(parsed).toMatchObject({ command: 'open', options: { env: 'prod', region: 'eu-west-1', name: 'nb', browser: true } });
  });

  it('keeps a value that starts with a single dash, and everything after -- as positional', () => {
    expect(parseCommandLine(SINGLE, ['--concurrency', '-1'])).toMatchObject({ options: { concurrency: '-1' }, positionals: [] });
    expect(parseCommandLine(SINGLE, ['--', '--odd-dir'])).toMatchObject({ options: { concurrency: undefined }, positionals: ['--odd-dir'] });
  });

  it('answers -h and --help anywhere, even beside mistakes, with the whole help', () => {
    const help = parseCommandLine(TOOL, ['open', '--regoin', 'x', '-h']);
    expect(help).toEqual({ help: true, text: expect.any(String) });
    expect(parseCommandLine(TOOL, ['--help'])).toEqual(help);
    expect(help.help && help.text).toBe(
      [
        'Usage: npm run tool -- <list|open> [options]',
        '',
        'Does things to an environment.',
        '',
        'Commands:',
        '  list  list them',
        '  open  open one',
        '',
        'Options:',
        '  --env <env>        the environment (also --environment)',
        '  --region <region>  one of its regions',
        '  --name <name>      what to open (for open)',
        '  --browser          open a browser too (for open)',
        '  --dry-run          print instead of doing',
        '  -h, --help         show this help',
        '',
        'Exit codes:',
        '  0  success',
        '  2  usage error',
        '',
      ].join('\n'),
    );
  });

  it('shows the usage lines the spec gives', () => {
    const help = parseCommandLine(SINGLE, ['-h']);
    expect(help.help && help.text.split('\n').slice(0, 3)).toEqual(['Usage: npm run check [-- [--concurrency <n>] <dir>]', '', 'Checks a folder.']);
    expect(refusal(SINGLE, ['a', 'b']).hint).toBe('usage: npm run check [-- [--concurrency <n>] <dir>]\nRun `npm run check -- --help` for usage.');
  });

  it.each<[string, string[], string]>([
    ['a misspelt option, naming the closest', ['list', '--env', 'dev', '--regoin', 'us-west-2'], 'unknown option --regoin; did you mean --region?'],
    ['a misspelt alias', ['list', '--enviroment', 'dev'], 'unknown option --enviroment; did you mean --environment?'],
    ['the start of an option', ['list', '--env', 'dev', '--dry'], 'unknown option --dry; did you mean --dry-run?'],
    [
      'an option nothing is close to, listing the known ones',
      ['list', '--env', 'dev', '--verbose'],
      'unknown option --verbose; known options: --env, --environment, --region, --name, --browser, --dry-run, --help',
    ],
    ['a short option', ['list', '-e', 'dev'], 'unknown option -e; options are written --name'],
    ['a string option given twice', ['list', '--env', 'dev', '--env', 'prod'], '--env is given twice (--env dev, then --env prod); give it once'],
    ['an option and its alias', ['list', '--env=dev', '--environment', 'prod'], '--env is given twice (--env dev, then --environment prod); give it once'],
    ['a switch given three times', ['list', '--env', 'dev', '--dry-run', '--dry-run', '--dry-run'], '--dry-run is given 3 times (--dry-run, then --dry-run, then --dry-run); give it once'],
    ['an option without its value at the end', ['list', '--env'], '--env needs a value: --env <env>'],
    ['an option followed by another option', ['list', '--env', '--region', 'x'], '--env needs a value: --env <env>'],
    ['a switch with a value', ['list', '--env', 'dev', '--dry-run=yes'], '--dry-run is a switch and takes no value (got --dry-run=yes)'],
    ['no subcommand', ['--env', 'dev'], 'missing command: list or open'],
    ['a misspelt subcommand', ['lst', '--env', 'dev'], 'unknown command "lst"; did you mean list? commands: list, open'],
    ['an unknown subcommand', ['deploy', '--env', 'dev'], 'unknown command "deploy"; commands: list, open'],
    ["another subcommand's option", ['list', '--env', 'dev', '--browser'], '--browser is an option of open, not list'],
    ['a missing required option', ['open', '--env', 'dev'], 'missing --name <name> (open needs it)'],
    ['an argument after the subcommand', ['list', 'extra', '--env', 'dev'], 'unexpected argument "extra" after list: it takes no arguments, only options'],
  ])('refuses %s', (_what, argv, problem) => {
    const error = refusal(TOOL, argv);
    expect(error.problem).toBe(problem);
    expect(error.hint).toBe(TOOL_HINT);
    expect(error.message).toBe(`${problem}\n${TOOL_HINT}`);
    expect(error.exitCode).toBe(2);
  });

  it('refuses a second positional where one is taken, and a missing required one', () => {
    expect(refusal(SINGLE, ['a', 'b']).problem).toBe('unexpected argument "b": only <dir> is taken');
    const strict = { ...SINGLE, positionals: [{ name: '<dir>', description: 'the folder', required: true }] } satisfies CommandLineSpec;
    expect(refusal(strict, ['--concurrency', '2']).problem).toBe('missing <dir>');
    expect(refusal({ ...SINGLE, required: ['concurrency'] }, ['a']).problem).toBe('missing --concurrency <n>');
  });
});

describe('readCommandLine', () => {
  const io = () => {
    const written = { out: '', err: '' };
    return { written, io: { out: (text: string) => (written.out += text), err: (text: string) => (written.err += text) } };
  };

  it('returns the parsed command line and writes nothing', () => {
    const { written, io: streams } = io();
    expect(readCommandLine(TOOL, ['list', '--env', 'dev'], streams)).toMatchObject({ command: 'list' });
    expect(written).toEqual({ out: '', err: '' });
  });

  it('prints help on stdout and returns 0', () => {
    const { written, io: streams } = io();
    expect(readCommandLine(TOOL, ['--help'], streams)).toBe(0);
    expect(written.out).toMatch(/^Usage: npm run tool -- <list\|open> \[options\]\n/);
    expect(written.err).toBe('');
  });

  it('prints the problem and the usage on stderr and returns 2', () => {
    const { written, io: streams } = io();
    expect(readCommandLine(TOOL, ['list', '--regoin'], streams)).toBe(2);
    expect(written).toEqual({ out: '', err: `unknown option --regoin; did you mean --region?\n${TOOL_HINT}\n` });
  });
});

describe('closest', () => {
  it('counts a swap of two neighbours as one edit', () => {
    expect(editDistance('regoin', 'region')).toBe(1);
    expect(editDistance('Region', 'region')).toBe(0);
    expect(editDistance('quik', 'quick')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('prefers the only name the word starts, then the nearest within reach', () => {
    expect(closest('endpoint', ['endpoint-url', 'env'])).toBe('endpoint-url');
    expect(closest('e', ['endpoint-url', 'env'])).toBe('env');
    expect(closest('x', ['endpoint-url', 'env'])).toBeUndefined();
    expect(closest('concurency', ['concurrency', 'no-plugin-cache'])).toBe('concurrency');
    expect(closest('verbose', ['env', 'region'])).toBeUndefined();
    expect(closest('', ['env'])).toBeUndefined();
  });
});
