/**
 * The outputs every stack declares, as data: their names, what they hold, and the handoff contract
 * between the network and SageMaker stacks. Stacks write their outputs through these specs, and
 * tools read them through the same specs (from the synth output, or from deployed state), so an
 * output name is spelt once. No cdktf here: tools that read outputs do not load it.
 */
/** What the SageMaker stack of an env-region needs from its network stack. */
export interface NetworkHandoff {
  readonly vpcId: string;
  readonly vpcCidr: string;
  readonly privateSubnetIds: string[];
  readonly endpointSecurityGroupId: string;
  readonly apiEndpointId: string;
  readonly apiEndpointDnsName: string;
  readonly notebookEndpointId: string;
  readonly notebookEndpointDnsName: string;
  readonly privateZoneId: string;
  readonly s3PrefixListId: string;
}

export interface OutputSpec {
  /** Terraform output name: `<thing>_<attribute>`, stable, part of the contract. */
  readonly output: string;
  readonly description: string;
  readonly list?: true;
}


/** The contract: one documented output per field. Renaming one is a breaking change for both apps. */
export const NETWORK_HANDOFF_OUTPUTS: { readonly [K in keyof NetworkHandoff]: OutputSpec } = {
  vpcId: { output: 'vpc_id', description: 'ID of the private VPC.' },
  vpcCidr: { output: 'vpc_cidr', description: 'CIDR block of the private VPC.' },
  privateSubnetIds: {
    output: 'private_subnet_ids',
    description: 'IDs of the private subnets, one per availability zone, in config order.',
    list: true,
  },
  endpointSecurityGroupId: {
    output: 'endpoint_security_group_id',
    description: 'Security group of the interface endpoints (HTTPS from the VPC and on-premises only).',
  },
  apiEndpointId: { output: 'api_endpoint_id', description: 'ID of the SageMaker API interface endpoint (aws:sourceVpce).' },
  apiEndpointDnsName: {
    output: 'api_endpoint_dns_name',
    description: 'Regional DNS name of the SageMaker API endpoint, for --endpoint-url.',
  },
  notebookEndpointId: {
    output: 'notebook_endpoint_id',
    description: 'ID of the SageMaker notebook interface endpoint (aws:sourceVpce).',
  },
  notebookEndpointDnsName: {
    output: 'notebook_endpoint_dns_name',
    description: 'Regional DNS name of the SageMaker notebook endpoint.',
  },
  privateZoneId: {
    output: 'private_zone_id',
    description: "ID of the private hosted zone whose DNS-only names resolve to the endpoints (HTTPS uses the endpoints' own names).",
  },
  s3PrefixListId: {
    output: 's3_prefix_list_id',
    description: 'Prefix list of the S3 gateway endpoint, for HTTPS egress rules to S3.',
  },
};


/** The network stack's other outputs, for people and for `npm run notebook`. */
export const NETWORK_OUTPUTS = {
  vpnGatewayId: { output: 'vpn_gateway_id', description: 'ID of the VPN gateway attached to the VPC.' },
  vpnConnectionId: { output: 'vpn_connection_id', description: 'ID of the site-to-site VPN connection.' },
  resolverInboundIpAddresses: {
    output: 'resolver_inbound_ip_addresses',
    description:
      "Addresses on-premises DNS forwards the private zone's and the region's *.amazonaws.com / *.sagemaker.aws queries to.",
    list: true,
  },
  privateZoneCheckNames: {
    output: 'private_zone_check_names',
    description:
      'DNS-only names in the private zone, one per endpoint: resolve them (dig, nslookup) to check that DNS reaches the VPC. ' +
      "Not for https:// or --endpoint-url: the endpoints' certificates do not carry them.",
    list: true,
  },
  listNotebooksCommand: {
    output: 'list_notebooks_command',
    description: 'AWS CLI command that lists notebooks through the SageMaker API endpoint (run it from the VPC or on-premises).',
  },
} as const satisfies Readonly<Record<string, OutputSpec>>;

/** The SageMaker stack's outputs. */
export const SAGEMAKER_OUTPUTS = {
  notebookNames: { output: 'notebook_names', description: 'Names of the notebook instances in this region.', list: true },
  notebookArns: { output: 'notebook_arns', description: 'ARNs of the notebook instances in this region.', list: true },
  presignedUrlCommands: {
    output: 'presigned_url_commands',
    description: 'Per notebook, the AWS CLI command that gets a presigned URL through the SageMaker API endpoint.',
  },
  notebookUserRoleArn: { output: 'notebook_user_role_arn', description: 'Role the configured principals assume to open the notebooks.' },
  notebookUsersGroupName: { output: 'notebook_users_group_name', description: 'IAM group whose members may open the notebooks.' },
  notebookAccessPolicyArn: {
    output: 'notebook_access_policy_arn',
    description: 'Managed policy that opens the notebooks only through the endpoints.',
  },
} as const satisfies Readonly<Record<string, OutputSpec>>;

/** The organization stack's outputs. */
export const ORGANIZATION_OUTPUTS = {
  scpId: { output: 'scp_id', description: 'ID of the organization SCP that keeps the notebooks on PrivateLink.' },
} as const satisfies Readonly<Record<string, OutputSpec>>;
