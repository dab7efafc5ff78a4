/** Guardrails: the security rule pack synth runs over every synthesized stack. */
export {
  checkSynthOutput,
  GUARDRAILS_REPORT_FILE,
  GuardrailsFailed,
  guardrailsReport,
  guardrailsSummary,
  renderGuardrailsReport,
  synthStacks,
  writeGuardrailsReport,
  type GuardrailsReport,
} from './check-synth-output';
export { checkStack, checkStacks, evaluateRule, type Finding, type HonouredSuppression, type StackReport } from './check-stack';
export { GUARDRAILS_PACK } from './pack';
export {
  COMPLIANT,
  fromProblems,
  NOT_APPLICABLE,
  nonCompliant,
  type ResourceRule,
  type Rule,
  type RuleInfo,
  type RuleResult,
  type Severity,
  type StackRule,
  type SynthRule,
  type SynthVerdict,
  type Verdict,
} from './rule';
export { stackStateLocation, stateReads, type StateLocation, type StateRead } from './state-reads';
export { MIN_REASON_LENGTH, suppressRule, suppressionsOf, type Suppression } from './suppressions';
export { providerOf, synthStack, type Json, type JsonObject, type SynthDataSource, type SynthProvider, type SynthResource, type SynthStack, type SynthStackPlacement } from './synth-json';
export { iamKmsDecryptOnKeys } from './rules/iam/iam-kms-decrypt-on-keys';
export { iamNoAdminManagedPolicy } from './rules/iam/iam-no-admin-managed-policy';
export { iamNoAdminStatement } from './rules/iam/iam-no-admin-statement';
export { iamNoRiskyActionsOnAll } from './rules/iam/iam-no-risky-actions-on-all';
export { iamNoServiceWildcard } from './rules/iam/iam-no-service-wildcard';
export { iamNoWildcardAction } from './rules/iam/iam-no-wildcard-action';
export { iamPassroleScoped } from './rules/iam/iam-passrole-scoped';
export { iamScopedResources } from './rules/iam/iam-scoped-resources';
export { iamTrustNarrow } from './rules/iam/iam-trust-narrow';
export { policyLiteralJson } from './rules/iam/policy-literal-json';
export { kmsKeyEnabled } from './rules/logs-keys/kms-key-enabled';
export { kmsKeyNoPublicPrincipal } from './rules/logs-keys/kms-key-no-public-principal';
export { kmsKeyPolicy } from './rules/logs-keys/kms-key-policy';
export { kmsKeyRotation } from './rules/logs-keys/kms-key-rotation';
export { logGroupKms } from './rules/logs-keys/log-group-kms';
export { logGroupRetention } from './rules/logs-keys/log-group-retention';
export { dxPropagationAfterAssociation } from './rules/network/dx-propagation-after-association';
export { noDefaultVpc } from './rules/network/no-default-vpc';
export { route53ZonePrivate } from './rules/network/route53-zone-private';
export { sgAttached } from './rules/network/sg-attached';
export { sgDescriptions } from './rules/network/sg-descriptions';
export { sgEgressNotOpen } from './rules/network/sg-egress-not-open';
export { sgIngressNotOpen } from './rules/network/sg-ingress-not-open';
export { sgInternetClosed } from './rules/network/sg-internet-closed';
export { sgRuleNamesPeer } from './rules/network/sg-rule-names-peer';
export { subnetNoPublicIp } from './rules/network/subnet-no-public-ip';
export { vpcDefaultSgClosed } from './rules/network/vpc-default-sg-closed';
export { vpcEc2Endpoint } from './rules/network/vpc-ec2-endpoint';
export { vpcFlowLogs } from './rules/network/vpc-flow-logs';
export { notebookDirectInternetDisabled } from './rules/notebook/notebook-direct-internet-disabled';
export { notebookImdsv2 } from './rules/notebook/notebook-imdsv2';
export { notebookInVpc } from './rules/notebook/notebook-in-vpc';
export { notebookRoleLeastPrivilege } from './rules/notebook/notebook-role-least-privilege';
export { notebookRootAccessDisabled } from './rules/notebook/notebook-root-access-disabled';
export { notebookSupportedPlatform } from './rules/notebook/notebook-supported-platform';
export { notebookVolumeCmk } from './rules/notebook/notebook-volume-cmk';
export { endpointPolicy } from './rules/privatelink/endpoint-policy';
export { endpointPrivateDns } from './rules/privatelink/endpoint-private-dns';
export { notebookAccessDenyGuard } from './rules/privatelink/notebook-access-deny-guard';
export { scpPresignedUrlGuard } from './rules/privatelink/scp-presigned-url-guard';
export { vpnTunnelCrypto } from './rules/privatelink/vpn-tunnel-crypto';
export { accountWideNamesUnique } from './rules/deployment/account-wide-names-unique';
export { remoteStateDependency } from './rules/deployment/remote-state-dependency';
