import { COMPLIANT, nonCompliant, type StackRule } from '../../rule';
import { refersTo, resourcesOfType } from '../../synth-json';

export const vpcEc2Endpoint: StackRule = {
  id: 'vpc-ec2-endpoint',
  title: 'A VPC has an interface endpoint for the EC2 API',
  severity: 'error',
  sources: ['EC2.10'],
  rationale:
    'Without it, EC2 API calls from the VPC (the SDK, the notebook looking up its own network) need a path to the ' +
    'internet; Security Hub looks for this endpoint.',
  fix: 'Keep "ec2" in the default endpoint set: an aws_vpc_endpoint for com.amazonaws.<region>.ec2, type Interface.',
  scope: 'stack',
  check: (stack) => {
    const endpoints = resourcesOfType(stack, 'aws_vpc_endpoint');
    return resourcesOfType(stack, 'aws_vpc').map((vpc) => ({
      address: vpc.address,
      result: endpoints.some(
        (endpoint) =>
          refersTo(endpoint.attributes['vpc_id'], vpc) &&
          endpoint.attributes['vpc_endpoint_type'] === 'Interface' &&
          /^com\.amazonaws\.[a-z0-9-]+\.ec2$/.test(String(endpoint.attributes['service_name'])),
      )
        ? COMPLIANT
        : nonCompliant('no interface endpoint for com.amazonaws.<region>.ec2 refers to it'),
    }));
  },
};
