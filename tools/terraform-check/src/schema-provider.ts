import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** A provider started once in debug mode, that `terraform validate` runs attach to. */
export interface SchemaProvider {
  /** Value for TF_REATTACH_PROVIDERS. */
  readonly reattach: string;
  /** Ends the provider; resolves once it has exited. */
  stop(): Promise<void>;
}

const AWS_PROVIDERS = join('.terraform', 'providers', 'registry.terraform.io', 'hashicorp', 'aws');

/** The AWS provider binary an initialized stack folder links to, if any. */
export function awsProviderBinary(initializedDir: string): string | undefined {
  const root = join(initializedDir, AWS_PROVIDERS);
  if (!existsSync(root)) return undefined;
  for (const version of readdirSync(root)) {
    for (const platform of readdirSync(join(root, version))) {
      const binary = readdirSync(join(root, version, platform)).find((file) => file.startsWith('terraform-provider-aws'));
      if (binary) return join(root, version, platform, binary);
    }
  }
  return undefined;
}

/**
 * Starts the provider with `-debug` (Terraform's documented provider-debugging mode) and reads the
 * reattach settings it prints. Validate only asks a provider for its schema and checks attribute
 * values, without configuring it, so every validate can share this one process instead of
 * starting the 700 MB binary again. Plans never attach: they configure providers. Killed, the
 * provider leaves its socket in `TMPDIR`: give it one that is removed afterwards.
 */
export function startSchemaProvider(binary: string, env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<SchemaProvider | undefined> {
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      child = spawn(binary, ['-debug'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch {
      resolve(undefined);
      return;
    }
    let output = '';
    const exited = new Promise<void>((resolveExit) => child.once('close', () => resolveExit()));
    const stop = async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    };
    const timer = setTimeout(() => {
      void stop();
      resolve(undefined);
    }, timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /TF_REATTACH_PROVIDERS='([^']+)'/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ reattach: match[1], stop });
      }
    });
    child.stderr?.resume();
    child.on('error', () => {
      clearTimeout(timer);
      resolve(undefined);
    });
    child.on('exit', () => {
      clearTimeout(timer);
      resolve(undefined);
    });
  });
}
