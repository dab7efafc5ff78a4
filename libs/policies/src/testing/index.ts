/** Test-only entry of the policies lib: the IAM evaluator helper, fixtures and every built document. */
export * from './built-documents';
export * from './fixtures';
export {
  simulate,
  type PolicyInput,
  type RequestContext,
  type SimulateRequest,
  type SimulationOutcome,
} from './simulate';
