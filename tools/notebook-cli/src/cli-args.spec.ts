import { COMMAND_LINE, parseCliArgs } from './cli-args';
import { CliError, EXIT_CODES } from './exit-codes';

function usageError(argv: string[]): string {
  try {
    parseCliArgs(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(2);
    return (error as CliError).message;
  }
  throw new Error(`${argv.join(' ')} was accepted`);
}

describe('parseCliArgs', () => {
  const target = ['--env', 'dev', '--region', 'us-west-2'];

  it('reads list and open with their defaults: no browser, no start, endpoint name, 10 s, 900 s wait, API session default', () => {
    expect(parseCliArgs(['list', ...target])).toEqual({ command: 'list', env: 'dev', region: 'us-west-2', publicDns: false, timeoutSeconds: 10 });
    expect(parseCliArgs(['open', ...target, '--name', 'research-dev'])).toEqual({
      command: 'open',
      env: 'dev',
      region: 'us-west-2',
      name: 'research-dev',
      publicDns: false,
      browser: false,
      start: false,
      waitSeconds: 900,
      timeoutSeconds: 10,
    });
  });

  it('reads every option of open', () => {
    expect(
      parseCliArgs([
        'open',
        ...target,
        '--name',
        'research-dev',
        '--profile',
        'ml',
        '--endpoint-url',
        'https://proxy.corp.example:8443',
        '--browser',
        '--start',
        '--wait-seconds',
        '0',
        '--session-seconds',
        '1800',
        '--timeout',
        '2.5',
      ]),
    ).toEqual({
      command: 'open',
      env: 'dev',
      region: 'us-west-2',
      name: 'research-dev',
      profile: 'ml',
      endpointUrl: 'https://proxy.corp.example:8443',
      publicDns: false,
      browser: true,
      start: true,
      waitSeconds: 0,
      sessionSeconds: 1800,
      timeoutSeconds: 2.5,
    });
    expect(parseCliArgs(['open', ...target, '--name', 'n', '--session-seconds', '43200'])).toMatchObject({ sessionSeconds: 43200 });
  });

  it('reads doctor with and without a notebook, start and stop', () => {
    expect(parseCliArgs(['doctor', ...target])).toEqual({ command: 'doctor', env: 'dev', region: 'us-west-2', publicDns: false, timeoutSeconds: 10, json: false });
    expect(parseCliArgs(['doctor', ...target, '--name', 'research-dev', '--json', '--public-dns'])).toMatchObject({
      command: 'doctor',
      name: 'research-dev',
      json: true,
      publicDns: true,
    });
    expect(parseCliArgs(['start', ...target, '--name', 'nb', '--wait-seconds', '3600'])).toMatchObject({ command: 'start', name: 'nb', waitSeconds: 3600 });
    expect(parseCliArgs(['stop', ...target, '--name', 'nb'])).toMatchObject({ command: 'stop', name: 'nb', waitSeconds: 900 });
  });

  it.each([
    [[], 'missing command: doctor, list, open, start or stop'],
    [['strat', ...target], 'unknown command "strat"; did you mean start? commands: doctor, list, open, start, stop'],
    [['list', '--env', 'dev'], 'missing --region <region> (list needs it)'],
    [['list', '--region', 'us-west-2'], 'missing --env <env> (list needs it)'],
    [['open', ...target], 'missing --name <notebook> (open needs it)'],
    [['stop', ...target], 'missing --name <notebook> (stop needs it)'],
    [['list', ...target, '--browser'], '--browser is an option of open, not list'],
    [['list', ...target, '--name', 'x'], '--name is an option of doctor, open, start or stop, not list'],
    [['doctor', ...target, '--start'], '--start is an option of open, not doctor'],
    [['open', ...target, '--name', 'x', '--json'], '--json is an option of doctor, not open'],
    [['list', ...target, 'extra'], 'unexpected argument "extra" after list: it takes no arguments, only options'],
    [['list', '--env', 'dev', '--regoin', 'us-west-2'], 'unknown option --regoin; did you mean --region?'],
    [['list', ...target, '--endpoint', 'x'], 'unknown option --endpoint; did you mean --endpoint-url?'],
    [['list', ...target, '--region', 'eu-west-1'], '--region is given twice (--region us-west-2, then --region eu-west-1); give it once'],
    [['list', ...target, '--timeout', '0'], '--timeout must be a number of seconds above 0, at most 600 (got "0")'],
    [['list', ...target, '--timeout', 'soon'], '--timeout must be a number of seconds above 0, at most 600 (got "soon")'],
    [['start', ...target, '--name', 'n', '--wait-seconds', '3601'], '--wait-seconds must be a whole number of seconds from 0 to 3600 (got "3601")'],
    [['start', ...target, '--name', 'n', '--wait-seconds', '1.5'], '--wait-seconds must be a whole number of seconds from 0 to 3600 (got "1.5")'],
    [
      ['list', ...target, '--endpoint-url', 'vpce-0abc.example'],
      '--endpoint-url must be a URL such as https://vpce-0abc-1234.api.sagemaker.us-west-2.vpce.amazonaws.com (got "vpce-0abc.example")',
    ],
    [['list', ...target, '--endpoint-url', 'https://a.example', '--public-dns'], '--endpoint-url and --public-dns name two different hosts to call: give one'],
  ])('refuses %j: %s', (argv, message) => {
    const text = usageError(argv as string[]);
    expect(text.split('\n')[0]).toBe(message);
    expect(text).toContain('\nusage: npm run notebook -- doctor --env <env> --region <region>');
    expect(text.endsWith('Run `npm run notebook -- --help` for usage.')).toBe(true);
  });

  it('documents every command and exit code in --help', () => {
    const help = parseCliArgs(['--help']);
    expect(parseCliArgs(['list', '-h'])).toEqual(help);
    expect(help.command === 'help' && help.text).toContain(
      [
        'Commands:',
        '  doctor  check every step of the way in, in order, and say what to fix',
        '  list    list the notebook instances and their status',
        '  open    print a presigned URL (starts a stopped notebook when asked)',
        '  start   start a notebook and wait until it is InService',
        '  stop    stop a notebook and wait until it is Stopped',
      ].join('\n'),
    );
    expect(help.command === 'help' && help.text).toContain(
      ['Exit codes:', ...Object.values(EXIT_CODES).map(({ code, meaning }) => `  ${code}  ${meaning}`)].join('\n'),
    );
    expect(Object.values(EXIT_CODES).map(({ code }) => code)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(COMMAND_LINE.epilog).toContain('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true ignores all but --endpoint-url.');
  });
});
