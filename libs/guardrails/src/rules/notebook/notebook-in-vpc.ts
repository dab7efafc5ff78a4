import { fromProblems, type ResourceRule } from '../../rule';
import { isSet, strings } from '../../synth-json';

export const notebookInVpc: ResourceRule = {
  id: 'notebook-in-vpc',
  title: 'A notebook runs in a subnet of the VPC, behind security groups',
  severity: 'error',
  sources: ['CKV_AWS_306', 'SageMaker.2'],
  rationale:
    'Without a subnet the notebook runs in the SageMaker service network, outside the VPC: no flow logs, no ' +
    'security groups, no PrivateLink-only path.',
  fix: 'Set subnet_id to a private subnet and security_groups to the notebook security group (subnetId, securityGroups).',
  scope: 'resource',
  resourceTypes: ['aws_sagemaker_notebook_instance'],
  check: ({ attributes }) =>
    fromProblems([
      ...(isSet(attributes['subnet_id']) ? [] : ['subnet_id is not set']),
      ...(strings(attributes['security_groups']).some((group) => group.trim() !== '') ? [] : ['security_groups is empty']),
    ]),
};
