import { writeFileSync } from 'node:fs';
import { SynthOutput } from '@privatelink/synth-output';
import { join } from 'node:path';
import { checkStacks, type Finding, type HonouredSuppression, type StackReport } from './check-stack';
import { GUARDRAILS_PACK } from './pack';
import type { Rule, RuleInfo } from './rule';
import { SUPPRESSION_KNOWN_RULE, SUPPRESSION_REASON } from './suppressions';
import { synthStack, type JsonObject, type SynthStack } from './synth-json';

/** Written next to the stacks: `cdktf.out/guardrails.md`. */
export const GUARDRAILS_REPORT_FILE = 'guardrails.md';

export interface GuardrailsReport {
  /** Every rule that ran, the suppression checks included. */
  readonly rules: readonly RuleInfo[];
  readonly stacks: readonly StackReport[];
  readonly resources: number;
  /** Error findings: any of them fails synth. */
  readonly findings: readonly Finding[];
  readonly warnings: readonly Finding[];
  readonly suppressions: readonly HonouredSuppression[];
  readonly unusedSuppressions: readonly HonouredSuppression[];
}

/** The stacks of a synth output, as the rules read them. */
export function synthStacks(output: SynthOutput): SynthStack[] {
  return output.stacks.map((stack) =>
    synthStack(stack.name, stack.json() as JsonObject, { dependencies: stack.dependencies, workingDirectory: stack.workingDirectory }),
  );
}

/** Runs the pack over every stack of a synth output folder. */
export function checkSynthOutput(outdir: string, rules: readonly Rule[] = GUARDRAILS_PACK): GuardrailsReport {
  return guardrailsReport(checkStacks(synthStacks(SynthOutput.read(outdir)), rules), rules);
}

export function guardrailsReport(stacks: readonly StackReport[], rules: readonly Rule[] = GUARDRAILS_PACK): GuardrailsReport {
  const all = stacks.flatMap((stack) => stack.findings);
  return {
    rules: [...rules, SUPPRESSION_REASON, SUPPRESSION_KNOWN_RULE],
    stacks,
    resources: stacks.reduce((sum, stack) => sum + stack.resources, 0),
    findings: all.filter((finding) => finding.severity === 'error'),
    warnings: all.filter((finding) => finding.severity === 'warning'),
    suppressions: stacks.flatMap((stack) => stack.suppressions),
    unusedSuppressions: stacks.flatMap((stack) => stack.unusedSuppressions),
  };
}

/** Thrown by the synth host when a rule of severity error does not hold; the previous output stays as it was. */
export class GuardrailsFailed extends Error {
  constructor(readonly report: GuardrailsReport) {
    const count = report.findings.length;
    super(
      [
        `guardrails: ${count} finding${count === 1 ? '' : 's'} in ${report.stacks.length} stacks; nothing was written`,
        ...report.findings.map((finding) => finding.message),
      ].join('\n'),
    );
    this.name = 'GuardrailsFailed';
  }
}

/** `guardrails: N rules, M resources, F findings, S suppressions` (and warnings when there are some). */
export function guardrailsSummary(report: GuardrailsReport): string {
  const warnings = report.warnings.length > 0 ? `, ${report.warnings.length} warnings` : '';
  return (
    `guardrails: ${report.rules.length} rules, ${report.resources} resources, ${report.findings.length} findings, ` +
    `${report.suppressions.length} suppressions${warnings}`
  );
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The short Markdown report: what ran, on what, and every suppression honoured with its reason. */
export function renderGuardrailsReport(report: GuardrailsReport): string {
  const lines = [
    '# Guardrails report',
    '',
    `\`${guardrailsSummary(report)}\``,
    '',
    'Written by the synth host after running the rule pack of libs/guardrails over every stack. A finding of',
    'severity error fails synth; a suppression exists only in code (suppressRule) and is listed here with its reason.',
    '',
    '## Resources checked',
    '',
    '| stack | resources | findings | warnings | suppressions |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...report.stacks.map((stack) => {
      const errors = stack.findings.filter((finding) => finding.severity === 'error').length;
      return `| ${stack.stack} | ${stack.resources} | ${errors} | ${stack.findings.length - errors} | ${stack.suppressions.length} |`;
    }),
    '',
    '## Suppressions honoured',
    '',
    ...suppressionTable(report.suppressions),
  ];
  if (report.unusedSuppressions.length > 0) {
    lines.push('', '## Unused suppressions (their rule found nothing: remove them)', '', ...suppressionTable(report.unusedSuppressions));
  }
  if (report.warnings.length > 0) {
    lines.push('', '## Warnings', '', ...report.warnings.map((finding) => `- ${cell(finding.message)}`));
  }
  if (report.findings.length > 0) {
    lines.push('', '## Findings', '', ...report.findings.map((finding) => `- ${cell(finding.message)}`));
  }
  lines.push(
    '',
    '## Rules',
    '',
    '| id | severity | must hold | covers |',
    '| --- | --- | --- | --- |',
    ...report.rules.map(
      (rule) => `| ${rule.id} | ${rule.severity} | ${cell(rule.title)} | ${rule.sources.length > 0 ? rule.sources.join(', ') : 'own rule'} |`,
    ),
    '',
  );
  return lines.join('\n');
}

function suppressionTable(suppressions: readonly HonouredSuppression[]): string[] {
  if (suppressions.length === 0) return ['None.'];
  return [
    '| stack | resource | rule | reason |',
    '| --- | --- | --- | --- |',
    ...suppressions.map((s) => `| ${s.stack} | ${s.address} | ${s.ruleId} | ${cell(s.reason)} |`),
  ];
}

export function writeGuardrailsReport(outdir: string, report: GuardrailsReport): void {
  writeFileSync(join(outdir, GUARDRAILS_REPORT_FILE), renderGuardrailsReport(report));
}
