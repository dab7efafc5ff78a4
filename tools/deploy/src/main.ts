import { spawnSync } from 'node:child_process';
import { readCommandLine, type CommandLineSpec } from '@privatelink/cli';
import { ConfigError, loadConfig } from '@privatelink/config';
import { ACTIONS, planCommands, UsageError, type Action } from './plan-commands';

const COMMAND_LINE = {
  invocation: 'npm run env',
  usage: [
    `npm run env -- <${ACTIONS.join('|')}> --env <env> [--region <region>] [--auto-approve] [--force-destroy <env>] [--dry-run]`,
    'npx nx run deploy:<synth-hcl|diff|deploy|destroy> --environment=<env> [--region=<region>] ...',
  ],
  summary: 'Runs the cdktf commands of one environment, with every name checked against the config first.',
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
    'dry-run': { type: 'boolean', description: 'print the commands instead of running them' },
  },
  commands: {
    synth: { description: 'synthesize every stack (cdktf.out)', required: ['env'] },
    hcl: { description: 'synthesize as HCL for review (cdktf.out.hcl)', required: ['env'] },
    diff: { description: 'plan every stack of the environment, network first', required: ['env'] },
    deploy: { description: 'deploy the environment: network stacks, then SageMaker stacks', required: ['env'] },
    destroy: {
      description: 'destroy SageMaker stacks, then network stacks; protected environments need --force-destroy <env>',
      required: ['env'],
    },
  },
} as const satisfies CommandLineSpec & { commands: Record<Action, unknown> };

function main(argv: string[]): number {
  const parsed = readCommandLine(COMMAND_LINE, argv);
  if (typeof parsed === 'number') return parsed;
  const { command: action, options: values } = parsed;
  // Every command requires --env: the parser refused the command line without it.
  const env = values.env as string;
  try {
    const steps = planCommands(loadConfig(), {
      action,
      env,
      region: values.region,
      forceDestroy: values['force-destroy'],
      autoApprove: values['auto-approve'],
    });
    for (const step of steps) {
      process.stdout.write(`$ ${step.join(' ')}\n`);
      if (values['dry-run']) continue;
      const run = spawnSync(step[0], step.slice(1), { stdio: 'inherit' });
      if (run.status !== 0) return run.status ?? 1;
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

process.exit(main(process.argv.slice(2)));
