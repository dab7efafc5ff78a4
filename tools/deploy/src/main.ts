import { relative, resolve } from 'node:path';
import { readCommandLine, type CommandLineSpec } from '@privatelink/cli';
import { ConfigError, loadConfig } from '@privatelink/config';
import { forceDestroyOutputDir, SynthOutput, synthOutputDir, SynthOutputMissing } from '@privatelink/synth-output';
import { deployOrder, deployStacks, OrderError } from './deploy-order';
import { ACTIONS, cdktfCommands, checkCommand, forceDestroySynth, HCL, isForcedDestroy, SYNTH, UsageError, type Action } from './plan-commands';
import { applySavedPlans, DeployError, planStacks, PLAN_RECORD, readPlanRecord, terraformCli } from './saved-plans';
import { TerraformCloudError } from './terraform-cloud-runs';
import { runStep } from './run-step';
import { workspaceTrust } from './trust-policies';

const DEFAULT_PLANS = 'cdktf.out.plans';

const COMMAND_LINE = {
  invocation: 'npm run env',
  usage: [
    `npm run env -- <${ACTIONS.join('|')}> --env <env> [--region <region>] [options]`,
    'npx nx run deploy:<synth-hcl|diff|deploy|destroy|plan|apply|trust-policy> --environment=<env> [--region=<region>] ...',
  ],
  summary: [
    'Runs the commands of one environment, with every name checked against the config first. The stack order is',
    'read from the synth output, cdktf.out (CDKTF_OUTDIR): every stack after the stacks it depends on.',
  ].join('\n'),
  options: {
    // Nx's run-commands owns --env (task environment variables): Nx targets pass --environment.
    env: { type: 'string', value: '<env>', description: 'the environment of the config', aliases: ['environment'] },
    region: { type: 'string', value: '<region>', description: 'only this region of the environment (default: every region)' },
    'auto-approve': { type: 'boolean', description: 'pass --auto-approve to cdktf (CI)', commands: ['deploy', 'destroy'] },
    'force-destroy': {
      type: 'string',
      value: '<env>',
      description: 'destroy a protected environment: repeat its name',
      commands: ['destroy'],
    },
    plans: { type: 'string', value: '<dir>', description: `the saved plans folder (default: ${DEFAULT_PLANS})`, commands: ['plan', 'apply'] },
    'last-round': { type: 'boolean', description: 'fail instead of deferring a stack (no round follows)', commands: ['plan'] },
    'dry-run': { type: 'boolean', description: 'print the commands instead of running them (reads the order from an existing cdktf.out)' },
  },
  commands: {
    synth: { description: 'synthesize every stack (cdktf.out)', required: ['env'] },
    hcl: { description: 'synthesize as HCL for review (cdktf.out.hcl)', required: ['env'] },
    diff: { description: 'plan every stack of the environment (speculative), in dependency order', required: ['env'] },
    deploy: { description: 'deploy the environment in dependency order: network stacks, then the stacks that read them', required: ['env'] },
    destroy: {
      description: 'destroy in reverse order; a protected environment needs --force-destroy <env>, which synthesizes it without prevent_destroy into cdktf.out.force-destroy and destroys from there',
      required: ['env'],
    },
    plan: {
      description: `save a plan per stack (terraform plan -out) with ${PLAN_RECORD} and a summary (also the GitHub job summary); stacks that read state this round changes are deferred`,
      required: ['env'],
    },
    apply: { description: 'apply exactly the saved plans, in order, and nothing else', required: ['env'] },
    'trust-policy': {
      description: "print the trust policy of each workspace's plan and apply role (Terraform Cloud dynamic provider credentials), as JSON",
      required: ['env'],
    },
  },
} as const satisfies CommandLineSpec & { commands: Record<Action, unknown> };

interface Options {
  readonly action: Action;
  readonly env: string;
  readonly region?: string;
  readonly forceDestroy?: string;
  readonly autoApprove: boolean;
  readonly plansDir: string;
  readonly dryRun: boolean;
  readonly lastRound: boolean;
}

function parse(argv: string[]): Options | number {
  const parsed = readCommandLine(COMMAND_LINE, argv);
  if (typeof parsed === 'number') return parsed;
  const { command: action, options: values } = parsed;
  return {
    action,
    // Every command requires --env: the parser refused the command line without it.
    env: values.env as string,
    ...(values.region ? { region: values.region } : {}),
    ...(values['force-destroy'] ? { forceDestroy: values['force-destroy'] } : {}),
    autoApprove: values['auto-approve'] === true,
    plansDir: values.plans ?? DEFAULT_PLANS,
    dryRun: values['dry-run'] === true,
    lastRound: values['last-round'] === true,
  };
}

async function main(argv: string[]): Promise<number> {
  const options = parse(argv);
  if (typeof options === 'number') return options;
  const root = process.cwd();
  const outdir = synthOutputDir(process.env, root);
  const log = (line: string) => process.stdout.write(`${line}\n`);

  const environment = checkCommand(loadConfig(), { ...options });
  if (options.action === 'hcl') return runStep(HCL, { dryRun: options.dryRun });
  // A forced destroy synthesizes the environment without prevent_destroy into a folder of its own
  // and destroys from there: cdktf.out, which deploys, never holds that synth.
  const forced = isForcedDestroy(environment, options);
  const synthStatus = runStep(forced ? forceDestroySynth(options.env) : SYNTH, { dryRun: options.dryRun, toStderr: options.action === 'trust-policy' });
  if (synthStatus !== 0 || options.action === 'synth') return synthStatus;
  const stacksDir = forced ? forceDestroyOutputDir(outdir) : outdir;

  // A dry run synthesized nothing: the order comes from the existing cdktf.out (the same stacks).
  const order = deployOrder(deployStacks(SynthOutput.read(forced && !options.dryRun ? stacksDir : outdir)), options.env, options.region);
  for (const skipped of order.skipped) {
    process.stderr.write(`skip ${skipped.stack}: it reads ${skipped.needs.join(', ')}, outside --region ${options.region}\n`);
  }
  if (order.stacks.length === 0) {
    throw new DeployError(`${outdir} has no stack of environment ${options.env}${options.region ? ` in ${options.region}` : ''}`);
  }

  switch (options.action) {
    case 'diff':
    case 'deploy':
    case 'destroy': {
      const custom = forced ? { outdir: stacksDir } : process.env['CDKTF_OUTDIR'] ? { outdir: process.env['CDKTF_OUTDIR'] } : {};
      for (const step of cdktfCommands(order, { ...options, ...custom })) {
        const status = runStep(step, { dryRun: options.dryRun });
        if (status !== 0) return status;
      }
      return 0;
    }
    case 'plan': {
      if (options.dryRun) {
        for (const stack of order.stacks) log(`$ terraform -chdir=${relative(root, stack.workingDirectory)} plan -input=false -out=${resolve(options.plansDir, `${stack.id}.tfplan`)}`);
        return 0;
      }
      const terraform = terraformCli({ env: process.env, root, log });
      await planStacks(order, {
        environment: options.env,
        ...(options.region ? { region: options.region } : {}),
        plansDir: options.plansDir,
        terraform,
        env: process.env,
        log,
        lastRound: options.lastRound,
      });
      return 0;
    }
    case 'apply': {
      if (options.dryRun) {
        const record = readPlanRecord(options.plansDir, options.env, options.region);
        for (const planned of record.planned.filter((stack) => stack.counts.hasChanges)) {
          log(`$ terraform apply -input=false ${resolve(options.plansDir, planned.planFile)}   # ${planned.stack}`);
        }
        return 0;
      }
      applySavedPlans(order, {
        environment: options.env,
        ...(options.region ? { region: options.region } : {}),
        plansDir: options.plansDir,
        terraform: terraformCli({ env: process.env, root, log }),
        log,
      });
      return 0;
    }
    case 'trust-policy':
      process.stdout.write(`${JSON.stringify(workspaceTrust(order), null, 2)}\n`);
      return 0;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(error.exitCode);
    }
    if (error instanceof DeployError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(error.exitCode);
    }
    if (error instanceof ConfigError || error instanceof SynthOutputMissing || error instanceof OrderError || error instanceof TerraformCloudError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  },
);
