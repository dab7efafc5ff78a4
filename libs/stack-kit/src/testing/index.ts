/** Test-only entry of the stack kit: synth helpers and stack-wide checks the apps' specs share. */
export { ABSOLUTE_PATH_PREFIXES, absolutePathsIn } from './absolute-paths';
export { asList } from './as-list';
export { withPlainStackTraces } from './plain-stack-traces';
export { packFindings } from './pack-findings';
export { parsePolicy, statement, type RenderedPolicy, type RenderedStatement } from './rendered-policy';
export { synthAppToFiles, type WrittenStack } from './synth-to-files';
export { synthesize, synthesizedOnce } from './synthesize';
export {
  entriesOf,
  onlyResource,
  ref,
  resourcesOf,
  resourceTypes,
  resourceWhere,
  type Attributes,
  type ResourceType,
  type Synthesized,
  type SynthesizedStack,
} from './synthesized-json';
export { testApp } from './test-app';
export { DEFAULT_CONFIG, runSynthHost, WORKSPACE_ROOT, type RunSynthHostOptions } from './run-synth-host';
