import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, realpathSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** What a check depends on beside the stack's own files. */
export interface Toolchain {
  /** The terraform executable (a link is followed to its binary). */
  readonly terraform: string;
  /** The filesystem mirror providers are installed from; undefined when they come from the registry. */
  readonly providerMirror?: string;
  /**
   * The harness's own source folder: a change to how it runs terraform invalidates every result.
   * @default - this folder
   */
  readonly harnessDir?: string;
}

/**
 * The identity of the toolchain, as one digest: the harness's source (how terraform is run and
 * judged), the terraform binary's bytes, and every file of the provider mirror (the AWS provider
 * binary included). With no mirror, providers come from the registry at the exact version and
 * `h1:` hashes the stack's own `required_providers` and lock file pin, which are in the stack's
 * key; the registry's signed packages of a version do not change.
 */
export function toolchainDigest(toolchain: Toolchain, digests: FileDigests): string {
  const harnessDir = toolchain.harnessDir ?? __dirname;
  const harness = filesUnder(harnessDir).filter((file) => !isTestOnly(relative(harnessDir, file)));
  const lines = [
    `harness ${hashLines(harness.map((file) => `${relative(harnessDir, file)} ${sha256(readFileSync(file))}`))}`,
    `terraform ${digests.of(realpathSync(toolchain.terraform))}`,
    toolchain.providerMirror === undefined
      ? 'providers registry'
      : `providers ${hashLines(
          filesUnder(toolchain.providerMirror).map((file) => `${relative(toolchain.providerMirror as string, file)} ${digests.of(file)}`),
        )}`,
  ];
  return hashLines(lines);
}

/**
 * The key of one stack's check: the toolchain digest and every file of its prepared workspace
 * (`prepareStackWorkspace`), by path and content. That is what terraform reads: the synthesized
 * stack file, its lock file and anything else in the stack folder, the offline override and the
 * network-state fixtures. One changed byte anywhere gives another key.
 */
export function checkKey(toolchain: string, workspaceRoot: string): string {
  const files = filesUnder(workspaceRoot).map((file) => `${relative(workspaceRoot, file).split(sep).join('/')} ${sha256(readFileSync(file))}`);
  return hashLines([`toolchain ${toolchain}`, ...files]);
}

interface KnownDigest {
  readonly size: string;
  readonly mtimeNs: string;
  readonly ctimeNs: string;
  readonly ino: string;
  readonly sha256: string;
}

/**
 * SHA-256 of big files (the 700 MB provider takes about 0.5 s to hash), remembered between runs in
 * `file` by the file's size, inode and modification and change times in nanoseconds. A write to a
 * file always moves its change time (ctime), which no tool can set back, so a remembered digest is
 * only reused for the very same bytes. Only the files asked for in a run are saved.
 */
export class FileDigests {
  private readonly known: Readonly<Record<string, KnownDigest>>;
  private readonly used: Record<string, KnownDigest> = {};

  constructor(private readonly file?: string) {
    let known: Record<string, KnownDigest> = {};
    if (file !== undefined && existsSync(file)) {
      try {
        known = JSON.parse(readFileSync(file, 'utf8')) as Record<string, KnownDigest>;
      } catch {
        // a damaged memo is only a slower run
      }
    }
    this.known = known;
  }

  of(path: string): string {
    const stat = statSync(path, { bigint: true });
    const identity = { size: String(stat.size), mtimeNs: String(stat.mtimeNs), ctimeNs: String(stat.ctimeNs), ino: String(stat.ino) };
    const known = this.known[path];
    const same =
      known !== undefined &&
      known.size === identity.size &&
      known.mtimeNs === identity.mtimeNs &&
      known.ctimeNs === identity.ctimeNs &&
      known.ino === identity.ino;
    const digest = same ? known.sha256 : sha256File(path);
    this.used[path] = { ...identity, sha256: digest };
    return digest;
  }

  save(): void {
    if (this.file === undefined) return;
    const partial = `${this.file}.${process.pid}.tmp`;
    writeFileSync(partial, `${JSON.stringify(this.used, null, 2)}\n`);
    renameSync(partial, this.file);
  }
}

/** Every file under `root` (links followed), sorted. */
function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .map((entry) => join(root, entry))
    .filter((path) => statSync(path).isFile())
    .sort();
}

function isTestOnly(path: string): boolean {
  return path.endsWith('.spec.ts') || path.split(sep).includes('testing');
}

function hashLines(lines: readonly string[]): string {
  return sha256(Buffer.from(lines.join('\n')));
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function sha256File(path: string): string {
  const hash = createHash('sha256');
  const buffer = Buffer.alloc(4 * 1024 * 1024);
  const fd = openSync(path, 'r');
  try {
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) hash.update(buffer.subarray(0, read));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}
