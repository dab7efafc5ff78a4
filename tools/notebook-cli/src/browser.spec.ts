import { browserCommand } from './browser';

describe('browserCommand', () => {
  const url = 'https://research-dev.notebook.us-west-2.sagemaker.aws?authToken=abc&view=lab';

  it('uses open on macOS, xdg-open on Linux and other Unixes', () => {
    expect(browserCommand('darwin', url)).toEqual({ command: 'open', args: [url] });
    expect(browserCommand('linux', url)).toEqual({ command: 'xdg-open', args: [url] });
    expect(browserCommand('freebsd', url)).toEqual({ command: 'xdg-open', args: [url] });
  });

  it("uses start on Windows, escaping what cmd.exe would read as its own syntax", () => {
    expect(browserCommand('win32', url)).toEqual({
      command: 'cmd',
      args: ['/d', '/s', '/c', 'start', '""', 'https://research-dev.notebook.us-west-2.sagemaker.aws?authToken=abc^&view=lab'],
      windowsVerbatimArguments: true,
    });
  });
});
