import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { SagemakerNotebookInstance } from '@cdktf/provider-aws/lib/sagemaker-notebook-instance';
import { NOTEBOOK_PLATFORMS } from '@privatelink/config';
import { policyDocument, renderPolicy } from '@privatelink/policies';
import { addressOf, compliantCount, expectedMessage, messagesOf, secureNotebook, synthTestStack, type SecureNotebook } from '../../testing';
import { notebookDirectInternetDisabled } from './notebook-direct-internet-disabled';
import { notebookImdsv2 } from './notebook-imdsv2';
import { notebookInVpc } from './notebook-in-vpc';
import { notebookRoleLeastPrivilege } from './notebook-role-least-privilege';
import { notebookRootAccessDisabled } from './notebook-root-access-disabled';
import { notebookSupportedPlatform, SUPPORTED_NOTEBOOK_PLATFORMS } from './notebook-supported-platform';
import { notebookVolumeCmk } from './notebook-volume-cmk';

// GIVEN a notebook as NotebookFleet builds it
let built: SecureNotebook;
const secure = synthTestStack((stack) => {
  built = secureNotebook(stack);
});
const notebook = 'aws_sagemaker_notebook_instance.notebook';

/** WHEN one setting of the secure notebook is changed */
const notebookWith = (overrides: Parameters<typeof secureNotebook>[1]) => synthTestStack((stack) => secureNotebook(stack, overrides));

const rules = [
  notebookDirectInternetDisabled,
  notebookRootAccessDisabled,
  notebookVolumeCmk,
  notebookInVpc,
  notebookImdsv2,
  notebookRoleLeastPrivilege,
  notebookSupportedPlatform,
];

test.each(rules.map((rule) => [rule.id, rule]))('%s: the secure notebook complies', (_id, rule) => {
  expect(messagesOf(rule, secure)).toEqual([]);
  expect(compliantCount(rule, secure)).toBe(1);
  expect(addressOf(built.notebook)).toBe(notebook);
});

describe('notebook-direct-internet-disabled', () => {
  test('refuses Enabled', () => {
    expect(messagesOf(notebookDirectInternetDisabled, notebookWith({ directInternetAccess: 'Enabled' }))).toEqual([
      expectedMessage(notebookDirectInternetDisabled, notebook, 'direct_internet_access is "Enabled"'),
    ]);
  });

  test('refuses a notebook that leaves it out (AWS defaults to Enabled; Checkov would pass it)', () => {
    expect(messagesOf(notebookDirectInternetDisabled, notebookWith({ directInternetAccess: undefined }))).toEqual([
      expectedMessage(notebookDirectInternetDisabled, notebook, 'direct_internet_access is not set, and AWS then enables it'),
    ]);
  });
});

describe('notebook-root-access-disabled', () => {
  test('refuses Enabled and a missing setting', () => {
    expect(messagesOf(notebookRootAccessDisabled, notebookWith({ rootAccess: 'Enabled' }))).toEqual([
      expectedMessage(notebookRootAccessDisabled, notebook, 'root_access is "Enabled"'),
    ]);
    expect(messagesOf(notebookRootAccessDisabled, notebookWith({ rootAccess: undefined }))).toEqual([
      expectedMessage(notebookRootAccessDisabled, notebook, 'root_access is not set, and AWS then enables it'),
    ]);
  });
});

describe('notebook-volume-cmk', () => {
  test('refuses a notebook without kms_key_id, and the AWS-managed key', () => {
    expect(messagesOf(notebookVolumeCmk, notebookWith({ kmsKeyId: undefined }))).toEqual([
      expectedMessage(notebookVolumeCmk, notebook, 'kms_key_id is not set'),
    ]);
    expect(messagesOf(notebookVolumeCmk, notebookWith({ kmsKeyId: 'alias/aws/sagemaker' }))).toEqual([
      expectedMessage(notebookVolumeCmk, notebook, 'kms_key_id is "alias/aws/sagemaker", an AWS-managed key'),
    ]);
  });
});

describe('notebook-in-vpc', () => {
  test('refuses a notebook outside the VPC, and one without security groups', () => {
    expect(messagesOf(notebookInVpc, notebookWith({ subnetId: undefined, securityGroups: undefined }))).toEqual([
      expectedMessage(notebookInVpc, notebook, 'subnet_id is not set; security_groups is empty'),
    ]);
    expect(messagesOf(notebookInVpc, notebookWith({ securityGroups: [] }))).toEqual([
      expectedMessage(notebookInVpc, notebook, 'security_groups is empty'),
    ]);
  });
});

describe('notebook-imdsv2', () => {
  test('refuses IMDSv1 and a missing setting', () => {
    expect(
      messagesOf(notebookImdsv2, notebookWith({ instanceMetadataServiceConfiguration: { minimumInstanceMetadataServiceVersion: '1' } })),
    ).toEqual([expectedMessage(notebookImdsv2, notebook, 'minimum_instance_metadata_service_version is "1"')]);
    expect(messagesOf(notebookImdsv2, notebookWith({ instanceMetadataServiceConfiguration: undefined }))).toEqual([
      expectedMessage(notebookImdsv2, notebook, 'minimum_instance_metadata_service_version is not set'),
    ]);
  });
});

describe('notebook-supported-platform', () => {
  test('refuses an end-of-support platform and a missing one', () => {
    expect(messagesOf(notebookSupportedPlatform, notebookWith({ platformIdentifier: 'notebook-al1-v1' }))).toEqual([
      expectedMessage(notebookSupportedPlatform, notebook, 'platform_identifier is "notebook-al1-v1"'),
    ]);
    expect(messagesOf(notebookSupportedPlatform, notebookWith({ platformIdentifier: undefined }))).toEqual([
      expectedMessage(notebookSupportedPlatform, notebook, 'platform_identifier is not set'),
    ]);
  });

  test('accepts exactly the platforms the config offers', () => {
    expect(SUPPORTED_NOTEBOOK_PLATFORMS).toEqual([...NOTEBOOK_PLATFORMS]);
  });
});

describe('notebook-role-least-privilege', () => {
  test('refuses a literal role ARN (its policies cannot be read)', () => {
    const stack = notebookWith({ roleArn: 'arn:aws:iam::111122223333:role/SomeRole' });
    expect(messagesOf(notebookRoleLeastPrivilege, stack)).toEqual([
      expectedMessage(
        notebookRoleLeastPrivilege,
        notebook,
        'role_arn is "arn:aws:iam::111122223333:role/SomeRole", not an aws_iam_role of this stack',
      ),
    ]);
  });

  test('refuses a role whose inline or attached policy allows "*", and an attached policy from outside', () => {
    const stack = synthTestStack((scope) => {
      const { role } = secureNotebook(scope);
      new IamRolePolicy(scope, 'too-broad', {
        role: role.name,
        policy: renderPolicy(policyDocument({ Sid: 'Everything', Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::bucket/*' })),
      });
      const managed = new IamPolicy(scope, 'managed', {
        policy: renderPolicy(policyDocument({ Sid: 'AllButIam', Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })),
      });
      new IamRolePolicyAttachment(scope, 'managed-attachment', { role: role.name, policyArn: managed.arn });
      new IamRolePolicyAttachment(scope, 'aws-managed', {
        role: role.name,
        policyArn: 'arn:aws:iam::aws:policy/AmazonSageMakerFullAccess',
      });
    });
    expect(messagesOf(notebookRoleLeastPrivilege, stack)).toEqual([
      expectedMessage(
        notebookRoleLeastPrivilege,
        notebook,
        'aws_iam_role.role attaches "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess", a policy this configuration does not hold; ' +
          'aws_iam_role_policy.too-broad Everything allows "*"; ' +
          'aws_iam_policy.managed AllButIam allows NotAction (every other action)',
      ),
    ]);
  });

  test('reads the policies of the role the notebook runs as, not of other roles', () => {
    const stack = synthTestStack((scope) => {
      secureNotebook(scope);
      new SagemakerNotebookInstance(scope, 'second', {
        name: 'second',
        instanceType: 'ml.t3.medium',
        roleArn: '${aws_iam_role.role.arn}',
      });
    });
    expect(compliantCount(notebookRoleLeastPrivilege, stack)).toBe(2);
  });
});
