export { ConfigError, formatPath, type ConfigCheck, type ConfigIssue } from './config-error';
export { configFileFromEnv, DEFAULT_CONFIG_FILE, loadConfig, parseConfig } from './load-config';
export {
  deploymentTargets,
  type DeploymentTarget,
  type EnvironmentConfig,
  type NotebookConfig,
  type SagemakerConfig,
  type TerraformCloudConfig,
  type PrivatelinkConfig,
  type RegionConfig,
  type VpnConfig,
} from './model';
export { hostAddress } from './ipv4';
export { availabilityZonesOf, NOTEBOOK_ENDPOINT_REGIONS, SUPPORTED_REGIONS } from './regions';
export {
  configJsonSchema,
  ConfigSchema,
  DEFAULT_ENDPOINTS,
  OPTIONAL_ENDPOINTS,
  type ConfigInput,
  type EndpointName,
} from './schema';
export { NOTEBOOK_PLATFORMS } from './sagemaker-schema';
export { localStatePath, organizationStackId, stackId, workspaceName, type AppName } from './stack-names';
