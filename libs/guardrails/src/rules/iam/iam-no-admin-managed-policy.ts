import { fromProblems, type ResourceRule } from '../../rule';
import { strings } from '../../synth-json';

const ADMIN_POLICIES = /:policy\/(AdministratorAccess|IAMFullAccess)$/;

export const iamNoAdminManagedPolicy: ResourceRule = {
  id: 'iam-no-admin-managed-policy',
  title: 'No role, group or user gets AdministratorAccess or IAMFullAccess',
  severity: 'error',
  sources: ['CKV_AWS_274'],
  rationale: 'Either policy lets the holder rewrite every guard of this project, the notebook access Deny included.',
  fix: 'Attach a policy of this configuration that names the actions needed, never an AWS administrator policy.',
  scope: 'resource',
  resourceTypes: [
    'aws_iam_role',
    'aws_iam_role_policy_attachment',
    'aws_iam_group_policy_attachment',
    'aws_iam_user_policy_attachment',
    'aws_iam_policy_attachment',
  ],
  check: ({ type, attributes }) => {
    const arns = type === 'aws_iam_role' ? strings(attributes['managed_policy_arns']) : strings(attributes['policy_arn']);
    return fromProblems(arns.filter((arn) => ADMIN_POLICIES.test(arn)).map((arn) => `attaches ${arn}`));
  },
};
