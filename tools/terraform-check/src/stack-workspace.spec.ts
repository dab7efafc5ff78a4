import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NETWORK_HANDOFF_OUTPUTS } from '@privatelink/handoff';
import { OFFLINE_OVERRIDE_FILE } from './offline-override';
import { prepareStackWorkspace } from './stack-workspace';
import { SynthOutput, type SynthesizedStack } from '@privatelink/synth-output';
import { SAMPLE_STACK_IDS, synthSample } from './testing';

describe('prepareStackWorkspace', () => {
  let dir: string;
  let synthDir: string;
  let sagemaker: SynthesizedStack;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'stack-workspace-spec-'));
    synthDir = synthSample(join(dir, 'cdktf.out'), ['sagemaker']);
    [sagemaker] = SynthOutput.read(synthDir).stacks;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('copies the stack byte for byte, mirroring the synth layout, with the override beside it', async () => {
    const root = join(dir, 'copy');

    const { cwd } = await prepareStackWorkspace(sagemaker, root);

    expect(cwd).toBe(join(root, 'cdktf.out', 'stacks', SAMPLE_STACK_IDS.sagemaker));
    const original = readFileSync(join(synthDir, sagemaker.stackFile));
    expect(readFileSync(join(cwd, 'cdk.tf.json')).equals(original)).toBe(true);
    expect(JSON.parse(readFileSync(join(cwd, OFFLINE_OVERRIDE_FILE), 'utf8'))).toMatchObject({
      provider: { aws: [{ allowed_account_ids: null, skip_credentials_validation: true }] },
    });
  });

  it('writes a network-state fixture with every handoff output where the remote state path lands', async () => {
    const root = join(dir, 'fixture');

    await prepareStackWorkspace(sagemaker, root);

    const state = JSON.parse(readFileSync(join(root, 'terraform.network-dev-us-west-2.tfstate'), 'utf8'));
    expect(state.version).toBe(4);
    expect(Object.keys(state.outputs).sort()).toEqual(
      Object.values(NETWORK_HANDOFF_OUTPUTS)
        .map((spec) => spec.output)
        .sort(),
    );
    expect(state.outputs.private_subnet_ids).toEqual({ value: expect.any(Array), type: ['list', 'string'] });
    expect(state.outputs.notebook_endpoint_dns_name.value).toMatch(/\.notebook\.us-west-2\.vpce\.amazonaws\.com$/);
  });

  it('does not copy the .terraform folder a local cdktf run leaves in the stack folder', async () => {
    const leftover = join(synthDir, sagemaker.workingDirectory, '.terraform');
    mkdirSync(leftover, { recursive: true });
    writeFileSync(join(leftover, 'terraform.tfstate'), '{}');
    const root = join(dir, 'leftover');

    const { cwd } = await prepareStackWorkspace(sagemaker, root);
    rmSync(leftover, { recursive: true });

    expect(() => readFileSync(join(cwd, '.terraform', 'terraform.tfstate'))).toThrow(/ENOENT/);
  });

  it('refuses a remote state path that leaves the workspace, naming the data source and the path', async () => {
    const escaping = join(dir, 'escaping');
    const stackDir = join(escaping, 'stacks', 'reader');
    mkdirSync(stackDir, { recursive: true });
    const stackJson = {
      data: { terraform_remote_state: { network: { backend: 'local', config: { path: '/srv/state/network.tfstate' } } } },
    };
    writeFileSync(join(stackDir, 'cdk.tf.json'), JSON.stringify(stackJson));
    const manifest = { stacks: { reader: { name: 'reader', workingDirectory: 'stacks/reader', synthesizedStackPath: 'stacks/reader/cdk.tf.json' } } };
    writeFileSync(join(escaping, 'manifest.json'), JSON.stringify(manifest));

    await expect(prepareStackWorkspace(SynthOutput.read(escaping).stack('reader'), join(dir, 'escaping-root'))).rejects.toThrow(
      'data.terraform_remote_state.network reads "/srv/state/network.tfstate", outside the stack\'s workspace',
    );
  });
});
