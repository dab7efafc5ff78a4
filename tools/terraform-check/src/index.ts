export { CHECK_CACHE_ENV, CheckCache, defaultCacheDir, type CachedCheck } from './check-cache';
export { checkKey, FileDigests, toolchainDigest, type Toolchain } from './check-key';
export { checkStacks, type CheckStacksOptions, type CheckStep, type StackCheck, type StepSeconds } from './check-stacks';
export { OFFLINE_OVERRIDE_FILE, offlineOverride } from './offline-override';
export { readSynthesizedStack, type SynthesizedStack } from './stack-file';
export { prepareStackWorkspace, type StackWorkspace } from './stack-workspace';
export { TerraformCheckError } from './terraform-check-error';
export { cliConfig, INSTALL_TERRAFORM_HELP, pluginCacheDir, providerMirror, terraformEnv } from './terraform-environment';
