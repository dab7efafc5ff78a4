/** The one reader of the synth output (cdktf.out): manifest, stacks, identities, backends, outputs. Loads no cdktf. */
export {
  explainSynthOutputError,
  FORCE_DESTROY_VARIABLE,
  forceDestroyOutputDir,
  IDENTITY_KEY,
  MANIFEST_FILE,
  SynthesizedStack,
  SynthOutput,
  SynthOutputMissing,
  synthOutputDir,
  type AwsProviderSettings,
  type RemoteStateRead,
  type StackBackend,
  type StackIdentity,
  type StackJson,
} from './synth-output';
