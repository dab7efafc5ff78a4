import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { OrganizationsPolicy } from '@cdktf/provider-aws/lib/organizations-policy';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcEndpointPolicy } from '@cdktf/provider-aws/lib/vpc-endpoint-policy';
import { VpnConnection, type VpnConnectionConfig } from '@cdktf/provider-aws/lib/vpn-connection';
import {
  endpointPolicy as ownAccountEndpointPolicy,
  notebookAccessPolicy,
  notebookGuardScp,
  policyDocument,
  renderPolicy,
  s3GatewayPolicy,
  stsEndpointPolicy,
  type PolicyDocument,
  type PolicyStatement,
} from '@privatelink/policies';
import type { Construct } from 'constructs';
import {
  accessPolicy,
  ACCOUNT_ID,
  compliantCount,
  ENDPOINT_IDS,
  expectedMessage,
  guardScp,
  messagesOf,
  privateNetwork,
  REGION,
  synthTestStack,
} from '../../testing';
import { endpointPolicy } from './endpoint-policy';
import { endpointPrivateDns } from './endpoint-private-dns';
import { notebookAccessDenyGuard } from './notebook-access-deny-guard';
import { scpPresignedUrlGuard } from './scp-presigned-url-guard';
import { STRONG_TUNNEL_CRYPTO, vpnTunnelCrypto } from './vpn-tunnel-crypto';

const PRESIGNED = 'sagemaker:CreatePresignedNotebookInstanceUrl';
const PRINCIPAL_KEYS = 'aws:PrincipalAccount / aws:PrincipalOrgID / aws:PrincipalOrgPaths / aws:PrincipalArn';
const RESOURCE_KEYS = 'aws:ResourceAccount / aws:ResourceOrgID / aws:ResourceOrgPaths';

/** Both tunnels, both phases, as OnPremConnectivity sets them (TUNNEL_CRYPTO). */
function strongTunnels(): Partial<VpnConnectionConfig> {
  const settings: Record<string, unknown> = {};
  for (const tunnel of ['tunnel1', 'tunnel2']) {
    settings[`${tunnel}IkeVersions`] = [...STRONG_TUNNEL_CRYPTO.ike_versions];
    for (const phase of ['Phase1', 'Phase2']) {
      settings[`${tunnel}${phase}EncryptionAlgorithms`] = [...STRONG_TUNNEL_CRYPTO.encryption_algorithms];
      settings[`${tunnel}${phase}IntegrityAlgorithms`] = [...STRONG_TUNNEL_CRYPTO.integrity_algorithms];
      settings[`${tunnel}${phase}DhGroupNumbers`] = [...STRONG_TUNNEL_CRYPTO.dh_group_numbers];
    }
  }
  return settings as Partial<VpnConnectionConfig>;
}

function vpn(scope: Construct, overrides: Partial<VpnConnectionConfig> = {}): VpnConnection {
  return new VpnConnection(scope, 'vpn', {
    type: 'ipsec.1',
    vpnGatewayId: 'vgw-0123456789abcdef0',
    customerGatewayId: 'cgw-0123456789abcdef0',
    ...strongTunnels(),
    ...overrides,
  });
}

// GIVEN the endpoints, VPN, access policy and SCP as the stacks build them
const secure = synthTestStack((stack) => {
  privateNetwork(stack);
  vpn(stack);
  accessPolicy(stack);
  guardScp(stack);
});

test.each(
  [endpointPrivateDns, endpointPolicy, vpnTunnelCrypto, notebookAccessDenyGuard, scpPresignedUrlGuard].map((rule) => [rule.id, rule]),
)('%s: the PrivateLink resources comply', (_id, rule) => {
  expect(messagesOf(rule, secure)).toEqual([]);
  expect(compliantCount(rule, secure)).toBeGreaterThan(0);
});

describe('endpoint-private-dns', () => {
  test('refuses an interface endpoint without private DNS; a gateway endpoint has none', () => {
    const stack = synthTestStack((scope) => {
      const { vpc } = privateNetwork(scope, { endpoint: { privateDnsEnabled: false } });
      new VpcEndpoint(scope, 's3', {
        vpcId: vpc.id,
        serviceName: `com.amazonaws.${REGION}.s3`,
        vpcEndpointType: 'Gateway',
        policy: renderPolicy(ownAccountEndpointPolicy({ accountId: ACCOUNT_ID })),
      });
    });
    expect(messagesOf(endpointPrivateDns, stack)).toEqual([
      expectedMessage(endpointPrivateDns, 'aws_vpc_endpoint.ec2-endpoint', 'private_dns_enabled is false'),
    ]);
  });
});

describe('endpoint-policy', () => {
  test('refuses an endpoint without a policy (AWS then admits every principal of every account)', () => {
    const stack = synthTestStack((scope) => privateNetwork(scope, { endpoint: { policy: undefined } }));
    expect(messagesOf(endpointPolicy, stack)).toEqual([
      expectedMessage(endpointPolicy, 'aws_vpc_endpoint.ec2-endpoint', 'has no policy, so it admits every principal of every account'),
    ]);
  });

  test('refuses an Allow to "*" that no principal condition ties to our account', () => {
    const open = policyDocument({
      Sid: 'AnyoneOverTls',
      Effect: 'Allow',
      Principal: '*',
      Action: '*',
      Resource: '*',
      Condition: { Bool: { 'aws:SecureTransport': 'true' } },
    });
    const stack = synthTestStack((scope) => privateNetwork(scope, { endpoint: { policy: renderPolicy(open) } }));
    expect(messagesOf(endpointPolicy, stack)).toEqual([
      expectedMessage(
        endpointPolicy,
        'aws_vpc_endpoint.ec2-endpoint',
        `AnyoneOverTls allows principal "*" without ${PRINCIPAL_KEYS} and without a resource perimeter (${RESOURCE_KEYS})`,
      ),
    ]);
  });

  /** An interface endpoint whose policy is the given statements. */
  const withPolicy = (...statements: PolicyStatement[]) =>
    synthTestStack((scope) => privateNetwork(scope, { endpoint: { policy: renderPolicy(policyDocument(...statements)) } }));
  const ownPrincipals = { 'aws:PrincipalAccount': ACCOUNT_ID };
  const allowAll = (sid: string, condition: PolicyStatement['Condition']): PolicyStatement => ({
    Sid: sid,
    Effect: 'Allow',
    Principal: '*',
    Action: '*',
    Resource: '*',
    ...(condition ? { Condition: condition } : {}),
  });

  test('refuses the principal-only policy: own credentials could carry data to any account\'s resources', () => {
    expect(messagesOf(endpointPolicy, withPolicy(allowAll('OwnAccountPrincipalsOnly', { StringEquals: ownPrincipals })))).toEqual([
      expectedMessage(
        endpointPolicy,
        'aws_vpc_endpoint.ec2-endpoint',
        `OwnAccountPrincipalsOnly allows principal "*" without a resource perimeter (${RESOURCE_KEYS})`,
      ),
    ]);
  });

  test.each([
    ['aws:ResourceAccount', { StringEquals: { ...ownPrincipals, 'aws:ResourceAccount': ACCOUNT_ID } }],
    ['aws:ResourceOrgID', { StringEquals: { ...ownPrincipals, 'aws:ResourceOrgID': 'o-a1b2c3d4e5' } }],
    ['aws:PrincipalOrgID and aws:ResourceOrgPaths', { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' }, StringLike: { 'aws:ResourceOrgPaths': 'o-a1b2c3d4e5/r-ab12/*' } }],
  ])('accepts a principal condition with a resource perimeter by %s', (_case, condition) => {
    const stack = withPolicy(allowAll('Bounded', condition));
    expect(messagesOf(endpointPolicy, stack)).toEqual([]);
    expect(compliantCount(endpointPolicy, stack)).toBe(1);
  });

  test.each([
    ['under IfExists (an absent key passes)', { StringEquals: ownPrincipals, StringEqualsIfExists: { 'aws:ResourceAccount': ACCOUNT_ID } }],
    ['negated', { StringEquals: ownPrincipals, StringNotEquals: { 'aws:ResourceAccount': '444455556666' } }],
    ['matching anything', { StringEquals: ownPrincipals, StringLike: { 'aws:ResourceAccount': '*' } }],
  ])('refuses a resource perimeter %s', (_case, condition) => {
    expect(messagesOf(endpointPolicy, withPolicy(allowAll('Loose', condition)))).toEqual([
      expectedMessage(endpointPolicy, 'aws_vpc_endpoint.ec2-endpoint', `Loose allows principal "*" without a resource perimeter (${RESOURCE_KEYS})`),
    ]);
  });

  describe('the STS federated sign-in exception', () => {
    const signIn = (change: Partial<PolicyStatement> = {}): PolicyStatement => ({
      ...stsEndpointPolicy({ accountId: ACCOUNT_ID }).Statement[1],
      ...change,
    });

    test('accepts the STS endpoint policy: SAML/OIDC sign-in carries no principal keys, only the role\'s account', () => {
      const stack = withPolicy(...stsEndpointPolicy({ accountId: ACCOUNT_ID }).Statement);
      expect(messagesOf(endpointPolicy, stack)).toEqual([]);
      expect(compliantCount(endpointPolicy, stack)).toBe(1);
    });

    test('refuses it without the resource perimeter', () => {
      expect(messagesOf(endpointPolicy, withPolicy(signIn({ Condition: undefined })))).toEqual([
        expectedMessage(
          endpointPolicy,
          'aws_vpc_endpoint.ec2-endpoint',
          `FederatedSignInToOwnRoles allows principal "*" without ${PRINCIPAL_KEYS} and without a resource perimeter (${RESOURCE_KEYS})`,
        ),
      ]);
    });

    test('refuses it widened to another action', () => {
      expect(messagesOf(endpointPolicy, withPolicy(signIn({ Action: ['sts:AssumeRoleWithSAML', 'sts:AssumeRole'] })))).toEqual([
        expectedMessage(endpointPolicy, 'aws_vpc_endpoint.ec2-endpoint', `FederatedSignInToOwnRoles allows principal "*" without ${PRINCIPAL_KEYS}`),
      ]);
    });
  });

  /** An S3 gateway endpoint with the policy of the network stack (with ECR configured), changed by `edit`. */
  const s3Gateway = (edit: (statements: PolicyStatement[]) => PolicyStatement[] = (statements) => statements) =>
    synthTestStack((scope) => {
      const { vpc } = privateNetwork(scope);
      const document = s3GatewayPolicy({ accountId: ACCOUNT_ID, region: REGION, allowEcrLayers: true });
      new VpcEndpoint(scope, 's3', {
        vpcId: vpc.id,
        serviceName: `com.amazonaws.${REGION}.s3`,
        vpcEndpointType: 'Gateway',
        policy: renderPolicy(policyDocument(...edit([...document.Statement]))),
      });
    });
  const widened = (sid: string, change: Partial<PolicyStatement>) => (statements: PolicyStatement[]) =>
    statements.map((s) => (s.Sid === sid ? { ...s, ...change } : s));

  test('accepts the documented S3 exceptions: reads of the region\'s ECR layer bucket and Amazon Linux repositories', () => {
    const stack = s3Gateway();
    expect(messagesOf(endpointPolicy, stack)).toEqual([]);
    expect(compliantCount(endpointPolicy, stack)).toBe(2);
  });

  test.each([
    ['a write to the layer bucket', 'EcrImageLayers', { Action: ['s3:GetObject', 's3:PutObject'] }],
    ['another bucket', 'EcrImageLayers', { Resource: 'arn:aws:s3:::attacker-bucket/*' }],
    ['every bucket', 'EcrImageLayers', { Resource: 'arn:aws:s3:::*/*' }],
    ['a bucket named like a repository', 'AmazonLinux2Repositories', { Resource: [`arn:aws:s3:::amazonlinux-2-repos-${REGION}-mine/*`] }],
    ['a listing of the repository', 'AmazonLinux2023Repositories', { Action: ['s3:GetObject', 's3:ListBucket'] }],
    ['a write to the repository', 'AmazonLinux2023Repositories', { Action: 's3:PutObject' }],
  ])('refuses the exception widened to %s', (_case, sid, change) => {
    expect(messagesOf(endpointPolicy, s3Gateway(widened(sid, change)))).toEqual([
      expectedMessage(
        endpointPolicy,
        'aws_vpc_endpoint.s3',
        `${sid} allows principal "*" without ${PRINCIPAL_KEYS} and without a resource perimeter (${RESOURCE_KEYS})`,
      ),
    ]);
  });

  test('accepts the policy as a separate aws_vpc_endpoint_policy', () => {
    const stack = synthTestStack((scope) => {
      const { ec2Endpoint } = privateNetwork(scope, { endpoint: { policy: undefined } });
      new VpcEndpointPolicy(scope, 'ec2-policy', {
        vpcEndpointId: ec2Endpoint?.id ?? '',
        policy: renderPolicy(ownAccountEndpointPolicy({ accountId: ACCOUNT_ID })),
      });
    });
    expect(messagesOf(endpointPolicy, stack)).toEqual([]);
    expect(compliantCount(endpointPolicy, stack)).toBe(1);
  });
});

describe('vpn-tunnel-crypto', () => {
  test('refuses IKEv1, weak ciphers and DH groups, and settings left to the AWS defaults, per tunnel and phase', () => {
    const stack = synthTestStack((scope) =>
      vpn(scope, {
        tunnel1IkeVersions: ['ikev1', 'ikev2'],
        tunnel1Phase1EncryptionAlgorithms: ['AES128', 'AES256'],
        tunnel2Phase2IntegrityAlgorithms: ['SHA1', 'SHA2-256'],
        tunnel2Phase2DhGroupNumbers: undefined,
        tunnel2Phase1DhGroupNumbers: [2, 14, 24],
      }),
    );
    expect(messagesOf(vpnTunnelCrypto, stack)).toEqual([
      expectedMessage(
        vpnTunnelCrypto,
        'aws_vpn_connection.vpn',
        'tunnel1_ike_versions offers "ikev1"; tunnel1_phase1_encryption_algorithms offers "AES128"; ' +
          'tunnel2_phase1_dh_group_numbers offers 2, 24; tunnel2_phase2_integrity_algorithms offers "SHA1"; ' +
          'tunnel2_phase2_dh_group_numbers is not set, so AWS also offers its weak defaults',
      ),
    ]);
  });

  test('refuses a VPN with no tunnel options at all', () => {
    const stack = synthTestStack(
      (scope) => new VpnConnection(scope, 'vpn', { type: 'ipsec.1', vpnGatewayId: 'vgw-1', customerGatewayId: 'cgw-1' }),
    );
    const [message] = messagesOf(vpnTunnelCrypto, stack);
    expect(message.match(/is not set/g)).toHaveLength(14);
  });
});

const NOTEBOOK_ARN = `arn:aws:sagemaker:${REGION}:${ACCOUNT_ID}:notebook-instance/research`;
const accessDocument = (mode: 'sourceVpce' | 'sourceVpc' = 'sourceVpce') =>
  notebookAccessPolicy({
    accountId: ACCOUNT_ID,
    region: REGION,
    notebookNames: ['research'],
    notebookEndpointId: ENDPOINT_IDS[0],
    apiEndpointId: ENDPOINT_IDS[1],
    vpcId: '${aws_vpc.vpc.id}',
    mode,
  });
/** The access policy with its statements changed by `edit`. */
const editedAccessPolicy = (edit: (statements: PolicyStatement[]) => PolicyStatement[], document: PolicyDocument = accessDocument()) =>
  synthTestStack((scope) => new IamPolicy(scope, 'access', { policy: renderPolicy(policyDocument(...edit([...document.Statement]))) }));
const withoutDenyGuard = (statements: PolicyStatement[]) => statements.filter((s) => s.Sid !== 'DenyPresignedUrlOutsideEndpoints');
const unguarded =
  `OpenNotebooksThroughEndpoints allows ${PRESIGNED} through aws:SourceVpce but no Deny of it with only ` +
  'StringNotEquals aws:SourceVpce on the same values and notebooks guards it';

describe('notebook-access-deny-guard', () => {
  test('accepts the access policy in sourceVpc mode too', () => {
    const stack = editedAccessPolicy((statements) => statements, accessDocument('sourceVpc'));
    expect(messagesOf(notebookAccessDenyGuard, stack)).toEqual([]);
    expect(compliantCount(notebookAccessDenyGuard, stack)).toBe(1);
  });

  test('refuses the Allow once its Deny guard is gone', () => {
    expect(messagesOf(notebookAccessDenyGuard, editedAccessPolicy(withoutDenyGuard))).toEqual([
      expectedMessage(notebookAccessDenyGuard, 'aws_iam_policy.access', unguarded),
    ]);
  });

  test('refuses a Deny narrowed by another condition, or on other endpoints', () => {
    const narrowed = editedAccessPolicy((statements) =>
      statements.map((s) =>
        s.Sid === 'DenyPresignedUrlOutsideEndpoints'
          ? { ...s, Condition: { ...s.Condition, BoolIfExists: { 'aws:ViaAWSService': 'false' } } }
          : s,
      ),
    );
    const otherEndpoint = editedAccessPolicy((statements) =>
      statements.map((s) =>
        s.Sid === 'DenyPresignedUrlOutsideEndpoints'
          ? { ...s, Condition: { StringNotEquals: { 'aws:SourceVpce': ['vpce-0123456789abcdef0'] } } }
          : s,
      ),
    );
    for (const stack of [narrowed, otherEndpoint]) {
      expect(messagesOf(notebookAccessDenyGuard, stack)).toEqual([expectedMessage(notebookAccessDenyGuard, 'aws_iam_policy.access', unguarded)]);
    }
  });

  test('refuses an Allow of the URL with no endpoint condition, even through sagemaker:*', () => {
    const stack = editedAccessPolicy(() => [{ Sid: 'OpenAnywhere', Effect: 'Allow', Action: 'sagemaker:*', Resource: NOTEBOOK_ARN }]);
    expect(messagesOf(notebookAccessDenyGuard, stack)).toEqual([
      expectedMessage(
        notebookAccessDenyGuard,
        'aws_iam_policy.access',
        `OpenAnywhere allows ${PRESIGNED} without a StringEquals aws:SourceVpce or aws:SourceVpc condition`,
      ),
    ]);
  });
});

describe('scp-presigned-url-guard', () => {
  const breakGlass = `arn:aws:iam::${ACCOUNT_ID}:role/BreakGlassAdmin`;
  const guardDocument = () => notebookGuardScp({ allowedEndpointIds: ENDPOINT_IDS, breakGlassPrincipalArns: [breakGlass] });
  const scpWith = (edit: (statements: PolicyStatement[]) => PolicyStatement[]) =>
    synthTestStack(
      (scope) => new OrganizationsPolicy(scope, 'scp', { name: 'guard', content: renderPolicy(policyDocument(...edit([...guardDocument().Statement]))) }),
    );
  const editGuard = (change: (statement: PolicyStatement) => PolicyStatement) => (statements: PolicyStatement[]) =>
    statements.map((s) => (s.Sid === 'DenyPresignedNotebookUrlOutsideEndpoints' ? change(s) : s));
  const scp = 'aws_organizations_policy.scp';

  test('refuses an SCP about SageMaker that leaves the presigned-URL call out', () => {
    const stack = scpWith((statements) => statements.filter((s) => s.Sid !== 'DenyPresignedNotebookUrlOutsideEndpoints'));
    expect(messagesOf(scpPresignedUrlGuard, stack)).toEqual([expectedMessage(scpPresignedUrlGuard, scp, `has no Deny of ${PRESIGNED}`)]);
  });

  test('refuses a break-glass exemption that matches every role, and a Deny on one notebook only', () => {
    const stack = scpWith(
      editGuard((s) => ({
        ...s,
        Resource: NOTEBOOK_ARN,
        Condition: { ...s.Condition, ArnNotEquals: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/*'] } },
      })),
    );
    expect(messagesOf(scpPresignedUrlGuard, stack)).toEqual([
      expectedMessage(
        scpPresignedUrlGuard,
        scp,
        'DenyPresignedNotebookUrlOutsideEndpoints denies the call on some notebooks only (Resource must be "*"); ' +
          'DenyPresignedNotebookUrlOutsideEndpoints exempts "arn:aws:iam::*:role/*", which names no principal',
      ),
    ]);
  });

  test('refuses a break-glass exemption by wildcard pattern: whoever creates a matching role is exempt', () => {
    const pattern = `arn:aws:iam::${ACCOUNT_ID}:role/BreakGlass*`;
    const stack = scpWith(editGuard((s) => ({ ...s, Condition: { ...s.Condition, ArnNotEquals: { 'aws:PrincipalArn': [breakGlass, pattern] } } })));
    expect(messagesOf(scpPresignedUrlGuard, stack)).toEqual([
      expectedMessage(
        scpPresignedUrlGuard,
        scp,
        `DenyPresignedNotebookUrlOutsideEndpoints exempts ${JSON.stringify(pattern)} by a wildcard pattern; name exact role ARNs`,
      ),
    ]);
  });

  test('refuses a wildcard exemption in any other Deny of the SCP, such as the protection of the break-glass roles', () => {
    const pattern = 'arn:aws:iam::*:role/BreakGlassAdmin';
    const stack = scpWith((statements) =>
      statements.map((s) => (s.Sid === 'ProtectBreakGlassRoles' ? { ...s, Condition: { ArnNotLike: { 'aws:PrincipalArn': [pattern] } } } : s)),
    );
    expect(messagesOf(scpPresignedUrlGuard, stack)).toEqual([
      expectedMessage(scpPresignedUrlGuard, scp, `ProtectBreakGlassRoles exempts ${JSON.stringify(pattern)} by a wildcard pattern; name exact role ARNs`),
    ]);
  });

  test('accepts exact break-glass role ARNs and Terraform references to roles', () => {
    const stack = scpWith(editGuard((s) => ({ ...s, Condition: { ...s.Condition, ArnNotEquals: { 'aws:PrincipalArn': [breakGlass, '${aws_iam_role.break_glass.arn}'] } } })));
    expect(messagesOf(scpPresignedUrlGuard, stack)).toEqual([]);
    expect(compliantCount(scpPresignedUrlGuard, stack)).toBe(1);
  });

  test('refuses a Deny that another condition narrows, or that has no endpoint condition', () => {
    const narrowed = scpWith(editGuard((s) => ({ ...s, Condition: { ...s.Condition, StringEquals: { 'aws:RequestedRegion': REGION } } })));
    expect(messagesOf(scpPresignedUrlGuard, narrowed)).toEqual([
      expectedMessage(
        scpPresignedUrlGuard,
        scp,
        'DenyPresignedNotebookUrlOutsideEndpoints also depends on StringEquals aws:RequestedRegion, which narrows the Deny',
      ),
    ]);
    const unconditioned = scpWith(editGuard((s) => ({ ...s, Condition: { ArnNotEquals: { 'aws:PrincipalArn': [breakGlass] } } })));
    expect(messagesOf(scpPresignedUrlGuard, unconditioned)).toEqual([
      expectedMessage(
        scpPresignedUrlGuard,
        scp,
        'DenyPresignedNotebookUrlOutsideEndpoints is not conditioned on StringNotEquals aws:SourceVpce (or aws:SourceVpc)',
      ),
    ]);
  });

  test('is not applicable to an SCP that is not about SageMaker', () => {
    const stack = synthTestStack(
      (scope) =>
        new OrganizationsPolicy(scope, 'regions', {
          name: 'regions',
          content: renderPolicy(
            policyDocument({
              Sid: 'DenyOtherRegions',
              Effect: 'Deny',
              NotAction: ['iam:*', 'sts:*'],
              Resource: '*',
              Condition: { StringNotEquals: { 'aws:RequestedRegion': [REGION] } },
            }),
          ),
        }),
    );
    expect(messagesOf(scpPresignedUrlGuard, stack)).toEqual([]);
    expect(compliantCount(scpPresignedUrlGuard, stack)).toBe(0);
  });
});
