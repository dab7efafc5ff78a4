import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { NETWORK_HANDOFF_OUTPUTS, NETWORK_OUTPUTS } from '@privatelink/handoff';
import { entriesOf, synthNetwork, testTarget } from './testing';

/**
 * Every name the stack (or the README) offers for HTTPS must pass TLS verification. The names an
 * interface endpoint's certificate carries, written out from AWS's documentation rather than from
 * the code: the service's regional name and the endpoint-specific `*.vpce.amazonaws.com` names
 * (https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html#interface-endpoint-dns-hostnames).
 * Verification is Node's own (tls.checkServerIdentity, what the AWS SDK's HTTPS agent runs).
 */
const CERTIFICATE_NAMES: Readonly<Record<string, (region: string) => string[]>> = {
  'sagemaker-api': (r) => [`api.sagemaker.${r}.amazonaws.com`, `*.api.sagemaker.${r}.vpce.amazonaws.com`],
  notebook: (r) => [`*.notebook.${r}.sagemaker.aws`, `*.notebook.${r}.vpce.amazonaws.com`],
  sts: (r) => [`sts.${r}.amazonaws.com`, `*.sts.${r}.vpce.amazonaws.com`],
};
/** What an endpoint's regional DNS name looks like once deployed (`vpce-<id>-<suffix>.<service>.vpce.amazonaws.com`). */
const DEPLOYED_NAME: Readonly<Record<string, (region: string) => string>> = {
  'sagemaker-api': (r) => `vpce-0123456789abcdef0-abcdefgh.api.sagemaker.${r}.vpce.amazonaws.com`,
  notebook: (r) => `vpce-0123456789abcdef1-abcdefgh.notebook.${r}.vpce.amazonaws.com`,
  sts: (r) => `vpce-0123456789abcdef2-abcdefgh.sts.${r}.vpce.amazonaws.com`,
};

const certificateFor = (names: readonly string[]) =>
  ({ subject: { CN: names[0] }, subjectaltname: names.map((name) => `DNS:${name}`).join(', ') }) as unknown as PeerCertificate;
const verifies = (host: string, names: readonly string[]) => checkServerIdentity(host, certificateFor(names)) === undefined;

describe('names offered for HTTPS', () => {
  const target = testTarget();
  const region = target.region.region;
  const { json } = synthNetwork(target);
  const keyOf = Object.fromEntries(entriesOf(json, VpcEndpoint).map(([id, endpoint]) => [id, String((endpoint['tags'] as Record<string, string>)['Name']).split('-').slice(3).join('-')]));
  const nameOf = (id: string) => DEPLOYED_NAME[keyOf[id]](region);
  /**
   * An output value as it reads once deployed: every endpoint DNS reference, bare or joined after a
   * literal prefix (`${join("", ["... https://", aws_vpc_endpoint.x.dns_entry[0].dns_name])}`), replaced by its name.
   */
  const deployed = (value: unknown): string =>
    JSON.stringify(
      JSON.parse(JSON.stringify(value), (_key, item: unknown) =>
        typeof item === 'string'
          ? item
              .replace(/\$\{join\("", \["([^"]*)", aws_vpc_endpoint\.([\w-]+)\.dns_entry\[0\]\.dns_name\]\)\}/g, (_m, prefix: string, id: string) => `${prefix}${nameOf(id)}`)
              .replace(/\$\{aws_vpc_endpoint\.([\w-]+)\.dns_entry\[0\]\.dns_name\}/g, (_m, id: string) => nameOf(id))
          : item,
      ),
    );
  const outputs = json.output ?? {};
  const httpsHosts = Object.entries(outputs).flatMap(([name, output]) =>
    [...deployed(output.value).matchAll(/https:\/\/([\w.-]+)/g)].map((match) => [name, match[1]] as const),
  );

  test('the commands the stack outputs call an endpoint by a name its certificate carries', () => {
    expect(httpsHosts.map(([name]) => name)).toEqual([NETWORK_OUTPUTS.listNotebooksCommand.output]);
    for (const [name, host] of httpsHosts) expect([name, host, verifies(host, CERTIFICATE_NAMES['sagemaker-api'](region))]).toEqual([name, host, true]);
  });

  test('the endpoint names offered for --endpoint-url pass verification against their endpoint certificate', () => {
    for (const [spec, key] of [
      [NETWORK_HANDOFF_OUTPUTS.apiEndpointDnsName, 'sagemaker-api'],
      [NETWORK_HANDOFF_OUTPUTS.notebookEndpointDnsName, 'notebook'],
    ] as const) {
      const host = JSON.parse(deployed(outputs[spec.output]?.value)) as string;
      expect([spec.output, host, verifies(host, CERTIFICATE_NAMES[key](region))]).toEqual([spec.output, host, true]);
    }
  });

  test("the private zone's names are offered for DNS checks only, and indeed fail verification", () => {
    const zoneNames = outputs[NETWORK_OUTPUTS.privateZoneCheckNames.output]?.value as string[];
    expect(zoneNames).toContain(`sagemaker-api.${target.environment.privateZone}`);
    expect(NETWORK_OUTPUTS.privateZoneCheckNames.description).toMatch(/Not for https:\/\/ or --endpoint-url/);
    expect(verifies(`sagemaker-api.${target.environment.privateZone}`, CERTIFICATE_NAMES['sagemaker-api'](region))).toBe(false);
    for (const [, host] of httpsHosts) expect(host.endsWith(target.environment.privateZone)).toBe(false);
  });

  test('the README offers no name of a private zone for HTTPS', () => {
    const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
    const offered = [...readme.matchAll(/(?:https:\/\/|--endpoint-url[ =])([\w.<>-]+)/g)].map((match) => match[1]);
    expect(offered.filter((host) => /\.example\.internal$|\.internal$/.test(host))).toEqual([]);
  });
});
