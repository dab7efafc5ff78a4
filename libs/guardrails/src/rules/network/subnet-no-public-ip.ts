import { COMPLIANT, nonCompliant, type ResourceRule } from '../../rule';
import { show } from '../../synth-json';

export const subnetNoPublicIp: ResourceRule = {
  id: 'subnet-no-public-ip',
  title: 'A subnet does not give public IP addresses on launch',
  severity: 'error',
  sources: ['CKV_AWS_130', 'EC2.15', 'AWS-0164'],
  rationale: 'A public address on launch makes every instance of the subnet reachable as soon as a route to the internet appears.',
  fix: 'Leave map_public_ip_on_launch out or set it to false (mapPublicIpOnLaunch: false).',
  scope: 'resource',
  resourceTypes: ['aws_subnet'],
  check: ({ attributes }) => {
    const value = attributes['map_public_ip_on_launch'];
    if (value === undefined || value === null || value === false || value === 'false') return COMPLIANT;
    return nonCompliant(`map_public_ip_on_launch is ${show(value)}`);
  },
};
