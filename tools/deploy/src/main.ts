import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '@privatelink/config';
import { ACTIONS, planCommands, UsageError, type Action } from './plan-commands';

const USAGE = `usage: npm run env -- <${ACTIONS.join('|')}> --env <env> [--region <region>] [--auto-approve] [--force-destroy <env>] [--dry-run]
       npx nx run deploy:<synth-hcl|diff|deploy|destroy> --environment=<env> [--region=<region>] ...

  synth    synthesize every stack (cdktf.out)
  hcl      synthesize as HCL for review (cdktf.out.hcl)
  diff     plan every stack of the environment, network first
  deploy   deploy the environment: network stacks, then SageMaker stacks
  destroy  destroy SageMaker stacks, then network stacks; protected environments need --force-destroy <env>
  --dry-run prints the commands instead of running them`;

function main(argv: string[]): number {
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
  try {
    const steps = planCommands(loadConfig(), {
      action,
      env,
      region: values['region'] as string | undefined,
      forceDestroy: values['force-destroy'] as string | undefined,
      autoApprove: values['auto-approve'] === true,
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
