import { addCloudWorkspaceProject, escapeHclStringLines } from './hcl-strings';

describe('escapeHclStringLines', () => {
  test('escapes the quotes of a literal-JSON policy that holds a reference, and keeps the reference', () => {
    const line = 'policy = "{"Principal":{"AWS":"${aws_iam_role.exec.arn}"},"Action":"kms:*"}"';
    expect(escapeHclStringLines(line)).toBe(
      'policy = "{\\"Principal\\":{\\"AWS\\":\\"${aws_iam_role.exec.arn}\\"},\\"Action\\":\\"kms:*\\"}"',
    );
  });

  test('leaves alone what cdktf already got right: plain references, escaped strings, heredocs', () => {
    const hcl = [
      'vpc_id = "${data.terraform_remote_state.network.outputs.vpc_id}"',
      'assume_role_policy = "{\\"Version\\":\\"2012-10-17\\"}"',
      'name = "notebooks"',
    ].join('\n');
    expect(escapeHclStringLines(hcl)).toBe(hcl);
  });

  test('escapes a template directive and backslashes outside references, nested braces inside them', () => {
    expect(escapeHclStringLines('content = "{"a":"%{x}","b":"${lookup({k = 1}, "k")}","c":"\\d"}"')).toBe(
      'content = "{\\"a\\":\\"%%{x}\\",\\"b\\":\\"${lookup({k = 1}, "k")}\\",\\"c\\":\\"\\\\d\\"}"',
    );
  });
});

describe('addCloudWorkspaceProject', () => {
  const cloud = 'terraform {\ncloud {\nhostname = "app.terraform.io"\norganization = "acme-ml"\nworkspaces {\nname = "smpl-network-dev-us-west-2"\n}\n}\n}\n';

  test('puts the project back after the workspace name, once', () => {
    const fixed = addCloudWorkspaceProject(cloud, 'sagemaker-privatelink');
    expect(fixed).toContain('workspaces {\nname = "smpl-network-dev-us-west-2"\nproject = "sagemaker-privatelink"\n}');
    expect(addCloudWorkspaceProject(fixed, 'sagemaker-privatelink')).toBe(fixed);
  });

  test('refuses a stack without a cloud block', () => {
    expect(() => addCloudWorkspaceProject('terraform {\n}\n', 'p')).toThrow('addCloudWorkspaceProject: the stack has no cloud block');
  });
});
