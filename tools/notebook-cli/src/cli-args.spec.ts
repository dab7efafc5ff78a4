import { HELP, parseCliArgs } from './cli-args';
import { CliError } from './exit-codes';

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

  it('reads list and open with their defaults: no browser, endpoint name, 10 s, API session default', () => {
    expect(parseCliArgs(['list', ...target])).toEqual({ command: 'list', env: 'dev', region: 'us-west-2', publicDns: false, timeoutSeconds: 10 });
    expect(parseCliArgs(['open', ...target, '--name', 'research-dev'])).toEqual({
      command: 'open',
      env: 'dev',
      region: 'us-west-2',
      name: 'research-dev',
      publicDns: false,
      browser: false,
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
        '--public-dns',
        '--browser',
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
      publicDns: true,
      browser: true,
      sessionSeconds: 1800,
      timeoutSeconds: 2.5,
    });
    expect(parseCliArgs(['open', ...target, '--name', 'n', '--session-seconds', '43200'])).toMatchObject({ sessionSeconds: 43200 });
  });

  it.each([
    [[], 'missing command: list or open'],
    [['start', ...target], 'unknown command "start": use list or open'],
    [['list', '--env', 'dev'], 'missing --region <region>'],
    [['list', '--region', 'us-west-2'], 'missing --env <env>'],
    [['open', ...target], 'missing --name <notebook>'],
    [['list', ...target, '--browser'], '--browser is an option of open, not list'],
    [['list', ...target, '--name', 'x'], '--name is an option of open, not list'],
    [['list', ...target, 'extra'], 'unexpected argument "extra"'],
    [['list', ...target, '--endpoint', 'x'], "Unknown option '--endpoint'"],
    [['list', ...target, '--timeout', '0'], '--timeout must be a number of seconds above 0, at most 600 (got "0")'],
    [['list', ...target, '--timeout', 'soon'], '--timeout must be a number of seconds above 0, at most 600 (got "soon")'],
  ])('refuses %j: %s', (argv, message) => {
    const text = usageError(argv as string[]);
    expect(text).toContain(message);
    expect(text).toContain('Run `npm run notebook -- --help` for usage.');
  });

  it('documents every exit code in --help', () => {
    expect(parseCliArgs(['--help'])).toEqual({ command: 'help' });
    expect(parseCliArgs(['list', '-h'])).toEqual({ command: 'help' });
    expect(HELP).toContain(
      [
        'Exit codes:',
        '  0  success',
        '  1  any other failure (no credentials, a SageMaker error, a broken config)',
        '  2  usage error, or an unknown environment, region or notebook',
        '  3  stack outputs unavailable: not synthesized, not deployed, or the state cannot be read',
        '  4  cannot reach the SageMaker API endpoint: no DNS answer, no connection, timeout, untrusted certificate',
        '  5  access denied: the call did not come through the allowed endpoints',
      ].join('\n'),
    );
  });
});
