import { spawn } from 'node:child_process';
import { runStep } from './run-step';
import { startRecordingProxy, type RecordingProxy } from './testing/recording-proxy';
import { toolEnv } from './tool-env';

jest.setTimeout(60_000);

/** A user's shell on a closed network: nothing turns the checkpoint calls off; HTTPS goes to the recorder. */
function shellEnv(proxy: RecordingProxy): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HTTPS_PROXY: proxy.url, https_proxy: proxy.url };
  delete env['CHECKPOINT_DISABLE'];
  delete env['DISABLE_VERSION_CHECK'];
  return env;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 200));
const CHECKPOINT = 'CONNECT checkpoint-api.hashicorp.com:443 HTTP/1.1';

describe('cdktf as npm run env starts it', () => {
  let proxy: RecordingProxy;
  beforeEach(async () => (proxy = await startRecordingProxy()));
  afterEach(() => proxy.close());

  it('turns the version check and telemetry off', () => {
    expect(toolEnv({ PATH: '/bin' })).toEqual({ PATH: '/bin', CHECKPOINT_DISABLE: '1', DISABLE_VERSION_CHECK: 'true' });
  });

  it('calls no checkpoint-api.hashicorp.com: the real cdktf, run through runStep', async () => {
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(runStep(['npx', 'cdktf', '--version'], { env: shellEnv(proxy) })).toBe(0);
    } finally {
      write.mockRestore();
    }
    await settle();
    expect(proxy.requests).toEqual([]);
  });

  it('would see cdktf call checkpoint-api.hashicorp.com when started without those variables', async () => {
    await new Promise((resolve) => spawn('npx', ['cdktf', '--version'], { env: shellEnv(proxy), stdio: 'ignore' }).on('exit', resolve));
    await settle();
    expect(proxy.requests).toContain(CHECKPOINT);
  });
});
