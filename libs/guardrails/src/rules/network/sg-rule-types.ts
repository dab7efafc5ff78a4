/** Security group rule resources: the classic one and the two per-direction ones. */
export const SG_RULE_TYPES = [
  'aws_security_group_rule',
  'aws_vpc_security_group_ingress_rule',
  'aws_vpc_security_group_egress_rule',
];
