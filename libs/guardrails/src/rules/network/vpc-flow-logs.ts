import { COMPLIANT, nonCompliant, type StackRule } from '../../rule';
import { refersTo, resourcesOfType } from '../../synth-json';

export const vpcFlowLogs: StackRule = {
  id: 'vpc-flow-logs',
  title: 'A VPC has flow logs',
  severity: 'error',
  sources: ['CKV2_AWS_11', 'EC2.6', 'AWS-0178'],
  rationale: 'Without flow logs nobody can tell afterwards what reached the endpoints and notebooks, or from where.',
  fix: 'Add an aws_flow_log with vpc_id = <vpc>.id and traffic_type = "ALL" (VpcFlowLogs does this).',
  scope: 'stack',
  check: (stack) => {
    const flowLogs = resourcesOfType(stack, 'aws_flow_log');
    return resourcesOfType(stack, 'aws_vpc').map((vpc) => ({
      address: vpc.address,
      result: flowLogs.some((flowLog) => refersTo(flowLog.attributes['vpc_id'], vpc))
        ? COMPLIANT
        : nonCompliant('no aws_flow_log refers to it'),
    }));
  },
};
