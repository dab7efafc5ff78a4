export {
  fakeNetworkHandoff,
  networkStateFixture,
  type NetworkStateFixtureProps,
  type TerraformStateFile,
  type TerraformStateOutput,
} from './network-state-fixture';
