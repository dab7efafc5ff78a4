export { checkStacks, type CheckStacksOptions, type CheckStep, type StackCheck, type StepSeconds } from './check-stacks';
export { OFFLINE_OVERRIDE_FILE, offlineOverride, type SynthesizedStack } from './offline-override';
export { prepareStackWorkspace } from './stack-workspace';
export { readManifest, type ManifestStack } from './synth-manifest';
export { TerraformCheckError } from './terraform-check-error';
export { INSTALL_TERRAFORM_HELP } from './terraform-environment';
