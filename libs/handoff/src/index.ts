export {
  NETWORK_HANDOFF_OUTPUTS,
  publishNetworkHandoff,
  readNetworkHandoff,
  type NetworkHandoff,
} from './network-handoff';
