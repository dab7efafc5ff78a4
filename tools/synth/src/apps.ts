import type { AppName } from '@privatelink/stack-kit';

/** The cdktf programs the host runs; each writes its own stacks. */
export const APPS: readonly { readonly name: AppName; readonly entry: string }[] = [
  { name: 'network', entry: 'apps/network/src/main.ts' },
  { name: 'sagemaker', entry: 'apps/sagemaker/src/main.ts' },
];
