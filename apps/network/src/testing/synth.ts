import type { DeploymentTarget } from '@privatelink/config';
import {
  synthAppToFiles,
  synthesize,
  synthesizedOnce,
  testApp,
  type Synthesized,
  type WrittenStack,
} from '@privatelink/stack-kit/testing';
import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { NetworkStack } from '../network-stack';

/** The shared outdir of the in-memory test apps, and the prefix of the real-synth temp folders. */
const SPEC_FOLDER = 'privatelink-network-spec';

/**
 * GIVEN a target, WHEN its network stack is synthesized. Synthesized once per equal target and
 * test file: the specs only read the result.
 */
export function synthNetwork(target: DeploymentTarget): Synthesized<NetworkStack> {
  return synthesizedOnce(`network ${JSON.stringify(target)}`, () => new NetworkStack(testApp(SPEC_FOLDER), { target }));
}

/**
 * Synthesizes a network stack the way the app entry point does (a plain `App`, validations on)
 * into a fresh temp folder, reads the files back and removes the folder.
 */
export function synthToFiles(target: DeploymentTarget): WrittenStack {
  return synthAppToFiles(`${SPEC_FOLDER}-`, (app) => new NetworkStack(app, { target }).node.id);
}

/** Like `Testing.synthScope`: one construct (or a few) in an empty stack, for construct-level options. */
export function synthScope(build: (scope: Construct) => void): Synthesized {
  return synthesize(() => {
    const stack = new TerraformStack(testApp(SPEC_FOLDER), 'stack');
    build(stack);
    return stack;
  });
}
