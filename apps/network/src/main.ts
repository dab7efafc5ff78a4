import { deploymentTargets } from '@privatelink/config';
import { runApp } from '@privatelink/stack-kit';
import { NetworkStack } from './network-stack';

runApp('network', (app, config) => {
  for (const target of deploymentTargets(config)) new NetworkStack(app, { target });
});
