export { defaultTags, PrivatelinkStack, type PrivatelinkStackProps } from './privatelink-stack';
export { runApp } from './run-app';
export { localStatePath, stackId, type AppName } from './stack-names';
