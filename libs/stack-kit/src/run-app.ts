import { ConfigError, loadConfig, type ConfigCheck, type PrivatelinkConfig } from '@privatelink/config';
import { App } from 'cdktf';
import type { AppName } from '@privatelink/config';
import { resourceNameLengths } from './names';

/** The checks every config gets before stacks are built from it, beyond the config's own. */
export const STACK_CONFIG_CHECKS: readonly ConfigCheck[] = [resourceNameLengths];

/**
 * Entry point of an app: loads the config (or prints every problem and exits 1 before anything is
 * written), lets `build` add the stacks, and synthesizes to `CDKTF_OUTDIR` (set by the synth host
 * and by the cdktf CLI).
 */
export function runApp(app: AppName, build: (app: App, config: PrivatelinkConfig) => void): void {
  let config: PrivatelinkConfig;
  try {
    config = loadConfig(undefined, process.env, STACK_CONFIG_CHECKS);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  const cdktfApp = new App();
  build(cdktfApp, config);
  cdktfApp.synth();
  process.stdout.write(`${app}: synthesized ${cdktfApp.node.children.length} stacks\n`);
}
