/** Test-only entry of the policies lib: fixtures, every built document, and the evaluator (from the simulate entry). */
export * from './built-documents';
export * from './fixtures';
export {
  simulate,
  type PolicyInput,
  type RequestContext,
  type SimulateRequest,
  type SimulationOutcome,
} from '../simulate';
