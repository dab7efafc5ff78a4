import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotSynthesized, readSynthOutput } from './synth-output';
import { writeSynthFixture } from './testing/synth-fixture';

describe('readSynthOutput', () => {
  let outdir: string;
  beforeEach(() => (outdir = mkdtempSync(join(tmpdir(), 'synth-output-spec-'))));
  afterEach(() => rmSync(outdir, { recursive: true, force: true }));

  it('reads each stack: dependencies, environment tag, region, account, cloud workspace, content hash', () => {
    const cloud = { hostname: 'app.terraform.io', organization: 'acme-ml', project: 'sagemaker-privatelink', workspace: 'smpl-sagemaker-qa-r1' };
    writeSynthFixture(outdir, [
      { id: 'network-qa-r1', environment: 'qa', region: 'eu-west-1' },
      { id: 'sagemaker-qa-r1', environment: 'qa', region: 'eu-west-1', dependencies: ['network-qa-r1'], accountId: '444455556666', cloud },
    ]);
    const [network, sagemaker] = readSynthOutput(outdir);
    expect(network).toEqual({
      id: 'network-qa-r1',
      workingDirectory: join(outdir, 'stacks/network-qa-r1'),
      dependencies: [],
      environment: 'qa',
      region: 'eu-west-1',
      accountId: '111111111111',
      sha256: createHash('sha256').update(readFileSync(join(outdir, 'stacks/network-qa-r1/cdk.tf.json'))).digest('hex'),
    });
    expect(sagemaker).toMatchObject({ dependencies: ['network-qa-r1'], accountId: '444455556666', cloud });
  });

  it('says to synthesize when there is no manifest', () => {
    expect(() => readSynthOutput(join(outdir, 'missing'))).toThrow(
      new NotSynthesized(`no synthesized stacks in ${join(outdir, 'missing')} (no manifest.json): run \`npm run synth\` first`),
    );
  });

  it('refuses a stack that names no environment', () => {
    writeSynthFixture(outdir, [{ id: 'x', environment: 'qa', region: 'r' }]);
    writeFileSync(join(outdir, 'stacks/x/cdk.tf.json'), '{"provider":{"aws":[{"region":"r"}]}}');
    expect(() => readSynthOutput(outdir)).toThrow(
      `${join(outdir, 'stacks/x/cdk.tf.json')}: no AWS provider with an \`environment\` default tag, so the stack belongs to no environment (stacks are built on PrivatelinkStack, which sets it)`,
    );
  });
});
