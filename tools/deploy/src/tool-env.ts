/**
 * The environment of every terraform and cdktf process `npm run env` starts: no call to
 * checkpoint-api.hashicorp.com (Terraform's and cdktf's version check and cdktf's telemetry), which
 * on a closed network only prints `getaddrinfo ENOTFOUND checkpoint-api.hashicorp.com`.
 */
export function toolEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...env, CHECKPOINT_DISABLE: '1', DISABLE_VERSION_CHECK: 'true' };
}

/** For terraform plan and apply run by a tool: no prompts, no "run terraform apply" hints. */
export function terraformEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...toolEnv(env), TF_IN_AUTOMATION: '1', TF_INPUT: '0' };
}
