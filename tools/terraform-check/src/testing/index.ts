export { cleanEnv, runCli, type CliRun } from './run-cli';
export { SAMPLE_STACK_IDS, synthSample, type SampleStack, type SynthSampleOptions } from './sample-synth';
