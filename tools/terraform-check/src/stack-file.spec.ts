import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { offlineOverride } from './offline-override';
import { readSynthesizedStack, usesTerraformCloud, type SynthesizedStack } from './stack-file';
import { SynthOutput } from '@privatelink/synth-output';
import { SAMPLE_STACK_IDS, synthSample } from './testing';

describe('readSynthesizedStack', () => {
  let dir: string;
  const read = async (synthDir: string) =>
    Object.fromEntries(
      await Promise.all(
        SynthOutput.read(synthDir).stacks.map(async (stack) => [stack.name, await readSynthesizedStack(stack.file)] as const),
      ),
    ) as Record<string, SynthesizedStack>;
  let json: Record<string, SynthesizedStack>;
  let hcl: Record<string, SynthesizedStack>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'stack-file-spec-'));
    json = await read(synthSample(join(dir, 'cdktf.out'), ['sagemaker', 'terraformCloud']));
    hcl = await read(synthSample(join(dir, 'cdktf.out.hcl'), ['sagemaker', 'terraformCloud'], { hcl: true }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the HCL stack file cdktf synth --hcl writes through the manifest', () => {
    expect(SynthOutput.read(join(dir, 'cdktf.out.hcl')).stacks.map((stack) => stack.stackFile).sort()).toEqual([
      `stacks/${SAMPLE_STACK_IDS.terraformCloud}/cdk.tf`,
      `stacks/${SAMPLE_STACK_IDS.sagemaker}/cdk.tf`,
    ]);
    expect(readFileSync(join(dir, 'cdktf.out.hcl', 'stacks', SAMPLE_STACK_IDS.sagemaker, 'cdk.tf'), 'utf8')).toMatch(/^provider "aws" \{$/m);
  });

  it('reads from an HCL stack what it reads from the same stack as JSON: providers, remote states, cloud block', () => {
    for (const id of [SAMPLE_STACK_IDS.sagemaker, SAMPLE_STACK_IDS.terraformCloud]) {
      expect(hcl[id].provider).toEqual({ aws: [expect.objectContaining({ region: 'us-west-2' })] });
      expect([hcl[id].provider?.aws].flat().map((block) => block?.region)).toEqual([json[id].provider?.aws].flat().map((block) => block?.region));
      expect(hcl[id].data?.terraform_remote_state).toEqual(json[id].data?.terraform_remote_state);
      expect(usesTerraformCloud(hcl[id])).toBe(usesTerraformCloud(json[id]));
      expect(offlineOverride(hcl[id])).toEqual(offlineOverride(json[id]));
    }
    expect(hcl[SAMPLE_STACK_IDS.sagemaker].data?.terraform_remote_state).toEqual({
      network: { backend: 'local', config: { path: '../../../terraform.network-dev-us-west-2.tfstate' } },
    });
    expect(usesTerraformCloud(hcl[SAMPLE_STACK_IDS.terraformCloud])).toBe(true);
    expect(usesTerraformCloud(hcl[SAMPLE_STACK_IDS.sagemaker])).toBe(false);
  });

  it('reads aliased providers and a role to assume from HCL, for the override', async () => {
    const file = join(dir, 'aliased.tf');
    writeFileSync(
      file,
      [
        'provider "aws" {',
        '  region = "us-west-2"',
        '  assume_role {',
        '    role_arn = "arn:aws:iam::111122223333:role/deploy"',
        '  }',
        '}',
        'provider "aws" {',
        '  alias  = "management"',
        '  region = "us-east-1"',
        '}',
        '',
      ].join('\n'),
    );

    const stack = await readSynthesizedStack(file);

    expect(offlineOverride(stack)).toEqual({
      provider: {
        aws: [
          expect.objectContaining({ assume_role: [{ role_arn: '' }] }),
          expect.not.objectContaining({ assume_role: expect.anything() }),
        ],
      },
    });
    expect(offlineOverride(stack)).toMatchObject({ provider: { aws: [{}, { alias: 'management' }] } });
  });

  it('names the file, and each parser error with its line, of a stack file that does not parse', async () => {
    writeFileSync(join(dir, 'broken.tf'), 'a = 1 @\nb = 2 @\n');
    writeFileSync(join(dir, 'broken.tf.json'), '{"provider": ');

    await expect(readSynthesizedStack(join(dir, 'broken.tf'))).rejects.toThrow(
      [
        'broken.tf is not valid HCL:',
        'Error: Invalid character: This character is not used within the language. (broken.tf:1)',
        'Error: Invalid character: This character is not used within the language. (broken.tf:2)',
        'Error: Missing newline after argument: An argument definition must end with a newline. (broken.tf:1)',
      ].join('\n'),
    );
    await expect(readSynthesizedStack(join(dir, 'broken.tf.json'))).rejects.toThrow(/^broken\.tf\.json is not valid JSON: /);
  });

  it('refuses a stack file that is neither .tf.json nor .tf', async () => {
    writeFileSync(join(dir, 'stack.yaml'), 'x: 1\n');

    await expect(readSynthesizedStack(join(dir, 'stack.yaml'))).rejects.toThrow(
      'stack.yaml is neither a Terraform JSON (.tf.json) nor an HCL (.tf) stack file.',
    );
  });
});
