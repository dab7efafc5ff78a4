import type { Rule } from './rule';
import { accountWideNamesUnique } from './rules/deployment/account-wide-names-unique';
import { remoteStateDependency } from './rules/deployment/remote-state-dependency';
import { iamKmsDecryptOnKeys } from './rules/iam/iam-kms-decrypt-on-keys';
import { iamNoAdminManagedPolicy } from './rules/iam/iam-no-admin-managed-policy';
import { iamNoAdminStatement } from './rules/iam/iam-no-admin-statement';
import { iamNoRiskyActionsOnAll } from './rules/iam/iam-no-risky-actions-on-all';
import { iamNoServiceWildcard } from './rules/iam/iam-no-service-wildcard';
import { iamNoWildcardAction } from './rules/iam/iam-no-wildcard-action';
import { iamPassroleScoped } from './rules/iam/iam-passrole-scoped';
import { iamScopedResources } from './rules/iam/iam-scoped-resources';
import { iamTrustNarrow } from './rules/iam/iam-trust-narrow';
import { policyLiteralJson } from './rules/iam/policy-literal-json';
import { kmsKeyEnabled } from './rules/logs-keys/kms-key-enabled';
import { kmsKeyNoPublicPrincipal } from './rules/logs-keys/kms-key-no-public-principal';
import { kmsKeyPolicy } from './rules/logs-keys/kms-key-policy';
import { kmsKeyRotation } from './rules/logs-keys/kms-key-rotation';
import { logGroupKms } from './rules/logs-keys/log-group-kms';
import { logGroupRetention } from './rules/logs-keys/log-group-retention';
import { dxPropagationAfterAssociation } from './rules/network/dx-propagation-after-association';
import { noDefaultVpc } from './rules/network/no-default-vpc';
import { route53ZonePrivate } from './rules/network/route53-zone-private';
import { sgAttached } from './rules/network/sg-attached';
import { sgDescriptions } from './rules/network/sg-descriptions';
import { sgEgressNotOpen } from './rules/network/sg-egress-not-open';
import { sgIngressNotOpen } from './rules/network/sg-ingress-not-open';
import { sgInternetClosed } from './rules/network/sg-internet-closed';
import { sgRuleNamesPeer } from './rules/network/sg-rule-names-peer';
import { subnetNoPublicIp } from './rules/network/subnet-no-public-ip';
import { vpcDefaultSgClosed } from './rules/network/vpc-default-sg-closed';
import { vpcEc2Endpoint } from './rules/network/vpc-ec2-endpoint';
import { vpcFlowLogs } from './rules/network/vpc-flow-logs';
import { notebookDirectInternetDisabled } from './rules/notebook/notebook-direct-internet-disabled';
import { notebookImdsv2 } from './rules/notebook/notebook-imdsv2';
import { notebookInVpc } from './rules/notebook/notebook-in-vpc';
import { notebookRoleLeastPrivilege } from './rules/notebook/notebook-role-least-privilege';
import { notebookRootAccessDisabled } from './rules/notebook/notebook-root-access-disabled';
import { notebookSupportedPlatform } from './rules/notebook/notebook-supported-platform';
import { notebookVolumeCmk } from './rules/notebook/notebook-volume-cmk';
import { endpointPolicy } from './rules/privatelink/endpoint-policy';
import { endpointPrivateDns } from './rules/privatelink/endpoint-private-dns';
import { notebookAccessDenyGuard } from './rules/privatelink/notebook-access-deny-guard';
import { scpPresignedUrlGuard } from './rules/privatelink/scp-presigned-url-guard';
import { vpnTunnelCrypto } from './rules/privatelink/vpn-tunnel-crypto';

/**
 * Every rule synth runs on every stack: the rows of security-rules.md (scanner and Security Hub
 * checks, in their order) and then the project's own rules where no scanner looks.
 */
export const GUARDRAILS_PACK: readonly Rule[] = [
  // SageMaker notebook
  notebookDirectInternetDisabled,
  notebookRootAccessDisabled,
  notebookVolumeCmk,
  notebookInVpc,
  notebookImdsv2,
  notebookRoleLeastPrivilege,
  notebookSupportedPlatform,
  // Network
  vpcDefaultSgClosed,
  vpcFlowLogs,
  subnetNoPublicIp,
  noDefaultVpc,
  sgDescriptions,
  sgIngressNotOpen,
  sgEgressNotOpen,
  sgAttached,
  vpcEc2Endpoint,
  route53ZonePrivate,
  // Logs and keys
  logGroupKms,
  logGroupRetention,
  kmsKeyRotation,
  kmsKeyEnabled,
  kmsKeyNoPublicPrincipal,
  kmsKeyPolicy,
  // IAM
  policyLiteralJson,
  iamNoAdminStatement,
  iamNoWildcardAction,
  iamNoServiceWildcard,
  iamScopedResources,
  iamNoRiskyActionsOnAll,
  iamKmsDecryptOnKeys,
  iamTrustNarrow,
  iamNoAdminManagedPolicy,
  iamPassroleScoped,
  // Where no scanner looks: endpoints, security groups of endpoints and notebooks, VPN, access guards
  endpointPrivateDns,
  endpointPolicy,
  sgInternetClosed,
  sgRuleNamesPeer,
  vpnTunnelCrypto,
  dxPropagationAfterAssociation,
  notebookAccessDenyGuard,
  scpPresignedUrlGuard,
  // Where stacks meet: one account's names, the order stacks deploy in
  accountWideNamesUnique,
  remoteStateDependency,
];
