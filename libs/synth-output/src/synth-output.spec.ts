import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, CloudBackend, DataTerraformRemoteStateLocal, LocalBackend, NamedCloudWorkspace, TerraformOutput, TerraformStack } from 'cdktf';
import { explainSynthOutputError, forceDestroyOutputDir, IDENTITY_KEY, MANIFEST_FILE, SynthOutput, SynthOutputMissing, synthOutputDir } from './synth-output';

/** GIVEN a synth output written by cdktf itself: a network and a SageMaker stack reading it, and a stack in Terraform Cloud. */
function synthesized(): string {
  const outdir = mkdtempSync(join(tmpdir(), 'synth-output-spec-'));
  const app = new App({ outdir });
  const network = new TerraformStack(app, 'network-dev-us-west-2');
  network.addOverride(`//.${IDENTITY_KEY}`, { app: 'network', environment: 'dev', region: 'us-west-2' });
  new LocalBackend(network, { path: '../../../terraform.network-dev-us-west-2.tfstate' });
  network.addOverride('provider.aws', [{ region: 'us-west-2', allowed_account_ids: ['111122223333'] }, { alias: 'peer', region: 'eu-west-1' }]);
  new TerraformOutput(network, 'vpc_id', { value: 'vpc-0123' }).overrideLogicalId('vpc_id');
  const sagemaker = new TerraformStack(app, 'sagemaker-dev-us-west-2');
  sagemaker.addOverride(`//.${IDENTITY_KEY}`, { app: 'sagemaker', environment: 'dev', region: 'us-west-2' });
  new DataTerraformRemoteStateLocal(sagemaker, 'network', { path: '../../../terraform.network-dev-us-west-2.tfstate' });
  sagemaker.addDependency(network);
  const organization = new TerraformStack(app, 'sagemaker-dev-organization');
  organization.addOverride(`//.${IDENTITY_KEY}`, { app: 'sagemaker', environment: 'dev' });
  new CloudBackend(organization, { organization: 'acme-ml', workspaces: new NamedCloudWorkspace('smpl-sagemaker-dev-organization', 'ml') });
  app.synth();
  return outdir;
}

describe('SynthOutput', () => {
  const outdir = synthesized();
  const output = SynthOutput.read(outdir);
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  test('lists the stacks of the manifest in name order, with their folders, files and dependencies', () => {
    expect(output.stacks.map((stack) => [stack.name, stack.stackFile, stack.dependencies])).toEqual([
      ['network-dev-us-west-2', 'stacks/network-dev-us-west-2/cdk.tf.json', []],
      ['sagemaker-dev-organization', 'stacks/sagemaker-dev-organization/cdk.tf.json', []],
      ['sagemaker-dev-us-west-2', 'stacks/sagemaker-dev-us-west-2/cdk.tf.json', ['network-dev-us-west-2']],
    ]);
    expect(output.stack('sagemaker-dev-us-west-2').directory).toBe(join(outdir, 'stacks/sagemaker-dev-us-west-2'));
    expect(output.stack('network-dev-us-west-2').format).toBe('json');
  });

  test('finds stacks by what they are for, as recorded in their JSON, never by their names', () => {
    expect(output.only('network', 'dev', 'us-west-2').name).toBe('network-dev-us-west-2');
    expect(output.only('sagemaker', 'dev', null).name).toBe('sagemaker-dev-organization');
    expect(output.find('sagemaker', 'dev').map((stack) => stack.name)).toEqual(['sagemaker-dev-organization', 'sagemaker-dev-us-west-2']);
    expect(() => output.only('network', 'prod', 'us-west-2')).toThrow(
      `no network stack of prod/us-west-2 in ${outdir}: run \`npm run synth\` (the output is older than the config)`,
    );
  });

  test('says where each stack keeps its state', () => {
    expect(output.stack('network-dev-us-west-2').backend()).toEqual({
      kind: 'local',
      statePath: join(outdir, '..', 'terraform.network-dev-us-west-2.tfstate'),
    });
    expect(output.stack('sagemaker-dev-organization').backend()).toEqual({
      kind: 'cloud',
      hostname: 'app.terraform.io',
      organization: 'acme-ml',
      workspace: 'smpl-sagemaker-dev-organization',
      project: 'ml',
    });
  });

  test('reads remote-state reads and outputs, and names a missing output with what to do', () => {
    expect(output.stack('sagemaker-dev-us-west-2').remoteStates()).toEqual([
      { address: 'data.terraform_remote_state.network', backend: 'local', config: { path: '../../../terraform.network-dev-us-west-2.tfstate' } },
    ]);
    expect(output.stack('network-dev-us-west-2').outputValue({ output: 'vpc_id' })).toBe('vpc-0123');
    expect(() => output.stack('network-dev-us-west-2').outputValue({ output: 'subnet_ids' })).toThrow(
      'network-dev-us-west-2 has no output subnet_ids: the synth output is older than the code; run `npm run synth`',
    );
  });

  test('says to synthesize when there is nothing to read, or not what is asked for', () => {
    const empty = mkdtempSync(join(tmpdir(), 'synth-output-empty-'));
    try {
      expect(() => SynthOutput.read(empty)).toThrow(new SynthOutputMissing(`no synth output in ${empty}: run \`npm run synth\``));
      writeFileSync(join(empty, 'manifest.json'), '{ not json');
      expect(() => SynthOutput.read(empty)).toThrow(/^.*manifest\.json is not a cdktf manifest \(.*\): run `npm run synth`$/);
      writeFileSync(join(empty, 'manifest.json'), '{"stacks":{}}');
      expect(() => SynthOutput.read(empty)).toThrow(`${join(empty, 'manifest.json')} lists no stacks: run \`npm run synth\``);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
    expect(() => output.stack('network-qa-us-west-2')).toThrow(
      `network-qa-us-west-2 is not among the stacks synthesized in ${outdir}: run \`npm run synth\` (the output is older than the config)`,
    );
  });

  test("reads the default AWS provider's region and account, and none where the stack has no provider", () => {
    expect(output.stack('network-dev-us-west-2').awsProvider()).toEqual({ region: 'us-west-2', accountId: '111122223333' });
    expect(output.stack('sagemaker-dev-us-west-2').awsProvider()).toBeUndefined();
  });

  test('honours CDKTF_OUTDIR, as the cdktf CLI sets it', () => {
    expect(synthOutputDir({ CDKTF_OUTDIR: '/srv/out' }, '/repo')).toBe('/srv/out');
    expect(synthOutputDir({}, '/repo')).toBe('/repo/cdktf.out');
  });

  test('puts the synth for a forced destroy beside the output it stands for, never in it', () => {
    expect(forceDestroyOutputDir('/repo/cdktf.out')).toBe('/repo/cdktf.out.force-destroy');
    expect(forceDestroyOutputDir('/srv/out/')).toBe('/srv/out.force-destroy');
  });
});

describe('explainSynthOutputError', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'synth-output-explain-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /** The error Node raises for a file that is not there. */
  function enoent(path: string): unknown {
    try {
      readFileSync(path);
    } catch (error) {
      return error;
    }
    throw new Error(`${path} exists`);
  }

  test('a file missing inside the synth output: no synth output without a manifest, an old one with it', () => {
    const outdir = join(root, 'cdktf.out');
    expect(explainSynthOutputError(enoent(join(outdir, MANIFEST_FILE)), outdir)).toEqual(
      new SynthOutputMissing(`no synth output in ${outdir}: run \`npm run synth\``),
    );
    mkdirSync(outdir);
    writeFileSync(join(outdir, MANIFEST_FILE), '{}');
    expect(explainSynthOutputError(enoent(join(outdir, 'stacks/network-qa-us-west-2/cdk.tf.json')), outdir)?.message).toBe(
      `${outdir} has no stacks/network-qa-us-west-2/cdk.tf.json: the synth output is incomplete or older than the config; run \`npm run synth\``,
    );
  });

  test("the reader's own error as it is, and nothing for any other error", () => {
    const outdir = join(root, 'cdktf.out');
    let missing: unknown;
    try {
      SynthOutput.read(outdir);
    } catch (error) {
      missing = error;
    }
    expect(missing).toBeInstanceOf(SynthOutputMissing);
    expect(explainSynthOutputError(missing, outdir)).toBe(missing);
    expect(explainSynthOutputError(enoent(join(root, 'elsewhere.json')), outdir)).toBeUndefined();
    expect(explainSynthOutputError(new Error('boom'), outdir)).toBeUndefined();
  });
});
