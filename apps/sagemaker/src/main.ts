import { deploymentTargets } from '@privatelink/config';
import { runApp } from '@privatelink/stack-kit';
import { addOrganizationStack, addSagemakerStack } from './index';

// The SageMaker app alone (`node --import tsx apps/sagemaker/src/main.ts`): without the network
// stacks it cannot declare their dependencies; `npm run synth` builds every app's stacks in one
// process and does (tools/synth).
runApp('sagemaker', (app, config) => {
  for (const environment of config.environments) {
    const targets = deploymentTargets(config).filter((target) => target.environment === environment);
    for (const target of targets) addSagemakerStack(app, target);
    addOrganizationStack(app, targets);
  }
});
