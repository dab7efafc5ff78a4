import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireString, requireStringList, synthesizedBackend } from './stack-outputs';

describe('synthesizedBackend', () => {
  let outdir: string;
  beforeEach(() => {
    outdir = join(mkdtempSync(join(tmpdir(), 'stack-outputs-')), 'cdktf.out');
  });
  afterEach(() => rmSync(join(outdir, '..'), { recursive: true, force: true }));

  /** A manifest naming one stack, and that stack's `terraform` block. */
  function synthesized(stack: string, terraform: Record<string, unknown>): void {
    mkdirSync(join(outdir, 'stacks', stack), { recursive: true });
    writeFileSync(
      join(outdir, 'manifest.json'),
      JSON.stringify({
        stacks: { [stack]: { workingDirectory: `stacks/${stack}`, synthesizedStackPath: `stacks/${stack}/cdk.tf.json` } },
      }),
    );
    writeFileSync(join(outdir, 'stacks', stack, 'cdk.tf.json'), JSON.stringify({ terraform }));
  }

  it("resolves the local state path against the stack's working directory", () => {
    synthesized('network-dev-us-west-2', { backend: { local: { path: '../../../terraform.network-dev-us-west-2.tfstate' } } });
    expect(synthesizedBackend(outdir, 'network-dev-us-west-2')).toEqual({
      kind: 'local',
      statePath: join(outdir, '..', 'terraform.network-dev-us-west-2.tfstate'),
    });
  });

  it("falls back to Terraform's default state file when the stack names no backend", () => {
    synthesized('network-dev-us-west-2', {});
    expect(synthesizedBackend(outdir, 'network-dev-us-west-2')).toEqual({
      kind: 'local',
      statePath: join(outdir, 'stacks', 'network-dev-us-west-2', 'terraform.tfstate'),
    });
  });

  it('reads the Terraform Cloud organization, workspace and host', () => {
    synthesized('network-dev-us-west-2', {
      cloud: { hostname: 'tfe.example.com', organization: 'acme', workspaces: { name: 'network-dev' } },
    });
    expect(synthesizedBackend(outdir, 'network-dev-us-west-2')).toEqual({
      kind: 'cloud',
      hostname: 'tfe.example.com',
      organization: 'acme',
      workspace: 'network-dev',
    });
  });

  it('refuses a Terraform Cloud block that selects workspaces by tag', () => {
    synthesized('network-dev-us-west-2', { cloud: { organization: 'acme', workspaces: { tags: ['network'] } } });
    expect(() => synthesizedBackend(outdir, 'network-dev-us-west-2')).toThrow(
      'network-dev-us-west-2: only a Terraform Cloud block with an organization and one workspace name is supported',
    );
  });

  it('says which backend it cannot read, and where to run terraform output instead', () => {
    synthesized('network-dev-us-west-2', { backend: { s3: { bucket: 'state', key: 'network' } } });
    expect(() => synthesizedBackend(outdir, 'network-dev-us-west-2')).toThrow(
      `network-dev-us-west-2 keeps its state in a "s3" backend, which this tool cannot read; run \`terraform output\` in ${join(outdir, 'stacks/network-dev-us-west-2')}`,
    );
  });

  it('asks for a fresh synth when the stack is not in the manifest', () => {
    synthesized('network-dev-us-west-2', {});
    expect(() => synthesizedBackend(outdir, 'network-qa-us-west-2')).toThrow(
      `network-qa-us-west-2 is not among the stacks synthesized in ${outdir}: run \`npm run synth\` (the output is older than the config)`,
    );
  });
});

describe('required outputs', () => {
  it('returns a string or a list of strings, and names the output and the deploy command otherwise', () => {
    const outputs = { api_endpoint_dns_name: 'vpce-1.example', notebook_names: ['a', 'b'], empty: '' };
    expect(requireString(outputs, 'api_endpoint_dns_name', 'network-dev-us-west-2')).toBe('vpce-1.example');
    expect(requireStringList(outputs, 'notebook_names', 'sagemaker-dev-us-west-2')).toEqual(['a', 'b']);
    expect(() => requireString(outputs, 'empty', 'network-dev-us-west-2')).toThrow(
      'network-dev-us-west-2 has no output empty (a string) in its state: deploy the current version with `npx cdktf deploy network-dev-us-west-2`',
    );
    expect(() => requireStringList(outputs, 'api_endpoint_dns_name', 'sagemaker-dev-us-west-2')).toThrow(
      'sagemaker-dev-us-west-2 has no output api_endpoint_dns_name (a list of strings)',
    );
  });
});
