export { defaultTags, PrivatelinkStack, type PrivatelinkStackProps } from './privatelink-stack';
export { localStatePath, stackId, type AppName } from './stack-names';
