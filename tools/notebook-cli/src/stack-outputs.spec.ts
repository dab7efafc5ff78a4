import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, deploymentTargets } from '@privatelink/config';
import { NETWORK_HANDOFF_OUTPUTS, SAGEMAKER_OUTPUTS } from '@privatelink/handoff/outputs';
import { IDENTITY_KEY, MANIFEST_FILE, SynthOutput, type StackIdentity } from '@privatelink/synth-output';
import { CliError } from './exit-codes';
import { requireString, requireStringList, stackBackend, targetStacks } from './stack-outputs';

describe('stackBackend', () => {
  let outdir: string;
  beforeEach(() => {
    outdir = join(mkdtempSync(join(tmpdir(), 'stack-outputs-')), 'cdktf.out');
  });
  afterEach(() => rmSync(join(outdir, '..'), { recursive: true, force: true }));

  /** A manifest naming one stack, and that stack's `terraform` block. */
  function synthesized(stack: string, terraform: Record<string, unknown>) {
    mkdirSync(join(outdir, 'stacks', stack), { recursive: true });
    writeFileSync(
      join(outdir, MANIFEST_FILE),
      JSON.stringify({
        stacks: { [stack]: { workingDirectory: `stacks/${stack}`, synthesizedStackPath: `stacks/${stack}/cdk.tf.json` } },
      }),
    );
    writeFileSync(join(outdir, 'stacks', stack, 'cdk.tf.json'), JSON.stringify({ terraform }));
    return SynthOutput.read(outdir).stack(stack);
  }

  it("resolves the local state path against the stack's working directory", () => {
    const stack = synthesized('network-dev-us-west-2', { backend: { local: { path: '../../../terraform.network-dev-us-west-2.tfstate' } } });
    expect(stackBackend(stack)).toEqual({
      kind: 'local',
      statePath: join(outdir, '..', 'terraform.network-dev-us-west-2.tfstate'),
    });
  });

  it("falls back to Terraform's default state file when the stack names no backend", () => {
    expect(stackBackend(synthesized('network-dev-us-west-2', {}))).toEqual({
      kind: 'local',
      statePath: join(outdir, 'stacks', 'network-dev-us-west-2', 'terraform.tfstate'),
    });
  });

  it('reads the Terraform Cloud organization, workspace and host', () => {
    const stack = synthesized('network-dev-us-west-2', {
      cloud: { hostname: 'tfe.example.com', organization: 'acme', workspaces: { name: 'network-dev' } },
    });
    expect(stackBackend(stack)).toEqual({
      kind: 'cloud',
      hostname: 'tfe.example.com',
      organization: 'acme',
      workspace: 'network-dev',
    });
  });

  it('refuses a Terraform Cloud block that selects workspaces by tag (exit 1)', () => {
    const stack = synthesized('network-dev-us-west-2', { cloud: { organization: 'acme', workspaces: { tags: ['network'] } } });
    expect(() => stackBackend(stack)).toThrow(
      new CliError('failed', `${stack.file}: a cloud block needs an organization and one workspace name: this tool reads one named workspace`),
    );
  });

  it('says which backend it cannot read, and where to run terraform output instead', () => {
    const stack = synthesized('network-dev-us-west-2', { backend: { s3: { bucket: 'state', key: 'network' } } });
    expect(() => stackBackend(stack)).toThrow(
      `network-dev-us-west-2 keeps its state in a "s3" backend, which this tool cannot read; run \`terraform output\` in ${join(outdir, 'stacks/network-dev-us-west-2')}`,
    );
  });

  it('asks for a synth (exit 3) when the stack file the manifest names is gone', () => {
    const stack = synthesized('network-dev-us-west-2', {});
    rmSync(stack.file);
    expect(() => stackBackend(stack)).toThrow(
      new CliError('outputsMissing', `${outdir} lists network-dev-us-west-2 but has no stacks/network-dev-us-west-2/cdk.tf.json: run \`npm run synth\``),
    );
  });
});

describe('targetStacks', () => {
  const [target] = deploymentTargets(loadConfig()).filter((t) => t.environment.name === 'dev' && t.region.region === 'us-west-2');
  let outdir: string;
  beforeEach(() => {
    outdir = join(mkdtempSync(join(tmpdir(), 'stack-outputs-')), 'cdktf.out');
  });
  afterEach(() => rmSync(join(outdir, '..'), { recursive: true, force: true }));

  /** A synth output of stacks with these names, each recording this identity. */
  function synthesized(stacks: Record<string, StackIdentity>): void {
    const manifest: Record<string, unknown> = {};
    for (const [name, identity] of Object.entries(stacks)) {
      mkdirSync(join(outdir, 'stacks', name), { recursive: true });
      writeFileSync(join(outdir, 'stacks', name, 'cdk.tf.json'), JSON.stringify({ '//': { [IDENTITY_KEY]: identity } }));
      manifest[name] = { workingDirectory: `stacks/${name}`, synthesizedStackPath: `stacks/${name}/cdk.tf.json` };
    }
    writeFileSync(join(outdir, MANIFEST_FILE), JSON.stringify({ stacks: manifest }));
  }

  it('takes the names from the manifest, finding the stacks by the identity they record', () => {
    synthesized({
      'net-renamed': { app: 'network', environment: 'dev', region: 'us-west-2' },
      'ml-renamed': { app: 'sagemaker', environment: 'dev', region: 'us-west-2' },
      'sagemaker-dev-organization': { app: 'sagemaker', environment: 'dev' },
      'network-dev-us-west-2': { app: 'network', environment: 'qa', region: 'us-west-2' },
    });
    const stacks = targetStacks(outdir, target);
    expect([stacks.network.name, stacks.sagemaker.name]).toEqual(['net-renamed', 'ml-renamed']);
  });

  it('asks for a synth (exit 3) with the one message when there is no synth output, or it lacks the target', () => {
    expect(() => targetStacks(outdir, target)).toThrow(new CliError('outputsMissing', `no synth output in ${outdir}: run \`npm run synth\``));
    synthesized({ 'network-dev-us-west-2': { app: 'network', environment: 'dev', region: 'us-west-2' } });
    expect(() => targetStacks(outdir, target)).toThrow(
      new CliError('outputsMissing', `no sagemaker stack of dev/us-west-2 in ${outdir}: run \`npm run synth\` (the output is older than the config)`),
    );
  });
});

describe('required outputs', () => {
  it('returns a declared string or list output, and names the output and the deploy command otherwise', () => {
    const outputs = { api_endpoint_dns_name: 'vpce-1.example', notebook_names: ['a', 'b'], vpc_id: '' };
    expect(requireString(outputs, NETWORK_HANDOFF_OUTPUTS.apiEndpointDnsName, 'network-dev-us-west-2')).toBe('vpce-1.example');
    expect(requireStringList(outputs, SAGEMAKER_OUTPUTS.notebookNames, 'sagemaker-dev-us-west-2')).toEqual(['a', 'b']);
    expect(() => requireString(outputs, NETWORK_HANDOFF_OUTPUTS.vpcId, 'network-dev-us-west-2')).toThrow(
      'network-dev-us-west-2 has no output vpc_id (a string) in its state: deploy the current version with `npx cdktf deploy network-dev-us-west-2`',
    );
    expect(() => requireStringList(outputs, NETWORK_HANDOFF_OUTPUTS.apiEndpointDnsName, 'sagemaker-dev-us-west-2')).toThrow(
      'sagemaker-dev-us-west-2 has no output api_endpoint_dns_name (a list of strings)',
    );
  });
});
