/** The one reader of the synth output (cdktf.out): manifest, stacks, identities, backends, outputs. Loads no cdktf. */
export {
  IDENTITY_KEY,
  MANIFEST_FILE,
  SynthesizedStack,
  SynthOutput,
  SynthOutputMissing,
  synthOutputDir,
  type RemoteStateRead,
  type StackBackend,
  type StackIdentity,
  type StackJson,
} from './synth-output';
