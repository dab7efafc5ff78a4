export { defaultTags, PrivatelinkStack, protectFromDestroy, type PrivatelinkStackProps } from './privatelink-stack';
export { runApp } from './run-app';
export { localStatePath, stackId, workspaceName, type AppName } from './stack-names';
