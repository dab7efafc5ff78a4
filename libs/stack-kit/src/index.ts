export {
  declareStateReads,
  defaultTags,
  FORCE_DESTROY_CONTEXT,
  PrivatelinkStack,
  protectFromDestroy,
  type PrivatelinkStackProps,
  type ProviderSettings,
  type StateReadingStack,
} from './privatelink-stack';
export { names, NAME_SPECS, resourceNameLengths, type NameKind, type Names, type NameScope } from './names';
export { runApp, STACK_CONFIG_CHECKS } from './run-app';
// Stack names live with the config (no cdktf needed to compute them); re-exported for the stacks.
export { localStatePath, organizationStackId, stackId, workspaceName, type AppName } from '@privatelink/config';
