import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHECK_CACHE_MAX_AGE_DAYS, CheckCache, defaultCacheDir } from './check-cache';

const KEY = 'a'.repeat(64);
const OTHER_KEY = 'b'.repeat(64);
const DAY = 24 * 60 * 60 * 1000;

describe('CheckCache', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'check-cache-spec-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('knows a key only once a passed check was recorded under it, for that stack', () => {
    const cache = new CheckCache(dir);
    expect(cache.lookup(KEY, 'network-dev-us-west-2')).toBeUndefined();

    cache.record(KEY, { stack: 'network-dev-us-west-2', toAdd: 36 });
    cache.record(OTHER_KEY, { stack: 'network-prod-us-west-2' });

    const reopened = new CheckCache(dir);
    expect(reopened.lookup(KEY, 'network-dev-us-west-2')).toEqual({ stack: 'network-dev-us-west-2', toAdd: 36 });
    expect(reopened.lookup(OTHER_KEY, 'network-prod-us-west-2')).toEqual({ stack: 'network-prod-us-west-2' });
    expect(reopened.lookup(KEY, 'sagemaker-dev-us-west-2')).toBeUndefined();
    expect(readdirSync(join(dir, 'passed')).sort()).toEqual([`${KEY}.json`, `${OTHER_KEY}.json`]);
  });

  it('treats a damaged or foreign entry as a miss', () => {
    const cache = new CheckCache(dir);
    writeFileSync(join(dir, 'passed', `${KEY}.json`), '{"stack": "network-dev');
    writeFileSync(join(dir, 'passed', `${OTHER_KEY}.json`), '{"stack": "network-dev-us-west-2", "toAdd": "many"}');

    expect(cache.lookup(KEY, 'network-dev-us-west-2')).toBeUndefined();
    expect(cache.lookup(OTHER_KEY, 'network-dev-us-west-2')).toBeUndefined();
  });

  it(`removes the entries no run used for ${CHECK_CACHE_MAX_AGE_DAYS} days, and a hit counts as a use`, () => {
    const cache = new CheckCache(dir);
    cache.record(KEY, { stack: 'old-but-used' });
    cache.record(OTHER_KEY, { stack: 'old' });
    const old = new Date(Date.now() - (CHECK_CACHE_MAX_AGE_DAYS + 1) * DAY);
    for (const key of [KEY, OTHER_KEY]) utimesSync(join(dir, 'passed', `${key}.json`), old, old);
    const recent = 'c'.repeat(64);
    cache.record(recent, { stack: 'recent' });
    const lastMonth = new Date(Date.now() - (CHECK_CACHE_MAX_AGE_DAYS - 1) * DAY);
    utimesSync(join(dir, 'passed', `${recent}.json`), lastMonth, lastMonth);

    expect(cache.lookup(KEY, 'old-but-used')).toEqual({ stack: 'old-but-used' });
    expect(statSync(join(dir, 'passed', `${KEY}.json`)).mtimeMs).toBeGreaterThan(lastMonth.getTime());
    expect(cache.prune()).toBe(1);

    expect(readdirSync(join(dir, 'passed')).sort()).toEqual([`${KEY}.json`, `${recent}.json`]);
  });
});

describe('defaultCacheDir', () => {
  it('is .nx/terraform-check in the workspace, where Nx keeps its own data', () => {
    const workspace = resolve(__dirname, '../../..');
    expect(existsSync(join(workspace, 'nx.json'))).toBe(true);

    expect(defaultCacheDir({})).toBe(join(workspace, '.nx', 'terraform-check'));
  });

  it('is the folder PRIVATELINK_TF_CHECK_CACHE names, for a CI that caches another path', () => {
    expect(defaultCacheDir({ PRIVATELINK_TF_CHECK_CACHE: 'ci-cache/terraform' })).toBe(resolve('ci-cache/terraform'));
  });
});
