import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkSynthOutput, GUARDRAILS_PACK, GUARDRAILS_REPORT_FILE, guardrailsSummary } from '@privatelink/guardrails';
import { DEFAULT_CONFIG, fingerprint, runSynth as synth } from './testing/synth-run';

let work: string;
let outdir: string;
let run: ReturnType<typeof synth>;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'guardrails-default-'));
  outdir = join(work, 'cdktf.out');
  // WHEN the default config is synthesized by the real host
  run = synth(outdir);
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the default config', () => {
  test('synthesizes with zero findings and no suppressions, and says so in one line', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^guardrails: ${GUARDRAILS_PACK.length + 2} rules, \\d+ resources, 0 findings, 0 suppressions$`, 'm'));
  });

  test('every stack passes every rule of the pack, with nothing suppressed and no warning', () => {
    const report = checkSynthOutput(outdir);
    expect(report.stacks.map((stack) => stack.stack)).toEqual(
      Object.keys(JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')).stacks).sort(),
    );
    expect(report.stacks.length).toBeGreaterThanOrEqual(8);
    expect(report.findings).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(report.suppressions).toEqual([]);
    expect(report.unusedSuppressions).toEqual([]);
    for (const stack of report.stacks) expect(stack.resources).toBeGreaterThan(stack.stack.endsWith('-organization') ? 1 : 5);
  });

  test('writes the guardrails report next to the stacks', () => {
    const markdown = readFileSync(join(outdir, GUARDRAILS_REPORT_FILE), 'utf8');
    const report = checkSynthOutput(outdir);
    expect(markdown).toContain(`\`${guardrailsSummary(report)}\``);
    expect(markdown).toContain('## Suppressions honoured\n\nNone.');
    for (const stack of report.stacks) expect(markdown).toContain(`| ${stack.stack} | ${stack.resources} | 0 | 0 | 0 |`);
    for (const rule of GUARDRAILS_PACK) expect(markdown).toContain(`| ${rule.id} | ${rule.severity} |`);
  });
});

describe('breaking a secure default through config', () => {
  test('a public on-premises network is refused at its line by the config check, before any stack is built, and leaves the output as it was', () => {
    // GIVEN dev's on-premises network changed to a public block (the endpoints would then admit it;
    // the rule pack's sg-internet-closed would catch it in the synthesized rule, the config check first)
    const text = readFileSync(DEFAULT_CONFIG, 'utf8');
    expect(text).toContain('onPremCidrs: [192.168.0.0/16]');
    const bad = join(work, 'public-on-prem.yaml');
    writeFileSync(bad, text.replace('onPremCidrs: [192.168.0.0/16]', 'onPremCidrs: [203.0.113.0/24]'));
    const before = fingerprint(outdir);

    const failed = synth(outdir, bad);

    expect(failed.status).toBe(1);
    expect(failed.stderr).toBe(
      [
        `${bad}: 1 problem in the environment config; nothing was synthesized`,
        `  ${bad}:11:19 environments.dev.onPremCidrs[0]: is not a private network; on-premises CIDRs must lie inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10 (RFC 1918, and 100.64.0.0/10 shared address space) (got "203.0.113.0/24")`,
        '',
      ].join('\n'),
    );
    expect(fingerprint(outdir)).toEqual(before);
    expect(readdirSync(work).filter((entry) => entry.includes('.staging-') || entry.includes('.previous-'))).toEqual([]);
  }, 120_000);
});
