import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkKey, FileDigests, toolchainDigest, type Toolchain } from './check-key';
import { OFFLINE_OVERRIDE_FILE } from './offline-override';
import { prepareStackWorkspace } from './stack-workspace';
import { SynthOutput, type SynthesizedStack } from '@privatelink/synth-output';
import { SAMPLE_STACK_IDS, synthSample } from './testing';

/**
 * Changes one byte of a file, in place, keeping its size and its modification time: the first
 * byte, or the first letter of `within` (a JSON stack stays valid when the byte is in a string).
 */
function flipOneByte(file: string, within?: string): void {
  const { atime, mtime } = statSync(file);
  const bytes = readFileSync(file);
  const at = within === undefined ? 0 : bytes.indexOf(within);
  if (at < 0) throw new Error(`${within} is not in ${file}`);
  bytes[at] ^= 0x01;
  writeFileSync(file, bytes);
  utimesSync(file, atime, mtime);
}

describe('checkKey and toolchainDigest', () => {
  let dir: string;
  let synthDir: string;
  let sagemaker: SynthesizedStack;
  let toolchain: Required<Toolchain>;
  let roots = 0;
  const stackFolder = () => join(synthDir, sagemaker.workingDirectory);
  /** The key of the sagemaker stack prepared afresh in a new root, against `tools`. */
  const keyOf = async (tools: Toolchain = toolchain) => {
    const root = join(dir, 'roots', String(roots++));
    await prepareStackWorkspace(sagemaker, root);
    return { key: checkKey(toolchainDigest(tools, new FileDigests()), root), root };
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'check-key-spec-'));
    synthDir = synthSample(join(dir, 'cdktf.out'), ['sagemaker']);
    [sagemaker] = SynthOutput.read(synthDir).stacks;
    writeFileSync(join(stackFolder(), '.terraform.lock.hcl'), 'provider "registry.terraform.io/hashicorp/aws" {\n  version = "5.100.0"\n}\n');
    // Stand-ins for the bytes of the toolchain: the key hashes files, it never runs them.
    const tools = join(dir, 'tools');
    mkdirSync(join(tools, 'mirror/registry.terraform.io/hashicorp/aws/5.100.0/linux_amd64'), { recursive: true });
    writeFileSync(join(tools, 'terraform'), 'terraform binary bytes');
    writeFileSync(join(tools, 'mirror/registry.terraform.io/hashicorp/aws/5.100.0/linux_amd64/terraform-provider-aws_v5.100.0_x5'), 'provider bytes');
    cpSync(__dirname, join(tools, 'harness'), { recursive: true });
    toolchain = { terraform: join(tools, 'terraform'), providerMirror: join(tools, 'mirror'), harnessDir: join(tools, 'harness') };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is the same for the same inputs, whatever temporary folder the stack is prepared in', async () => {
    const first = await keyOf();
    const second = await keyOf();

    expect(first.root).not.toBe(second.root);
    expect(second.key).toBe(first.key);
    expect(first.key).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['the synthesized stack file', () => join(stackFolder(), 'cdk.tf.json'), 'notebook'],
    ['the provider lock file in the stack folder', () => join(stackFolder(), '.terraform.lock.hcl'), '5.100.0'],
  ])('changes when one byte of %s changes', async (_what, file, within) => {
    const before = await keyOf();

    flipOneByte(file(), within);

    expect((await keyOf()).key).not.toBe(before.key);
  });

  it.each([
    ['the offline override', (root: string) => join(root, 'cdktf.out', 'stacks', SAMPLE_STACK_IDS.sagemaker, OFFLINE_OVERRIDE_FILE), 'true'],
    ['the network-state fixture', (root: string) => join(root, 'terraform.network-dev-us-west-2.tfstate'), 'vpc-'],
  ])('changes when one byte of %s the harness wrote changes', async (_what, file, within) => {
    const { key, root } = await keyOf();
    const digest = toolchainDigest(toolchain, new FileDigests());

    flipOneByte(file(root), within);

    expect(checkKey(digest, root)).not.toBe(key);
  });

  it.each([
    ['the terraform binary', () => toolchain.terraform],
    ['the provider binary in the mirror', () => join(toolchain.providerMirror, 'registry.terraform.io/hashicorp/aws/5.100.0/linux_amd64/terraform-provider-aws_v5.100.0_x5')],
    ["the harness's own source", () => join(toolchain.harnessDir, 'check-stacks.ts')],
  ])('changes when one byte of %s changes, its size and modification time kept', async (_what, file) => {
    const before = await keyOf();

    flipOneByte(file());

    expect((await keyOf()).key).not.toBe(before.key);
  });

  it('changes when providers come from the registry instead of the mirror', async () => {
    const registry = { terraform: toolchain.terraform, harnessDir: toolchain.harnessDir };

    expect((await keyOf(registry)).key).not.toBe((await keyOf()).key);
  });

  it("ignores the harness's tests and test fixtures, and a .terraform folder left in the stack folder", async () => {
    const before = await keyOf();

    flipOneByte(join(toolchain.harnessDir, 'check-key.spec.ts'));
    flipOneByte(join(toolchain.harnessDir, 'testing', 'sample-synth.ts'));
    mkdirSync(join(stackFolder(), '.terraform'));
    writeFileSync(join(stackFolder(), '.terraform', 'terraform.tfstate'), '{}');

    expect((await keyOf()).key).toBe(before.key);
  });
});

/** `printf 'provider bytes' | sha256sum` */
const PROVIDER_BYTES_SHA256 = 'fc1a448bfc7e69a7e7858805804d6433e18016899853b2c729611a379400a97e';

describe('FileDigests', () => {
  let dir: string;
  let file: string;
  let memo: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'file-digests-spec-'));
    file = join(dir, 'provider');
    memo = join(dir, 'file-digests.json');
    writeFileSync(file, 'provider bytes');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is the SHA-256 of the bytes (as `sha256sum` prints it)', () => {
    expect(new FileDigests().of(file)).toBe(PROVIDER_BYTES_SHA256);
  });

  it('reuses a saved digest while the file is untouched, and hashes again once a byte changed', () => {
    const digests = new FileDigests(memo);
    digests.of(file);
    digests.save();
    // Prove reuse: a remembered value is returned as is, without reading the file.
    const saved = JSON.parse(readFileSync(memo, 'utf8'));
    saved[file].sha256 = 'remembered';
    writeFileSync(memo, JSON.stringify(saved));

    expect(new FileDigests(memo).of(file)).toBe('remembered');

    flipOneByte(file);

    expect(new FileDigests(memo).of(file)).toBe(createHash('sha256').update(readFileSync(file)).digest('hex'));
  });

  it('saves only the files asked for in this run, and survives a damaged memo', () => {
    const other = join(dir, 'terraform');
    writeFileSync(other, 'terraform bytes');
    const first = new FileDigests(memo);
    first.of(file);
    first.of(other);
    first.save();
    const second = new FileDigests(memo);
    second.of(file);
    second.save();

    expect(Object.keys(JSON.parse(readFileSync(memo, 'utf8')))).toEqual([file]);

    writeFileSync(memo, '{"half');
    expect(new FileDigests(memo).of(file)).toBe(PROVIDER_BYTES_SHA256);
  });
});
