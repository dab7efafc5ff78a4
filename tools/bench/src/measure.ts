import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Measurement {
  readonly seconds: number;
  /** User plus system CPU time of the process and every descendant it waited for. */
  readonly cpuSeconds: number;
  /** Highest sum of resident memory over the process and its descendants, sampled every 20 ms. */
  readonly peakMiB: number;
  readonly exitCode: number;
  readonly output: string;
}

function children(): Map<number, number[]> {
  const tree = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      tree.set(parent, [...(tree.get(parent) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  return tree;
}

function treeRssKiB(root: number): number {
  const tree = children();
  let total = 0;
  const pending = [root];
  while (pending.length > 0) {
    const pid = pending.pop() as number;
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    } catch {
      // ended
    }
    pending.push(...(tree.get(pid) ?? []));
  }
  return total;
}

/** `times` output: `0m1.234s 0m0.056s` per line (the shell's own, then its children's). */
function childCpuSeconds(times: string): number {
  const lines = times.trim().split('\n');
  const seconds = (field: string) => {
    const match = /^(\d+)m([\d.]+)s$/.exec(field);
    return match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
  };
  return (lines[1] ?? '').trim().split(/\s+/).map(seconds).reduce((sum, value) => sum + value, 0);
}

/**
 * Runs a command to completion: wall time, CPU time and peak memory of its whole process tree. The
 * command runs under a shell whose `times` builtin reports the CPU of every descendant it waited
 * for (the kernel adds a child's time to its parent's when the parent reaps it).
 */
export function measure(command: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const scratch = mkdtempSync(join(tmpdir(), 'bench-times-'));
    const timesFile = join(scratch, 'times');
    const started = process.hrtime.bigint();
    const child = spawn('bash', ['-c', '"$@"; code=$?; times > "$BENCH_TIMES_FILE"; exit $code', 'bench', command, ...args], {
      cwd: options.cwd,
      env: { ...options.env, BENCH_TIMES_FILE: timesFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let peakKiB = 0;
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const sampler = setInterval(() => {
      if (child.pid) peakKiB = Math.max(peakKiB, treeRssKiB(child.pid));
    }, 20);
    child.on('error', (error) => {
      clearInterval(sampler);
      rmSync(scratch, { recursive: true, force: true });
      reject(error);
    });
    child.on('close', (code) => {
      clearInterval(sampler);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      let cpuSeconds = NaN;
      try {
        cpuSeconds = childCpuSeconds(readFileSync(timesFile, 'utf8'));
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
      resolve({
        seconds,
        cpuSeconds,
        peakMiB: peakKiB / 1024,
        exitCode: code ?? -1,
        output,
      });
    });
  });
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
