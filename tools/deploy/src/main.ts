import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '@privatelink/config';
import { deployOrder, OrderError } from './deploy-order';
import { ACTIONS, cdktfCommands, checkCommand, HCL, SYNTH, UsageError, type Action } from './plan-commands';
import { applySavedPlans, DeployError, planStacks, PLAN_RECORD, readPlanRecord, terraformCli } from './saved-plans';
import { NotSynthesized, readSynthOutput } from './synth-output';
import { TerraformCloudError } from './terraform-cloud-runs';
import { runStep } from './run-step';
import { workspaceTrust } from './trust-policies';

const DEFAULT_PLANS = 'cdktf.out.plans';

const USAGE = `usage: npm run env -- <${ACTIONS.join('|')}> --env <env> [--region <region>] [options]
       npx nx run deploy:<synth-hcl|diff|deploy|destroy|plan|apply|trust-policy> --environment=<env> [--region=<region>] ...

  synth         synthesize every stack (cdktf.out)
  hcl           synthesize as HCL for review (cdktf.out.hcl)
  diff          plan every stack of the environment (speculative), in dependency order
  deploy        deploy the environment in dependency order: network stacks, then the stacks that read them
  destroy       destroy in reverse order; protected environments need --force-destroy <env>
  plan          save a plan per stack (terraform plan -out) into --plans <dir> (default ${DEFAULT_PLANS}),
                with ${PLAN_RECORD} and a summary (also the GitHub job summary); stacks that read
                state this round changes are deferred to the next round
  apply         apply exactly the saved plans of --plans <dir>, in order, and nothing else
  trust-policy  print the trust policy of each workspace's plan and apply role (Terraform Cloud
                dynamic provider credentials), as JSON

  --auto-approve       pass --auto-approve to cdktf deploy/destroy
  --force-destroy <env>
  --plans <dir>        the saved plans folder of plan and apply
  --last-round         plan: fail instead of deferring a stack (no round follows)
  --dry-run            print the commands instead of running them (reads the order from an existing cdktf.out)

The stack order is read from cdktf.out/manifest.json (CDKTF_OUTDIR): every stack after the stacks it depends on.`;

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
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        env: { type: 'string' },
        // Nx's run-commands owns --env (task environment variables): Nx targets pass --environment.
        environment: { type: 'string' },
        region: { type: 'string' },
        'auto-approve': { type: 'boolean' },
        'force-destroy': { type: 'string' },
        plans: { type: 'string' },
        'last-round': { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values['help']) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const action = positionals[0] as Action | undefined;
  const env = values['env'] ?? values['environment'];
  if (!action || !ACTIONS.includes(action) || positionals.length > 1 || typeof env !== 'string') {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  return {
    action,
    env,
    ...(typeof values['region'] === 'string' ? { region: values['region'] } : {}),
    ...(typeof values['force-destroy'] === 'string' ? { forceDestroy: values['force-destroy'] } : {}),
    autoApprove: values['auto-approve'] === true,
    plansDir: typeof values['plans'] === 'string' ? values['plans'] : DEFAULT_PLANS,
    dryRun: values['dry-run'] === true,
    lastRound: values['last-round'] === true,
  };
}

async function main(argv: string[]): Promise<number> {
  const options = parse(argv);
  if (typeof options === 'number') return options;
  const root = process.cwd();
  const outdir = resolve(root, process.env['CDKTF_OUTDIR'] || 'cdktf.out');
  const log = (line: string) => process.stdout.write(`${line}\n`);

  checkCommand(loadConfig(), { ...options });
  if (options.action === 'hcl') return runStep(HCL, { dryRun: options.dryRun });
  const synthStatus = runStep(SYNTH, { dryRun: options.dryRun, toStderr: options.action === 'trust-policy' });
  if (synthStatus !== 0 || options.action === 'synth') return synthStatus;

  const order = deployOrder(readSynthOutput(outdir), options.env, options.region);
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
      const custom = process.env['CDKTF_OUTDIR'] ? { outdir: process.env['CDKTF_OUTDIR'] } : {};
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
    if (error instanceof ConfigError || error instanceof NotSynthesized || error instanceof OrderError || error instanceof TerraformCloudError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  },
);
