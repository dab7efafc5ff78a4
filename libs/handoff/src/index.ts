export {
  NETWORK_HANDOFF_OUTPUTS,
  publishNetworkHandoff,
  readNetworkHandoff,
  type NetworkHandoff,
} from './network-handoff';
export { NETWORK_OUTPUTS, ORGANIZATION_OUTPUTS, SAGEMAKER_OUTPUTS, type OutputSpec } from './outputs';
