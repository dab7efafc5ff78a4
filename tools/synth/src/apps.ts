import type { AppName } from '@privatelink/config';

/** A cdktf program the host runs; it writes its own stacks. */
export interface SynthApp {
  readonly name: string;
  readonly entry: string;
}

/** The project's programs. */
export const APPS: readonly (SynthApp & { readonly name: AppName })[] = [
  { name: 'network', entry: 'apps/network/src/main.ts' },
  { name: 'sagemaker', entry: 'apps/sagemaker/src/main.ts' },
];

/**
 * `PRIVATELINK_SYNTH_APP_ENTRIES=<entry>[,<entry>...]` replaces the apps, so the benchmark can run
 * its bare floor app through the very same host. Not meant for everyday use.
 */
export function appsFromEnv(env: NodeJS.ProcessEnv = process.env): readonly SynthApp[] {
  const entries = env['PRIVATELINK_SYNTH_APP_ENTRIES']?.split(',').map((entry) => entry.trim()).filter(Boolean);
  if (!entries?.length) return APPS;
  return entries.map((entry, i) => ({ name: `app-${i}`, entry }));
}
