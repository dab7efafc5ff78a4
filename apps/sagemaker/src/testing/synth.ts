import type { DeploymentTarget } from '@privatelink/config';
import { synthAppToFiles, synthesizedOnce, testApp, type Synthesized, type WrittenStack } from '@privatelink/stack-kit/testing';
import { OrganizationStack } from '../organization-stack';
import { SagemakerStack } from '../sagemaker-stack';

/** The shared outdir of the in-memory test apps, and the prefix of the real-synth temp folders. */
const SPEC_FOLDER = 'privatelink-sagemaker-spec';

/**
 * GIVEN a target, WHEN its SageMaker stack is synthesized. Synthesized once per equal target and
 * test file: the specs only read the result.
 */
export function synthSagemaker(target: DeploymentTarget): Synthesized<SagemakerStack> {
  return synthesizedOnce(`sagemaker ${JSON.stringify(target)}`, () => new SagemakerStack(testApp(SPEC_FOLDER), { target }));
}

/**
 * GIVEN the targets of one environment (every region, in config order), WHEN its organization
 * stack is synthesized. Once per equal targets and test file.
 */
export function synthOrganization(targets: readonly DeploymentTarget[]): Synthesized<OrganizationStack> {
  return synthesizedOnce(`organization ${JSON.stringify(targets)}`, () => new OrganizationStack(testApp(SPEC_FOLDER), { targets }));
}

/**
 * Synthesizes the stacks of some targets the way the app entry point does (a plain `App`,
 * validations on) into a fresh temp folder, reads one stack back and removes the folder.
 */
export function synthToFiles(targets: readonly DeploymentTarget[], stackId: string): WrittenStack {
  return synthAppToFiles(`${SPEC_FOLDER}-`, (app) => {
    for (const target of targets) new SagemakerStack(app, { target });
    return stackId;
  });
}

/** The reference to an output of the network stack read as `terraform_remote_state.<state>`. */
export function networkOutput(output: string, state = 'network'): string {
  return `\${data.terraform_remote_state.${state}.outputs.${output}}`;
}
