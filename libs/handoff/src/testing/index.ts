/** Test entry of the handoff lib: the offline handoff and state file, from the runtime entry. */
export {
  fakeNetworkHandoff,
  networkStateFixture,
  type NetworkStateFixtureProps,
  type TerraformStateFile,
  type TerraformStateOutput,
} from '../offline-state';
