import { deploymentTargets } from '@privatelink/config';
import { runApp } from '@privatelink/stack-kit';
import { addNetworkStack } from './index';

// The network app alone (`node --import tsx apps/network/src/main.ts`); `npm run synth` builds every
// app's stacks in one process instead (tools/synth).
runApp('network', (app, config) => {
  for (const target of deploymentTargets(config)) addNetworkStack(app, target);
});
