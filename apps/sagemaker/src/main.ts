import { deploymentTargets } from '@privatelink/config';
import { runApp } from '@privatelink/stack-kit';
import { SagemakerStack } from './sagemaker-stack';

runApp('sagemaker', (app, config) => {
  for (const target of deploymentTargets(config)) new SagemakerStack(app, { target });
});
