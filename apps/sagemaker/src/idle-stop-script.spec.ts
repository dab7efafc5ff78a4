import { spawnSync } from 'node:child_process';
import { idleStopScript } from './idle-stop-script';

const script = idleStopScript(60, 'us-west-2');

/** The Python program the script writes, between `<<'PY'` and `PY`. */
function embeddedPython(text: string): string {
  const match = /<<'PY'\n([\s\S]*?)\nPY\n/.exec(text);
  if (!match) throw new Error('no quoted PY heredoc in the script');
  return match[1];
}

const python3Available = spawnSync('python3', ['--version']).status === 0;

describe('idleStopScript', () => {
  test('installs a cron entry that runs the check every 5 minutes with the idle minutes', () => {
    expect(script).toContain(
      'echo "*/5 * * * * root /usr/bin/python3 /usr/local/bin/idle-stop.py 60 >> /var/log/idle-stop.log 2>&1" >> /etc/cron.d/idle-stop',
    );
    expect(idleStopScript(1440, 'us-west-2')).toContain('/usr/local/bin/idle-stop.py 1440 >>');
  });

  test("gives cron a PATH that holds the notebook image's AWS CLI, written before the entry", () => {
    const pathLine = script.indexOf("printf 'PATH=/usr/local/bin:/usr/bin:/bin:/home/ec2-user/anaconda3/bin\\n' > /etc/cron.d/idle-stop");
    expect(pathLine).toBeGreaterThan(0);
    expect(script.indexOf('>> /etc/cron.d/idle-stop')).toBeGreaterThan(pathLine);
  });

  test('stops the notebook through the SageMaker API of its own region', () => {
    expect(script).toContain('"aws", "sagemaker", "stop-notebook-instance", "--region", "us-west-2"');
    expect(idleStopScript(60, 'eu-west-1')).toContain('"--region", "eu-west-1"');
    expect(idleStopScript(60, 'eu-west-1')).not.toContain('us-west-2');
  });

  test('downloads nothing: no package install, no fetch from the internet, only the local Jupyter server', () => {
    expect(script).not.toMatch(/\b(pip3?|conda|yum|dnf|apt(-get)?|npm)\b[^\n]*\binstall\b/);
    expect(script).not.toMatch(/\b(curl|wget|git\s+clone|aws\s+s3\s+cp)\b/);
    expect(script.match(/https?:\/\/[^\s"')]+/g)).toEqual(['https://127.0.0.1:8443/api/sessions']);
    expect(embeddedPython(script)).toMatch(/^import json, ssl, subprocess, sys, time, urllib\.request$/m);
  });

  test('quotes its heredoc, so the shell expands nothing in the Python program', () => {
    expect(script).toContain("cat > /usr/local/bin/idle-stop.py <<'PY'\n");
    expect(embeddedPython(script)).not.toContain('${');
  });

  test('is a bash script that stops at the first error and that bash parses', () => {
    expect(script.startsWith('#!/bin/bash\nset -euo pipefail\n')).toBe(true);
    const parsed = spawnSync('bash', ['-n'], { input: script, encoding: 'utf8' });
    expect([parsed.status, parsed.stderr]).toEqual([0, '']);
  });

  test('bash -n would catch a broken script (the check above can fail)', () => {
    const parsed = spawnSync('bash', ['-n'], { input: `${script}\nif then\n`, encoding: 'utf8' });
    expect(parsed.status).not.toBe(0);
  });

  (python3Available ? test : test.skip)('the embedded program is valid Python 3 and reads the idle minutes from its argument', () => {
    const program = embeddedPython(script);
    const compiled = spawnSync('python3', ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], { input: program, encoding: 'utf8' });
    expect([compiled.status, compiled.stderr]).toEqual([0, '']);
    expect(program).toContain('IDLE_SECONDS = int(sys.argv[1]) * 60');
    const broken = spawnSync('python3', ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], { input: `${program}\n  if`, encoding: 'utf8' });
    expect(broken.status).not.toBe(0);
  });
});
