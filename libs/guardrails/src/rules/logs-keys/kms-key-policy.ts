import { COMPLIANT, nonCompliant, type StackRule } from '../../rule';
import { isSet, refersTo, resourcesOfType } from '../../synth-json';

export const kmsKeyPolicy: StackRule = {
  id: 'kms-key-policy',
  title: 'A KMS key has a key policy of its own',
  severity: 'error',
  sources: ['CKV2_AWS_64'],
  rationale:
    'Without one, AWS applies the default policy: the whole account administers and uses the key through IAM, and ' +
    'no service is limited to the resources it serves.',
  fix: 'Set policy on the aws_kms_key (or add an aws_kms_key_policy for it), rendered from a builder such as logsKeyPolicy.',
  scope: 'stack',
  check: (stack) => {
    const keyPolicies = resourcesOfType(stack, 'aws_kms_key_policy');
    return resourcesOfType(stack, 'aws_kms_key').map((key) => ({
      address: key.address,
      result:
        isSet(key.attributes['policy']) || keyPolicies.some((policy) => refersTo(policy.attributes['key_id'], key))
          ? COMPLIANT
          : nonCompliant('has no policy, so AWS applies its default key policy'),
    }));
  },
};
