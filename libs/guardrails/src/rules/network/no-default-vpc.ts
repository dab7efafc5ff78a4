import { nonCompliant, type ResourceRule } from '../../rule';

export const noDefaultVpc: ResourceRule = {
  id: 'no-default-vpc',
  title: "The account's default VPC is not managed here",
  severity: 'error',
  sources: ['CKV_AWS_148', 'AWS-0101'],
  rationale:
    'The default VPC has an internet gateway and public subnets; declaring aws_default_vpc adopts it into this ' +
    'configuration and invites workloads into it.',
  fix: 'Remove the aws_default_vpc resource; place resources in the private VPC of the network stack.',
  scope: 'resource',
  resourceTypes: ['aws_default_vpc'],
  check: () => nonCompliant('declares aws_default_vpc'),
};
