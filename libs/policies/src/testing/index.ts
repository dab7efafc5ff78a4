/** Test-only entry of the policies lib: the IAM evaluator helper, fixtures and the security rules. */
export * from './built-documents';
export * from './fixtures';
export { actionMatches, expandAction, isWildcardOnly, unknownActions, unknownConditionKeys } from './iam-catalogue';
export { checkPolicyRules, POLICY_RULES, type PolicyRule, type RuleViolation } from './policy-rules';
export {
  simulate,
  type PolicyInput,
  type RequestContext,
  type SimulateRequest,
  type SimulationOutcome,
} from './simulate';
