export { defaultTags, PrivatelinkStack, protectFromDestroy, type PrivatelinkStackProps } from './privatelink-stack';
export { runApp } from './run-app';
// Stack names live with the config (no cdktf needed to compute them); re-exported for the stacks.
export { localStatePath, stackId, workspaceName, type AppName } from '@privatelink/config';
