import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSynthHost } from '@privatelink/stack-kit/testing';
import { ROOT } from './testing/workspace-copy';

jest.setTimeout(180_000);

/** The committed dependency lock every stack is initialized with. */
const LOCK_FILE = join(ROOT, 'terraform/.terraform.lock.hcl');
const MIRROR = process.env['PRIVATELINK_TF_PROVIDER_MIRROR'] || '/opt/tf-plugins';

interface LockedProvider {
  readonly address: string;
  readonly version: string;
  readonly constraints: string;
  readonly hashes: readonly string[];
}

/** The provider blocks of a `.terraform.lock.hcl` (the fixed form `terraform init` writes). */
function parseLock(text: string): LockedProvider[] {
  return [...text.matchAll(/^provider "([^"]+)" \{\n([\s\S]*?)^\}/gm)].map(([, address, body]) => ({
    address,
    version: /^\s*version\s*=\s*"([^"]+)"/m.exec(body)?.[1] ?? '',
    constraints: /^\s*constraints\s*=\s*"([^"]+)"/m.exec(body)?.[1] ?? '',
    hashes: [...body.matchAll(/"((?:h1|zh):[^"]+)"/g)].map((match) => match[1]),
  }));
}

/**
 * Terraform's `h1:` hash of an unpacked provider package: Go's dirhash "Hash1", the sha256 of the
 * lines `<sha256 hex>  <relative path>\n` of every file, sorted by path, in base64.
 */
function packageHashV1(dir: string): string {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
  const summary = files.map((file) => `${createHash('sha256').update(readFileSync(join(dir, file))).digest('hex')}  ${file}\n`).join('');
  return `h1:${createHash('sha256').update(summary).digest('base64')}`;
}

describe('the committed Terraform provider lock', () => {
  let work: string;
  let required: { source: string; version: string }[];
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'provider-lock-'));
    const outdir = join(work, 'cdktf.out');
    expect(runSynthHost(outdir).status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as { stacks: Record<string, { synthesizedStackPath: string }> };
    required = Object.values(manifest.stacks).map((entry) => {
      const stack = JSON.parse(readFileSync(join(outdir, entry.synthesizedStackPath), 'utf8'));
      return stack.terraform.required_providers.aws as { source: string; version: string };
    });
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('locks exactly the one AWS provider version every synthesized stack requires', () => {
    const versions = [...new Set(required.map((provider) => provider.version))];
    expect(versions).toHaveLength(1);
    expect(new Set(required.map((provider) => provider.source))).toEqual(new Set(['aws']));
    const locked = parseLock(readFileSync(LOCK_FILE, 'utf8'));
    expect(locked.map(({ address, version, constraints }) => ({ address, version, constraints }))).toEqual([
      { address: 'registry.terraform.io/hashicorp/aws', version: versions[0], constraints: versions[0] },
    ]);
  });

  /** What the real `terraform providers lock` writes for the locked version: from the mirror, else the registry. */
  function lockWithTerraform(version: string): LockedProvider[] {
    const config = join(work, 'lock');
    mkdirSync(config, { recursive: true });
    writeFileSync(join(config, 'main.tf.json'), JSON.stringify({ terraform: { required_providers: { aws: { source: 'hashicorp/aws', version } } } }));
    const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: '1' };
    delete env['TF_CLI_CONFIG_FILE'];
    const source = existsSync(MIRROR) ? [`-fs-mirror=${MIRROR}`] : [];
    const lock = spawnSync('terraform', ['providers', 'lock', ...source, '-platform=linux_amd64'], { cwd: config, env, encoding: 'utf8' });
    expect(lock.stderr).toBe('');
    expect(lock.status).toBe(0);
    return parseLock(readFileSync(join(config, '.terraform.lock.hcl'), 'utf8'));
  }

  it('holds the linux_amd64 hash terraform providers lock computes for that version', () => {
    const [locked] = parseLock(readFileSync(LOCK_FILE, 'utf8'));
    const [fresh] = lockWithTerraform(locked.version);
    expect(fresh).toMatchObject({ address: locked.address, version: locked.version });
    expect(locked.hashes.length).toBeGreaterThan(0);
    for (const hash of locked.hashes) expect(fresh.hashes).toContain(hash);
  });

  (existsSync(MIRROR) ? it : it.skip)("holds the h1 hash of the mirror's binary, computed here from its files", () => {
    const [locked] = parseLock(readFileSync(LOCK_FILE, 'utf8'));
    expect(locked.hashes).toContain(packageHashV1(join(MIRROR, 'registry.terraform.io/hashicorp/aws', locked.version, 'linux_amd64')));
  });

  it('would catch a lock of another version or hash (the parser reads what the assertions compare)', () => {
    const other = parseLock('provider "registry.terraform.io/hashicorp/aws" {\n  version     = "5.99.0"\n  constraints = "5.99.0"\n  hashes = [\n    "h1:AAAA=",\n  ]\n}\n');
    expect(other).toEqual([{ address: 'registry.terraform.io/hashicorp/aws', version: '5.99.0', constraints: '5.99.0', hashes: ['h1:AAAA='] }]);
    expect(other[0].version).not.toBe(required[0].version);
  });
});
