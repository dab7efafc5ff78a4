import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FileDigests } from './check-key';

/** The environment variable naming the check cache folder. */
export const CHECK_CACHE_ENV = 'PRIVATELINK_TF_CHECK_CACHE';

/** An entry no run has used for this long is removed: the folder stays small in a CI cache. */
export const CHECK_CACHE_MAX_AGE_DAYS = 30;

/**
 * Where passed checks are remembered: `PRIVATELINK_TF_CHECK_CACHE`, else `.nx/terraform-check` in
 * the workspace. Not Nx's own task cache: it keys a whole target, so one changed stack of 48 would
 * re-run all 48; this cache is per stack. It sits beside Nx's workspace data under `.nx/`, which git
 * and lint already ignore; a clean clone (`.ci/run`) starts empty, and a CI that keeps work between
 * runs restores this path with actions/cache (or names its cached folder with the variable).
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env[CHECK_CACHE_ENV] || join(__dirname, '../../../.nx/terraform-check'));
}

/** What is kept of a passed check: enough to report it again. */
export interface CachedCheck {
  readonly stack: string;
  /** Resources the plan creates; undefined when the stack was only validated (Terraform Cloud). */
  readonly toAdd?: number;
}

/**
 * Passed checks by key (`checkKey`): one small file each, `<dir>/passed/<key>.json`. A failed
 * check is never recorded, so it runs again until it passes. Entries are written whole (a rename)
 * so two runs sharing the folder never read half an entry.
 */
export class CheckCache {
  /** The remembered digests of the toolchain's big files, saved with the cache. */
  readonly digests: FileDigests;
  private readonly passed: string;

  constructor(readonly dir: string) {
    this.passed = join(dir, 'passed');
    mkdirSync(this.passed, { recursive: true });
    this.digests = new FileDigests(join(dir, 'file-digests.json'));
  }

  /** The passed check of `stack` with this key, if any; a hit counts as a use (see `prune`). */
  lookup(key: string, stack: string): CachedCheck | undefined {
    const file = this.entryFile(key);
    let entry: CachedCheck;
    try {
      entry = JSON.parse(readFileSync(file, 'utf8')) as CachedCheck;
    } catch {
      return undefined;
    }
    if (entry.stack !== stack || !(entry.toAdd === undefined || Number.isInteger(entry.toAdd))) return undefined;
    const now = new Date();
    utimesSync(file, now, now);
    return entry;
  }

  record(key: string, check: CachedCheck): void {
    const file = this.entryFile(key);
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, `${JSON.stringify(check)}\n`);
    renameSync(partial, file);
  }

  /** Removes the entries not used for `CHECK_CACHE_MAX_AGE_DAYS`; returns how many. */
  prune(now = Date.now()): number {
    const oldest = now - CHECK_CACHE_MAX_AGE_DAYS * 24 * 60 * 60 * 1000;
    let removed = 0;
    for (const name of readdirSync(this.passed)) {
      const file = join(this.passed, name);
      if (statSync(file).mtimeMs < oldest) {
        rmSync(file, { force: true });
        removed++;
      }
    }
    return removed;
  }

  /** Saves the digests used in this run. */
  save(): void {
    this.digests.save();
  }

  private entryFile(key: string): string {
    return join(this.passed, `${key}.json`);
  }
}
