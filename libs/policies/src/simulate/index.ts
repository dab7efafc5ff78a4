/**
 * Runtime entry `@privatelink/policies/simulate`: the real IAM evaluator (AGPL-3.0-or-later
 * @cloud-copilot/iam-simulate) and the managed policies requests are evaluated against. Kept out of
 * `src/index.ts` so that building policies never loads the evaluator.
 */
export { ADMINISTRATOR_ACCESS } from './managed-policies';
export {
  ANONYMOUS,
  simulate,
  type PolicyInput,
  type RequestContext,
  type SimulateRequest,
  type SimulationOutcome,
} from './simulate';
