import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sagemakerEndpoint, serviceVariable, stsEndpoint } from './endpoints';
import { CliError } from './exit-codes';

// The configured endpoints are read by the SDK's own loader, from process.env and the shared
// config file: each case sets both, and restores them.
describe('which endpoint a call goes to', () => {
  const saved = { ...process.env };
  let dir: string;
  let files = 0;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'notebook-endpoints-'));
    for (const key of Object.keys(process.env)) if (key.startsWith('AWS_')) delete process.env[key];
    process.env['AWS_CONFIG_FILE'] = join(dir, 'no-config');
    process.env['AWS_SHARED_CREDENTIALS_FILE'] = join(dir, 'no-credentials');
    process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
  });
  afterEach(() => {
    process.env = { ...saved };
    rmSync(dir, { recursive: true, force: true });
  });

  /** A shared config file; a new path each time, since the SDK caches what it read per path. */
  function configFile(text: string): void {
    const file = join(dir, `config-${files++}`);
    writeFileSync(file, text);
    process.env['AWS_CONFIG_FILE'] = file;
  }

  const API = 'vpce-0api-abcdefgh.api.sagemaker.us-west-2.vpce.amazonaws.com';
  const sagemaker = (options: { endpointUrl?: string; publicDns?: boolean } = {}) =>
    sagemakerEndpoint({
      region: 'us-west-2',
      publicDns: options.publicDns ?? false,
      ...(options.endpointUrl ? { endpointUrl: options.endpointUrl } : {}),
      apiEndpointDnsName: () => API,
      apiEndpointSource: 'api_endpoint_dns_name output of network-dev-us-west-2',
    });

  it("names the service's variable as the SDK does", () => {
    expect(serviceVariable('SageMaker')).toBe('AWS_ENDPOINT_URL_SAGEMAKER');
    expect(serviceVariable('STS')).toBe('AWS_ENDPOINT_URL_STS');
    expect(serviceVariable('SageMaker Runtime')).toBe('AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME');
  });

  it("calls the API endpoint's own name when nothing else is configured", async () => {
    expect(await sagemaker()).toEqual({
      url: `https://${API}`,
      host: API,
      hostname: API,
      port: 443,
      source: 'api_endpoint_dns_name output of network-dev-us-west-2',
      configured: false,
    });
  });

  it('takes the profile endpoint_url, then the services section over it', async () => {
    configFile('[default]\nendpoint_url = https://all.corp.example\n');
    expect(await sagemaker()).toMatchObject({ host: 'all.corp.example', source: 'endpoint_url in the shared AWS config file', configured: true });
    configFile('[default]\nendpoint_url = https://all.corp.example\nservices = corp\n\n[services corp]\nsagemaker =\n  endpoint_url = https://sm.corp.example:8443\n');
    expect(await sagemaker()).toMatchObject({ host: 'sm.corp.example:8443', port: 8443, source: 'endpoint_url in the shared AWS config file' });
  });

  it('takes AWS_ENDPOINT_URL over the config file, AWS_ENDPOINT_URL_SAGEMAKER over both, --endpoint-url over all', async () => {
    configFile('[default]\nendpoint_url = https://all.corp.example\n');
    process.env['AWS_ENDPOINT_URL'] = 'https://global.corp.example';
    expect(await sagemaker()).toMatchObject({ host: 'global.corp.example', source: 'AWS_ENDPOINT_URL' });
    process.env['AWS_ENDPOINT_URL_SAGEMAKER'] = 'https://proxy.corp.example:3128';
    expect(await sagemaker()).toMatchObject({ url: 'https://proxy.corp.example:3128', host: 'proxy.corp.example:3128', source: 'AWS_ENDPOINT_URL_SAGEMAKER' });
    expect(await sagemaker({ endpointUrl: 'https://cli.corp.example' })).toMatchObject({ host: 'cli.corp.example', source: '--endpoint-url', configured: true });
    expect(await sagemaker({ publicDns: true })).toMatchObject({
      url: 'https://api.sagemaker.us-west-2.amazonaws.com',
      host: 'api.sagemaker.us-west-2.amazonaws.com',
      source: '--public-dns',
    });
  });

  it('ignores the variables and the config file, not the command line, under AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', async () => {
    process.env['AWS_ENDPOINT_URL_SAGEMAKER'] = 'https://proxy.corp.example';
    process.env['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'] = 'true';
    expect(await sagemaker()).toMatchObject({ host: API, configured: false });
    expect(await sagemaker({ endpointUrl: 'https://cli.corp.example' })).toMatchObject({ host: 'cli.corp.example' });
    delete process.env['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'];
    configFile('[default]\nignore_configured_endpoint_urls = true\n');
    expect(await sagemaker()).toMatchObject({ host: API });
  });

  it('keeps the SageMaker variable away from STS, and gives STS its own', async () => {
    process.env['AWS_ENDPOINT_URL_SAGEMAKER'] = 'https://proxy.corp.example';
    expect(await stsEndpoint('eu-west-1')).toEqual({
      url: 'https://sts.eu-west-1.amazonaws.com',
      host: 'sts.eu-west-1.amazonaws.com',
      hostname: 'sts.eu-west-1.amazonaws.com',
      port: 443,
      source: "the regional STS name (the STS endpoint's private DNS)",
      configured: false,
    });
    process.env['AWS_ENDPOINT_URL'] = 'https://global.corp.example';
    expect(await stsEndpoint('eu-west-1')).toMatchObject({ host: 'global.corp.example', source: 'AWS_ENDPOINT_URL' });
    process.env['AWS_ENDPOINT_URL_STS'] = 'https://sts-proxy.corp.example:8443';
    expect(await stsEndpoint('eu-west-1')).toMatchObject({ host: 'sts-proxy.corp.example:8443', source: 'AWS_ENDPOINT_URL_STS' });
  });

  it('refuses a configured value that is not a URL, naming where it came from', async () => {
    process.env['AWS_ENDPOINT_URL_SAGEMAKER'] = 'proxy.corp.example';
    await expect(sagemaker()).rejects.toThrow(CliError);
    await expect(sagemaker()).rejects.toThrow(
      /^AWS_ENDPOINT_URL_SAGEMAKER must be a URL such as https:\/\/vpce-0abc-1234\.api\.sagemaker\.us-west-2\.vpce\.amazonaws\.com \(got "proxy\.corp\.example"\)\n/,
    );
  });
});
