import { parsePolicy, type Statement } from '../../policy-json';
import { fromProblems, nonCompliant, type StackRule, type Verdict } from '../../rule';
import {
  blocks,
  referencedNames,
  refersTo,
  resourcesOfType,
  show,
  strings,
  type Json,
  type SynthResource,
  type SynthStack,
} from '../../synth-json';

export const notebookRoleLeastPrivilege: StackRule = {
  id: 'notebook-role-least-privilege',
  title: 'A notebook runs as an IAM role of this configuration that allows no "*" action',
  severity: 'error',
  sources: ['CKV2_AWS_68'],
  rationale:
    'Everything a notebook user runs acts with the execution role. A literal role ARN hides its policies from ' +
    'review; a "*" action hands the notebook the whole account.',
  fix:
    'Pass role_arn = aws_iam_role.<role>.arn of the same stack (roleArn: role.arn) and give that role only ' +
    'policies of the stack that name their actions (notebookExecutionPolicy).',
  scope: 'stack',
  check: (stack) =>
    resourcesOfType(stack, 'aws_sagemaker_notebook_instance').map((notebook): Verdict => {
      const roleArn = notebook.attributes['role_arn'];
      const roles = referencedNames(roleArn, 'aws_iam_role')
        .map((name) => stack.resources.find((resource) => resource.address === `aws_iam_role.${name}`))
        .filter((role): role is SynthResource => role !== undefined);
      if (roles.length !== 1) {
        return {
          address: notebook.address,
          result: nonCompliant(`role_arn is ${show(roleArn)}, not an aws_iam_role of this stack`),
        };
      }
      return { address: notebook.address, result: fromProblems(rolePolicyProblems(stack, roles[0])) };
    }),
};

/** Problems of every policy the role carries: inline, role policies and attached managed policies. */
function rolePolicyProblems(stack: SynthStack, role: SynthResource): string[] {
  const documents: { where: string; value: Json | undefined }[] = [];
  blocks(role.attributes['inline_policy']).forEach((inline, i) =>
    documents.push({ where: `${role.address} inline_policy[${i}]`, value: inline['policy'] }),
  );
  for (const rolePolicy of resourcesOfType(stack, 'aws_iam_role_policy')) {
    if (refersTo(rolePolicy.attributes['role'], role)) documents.push({ where: rolePolicy.address, value: rolePolicy.attributes['policy'] });
  }
  const problems: string[] = [];
  const attached = [
    ...strings(role.attributes['managed_policy_arns']),
    ...resourcesOfType(stack, 'aws_iam_role_policy_attachment')
      .filter((attachment) => refersTo(attachment.attributes['role'], role))
      .flatMap((attachment) => strings(attachment.attributes['policy_arn'])),
    ...resourcesOfType(stack, 'aws_iam_policy_attachment')
      .filter((attachment) => refersTo(attachment.attributes['roles'], role))
      .flatMap((attachment) => strings(attachment.attributes['policy_arn'])),
  ];
  for (const arn of attached) {
    const [name] = referencedNames(arn, 'aws_iam_policy');
    const policy = stack.resources.find((resource) => resource.address === `aws_iam_policy.${name}`);
    if (policy) documents.push({ where: policy.address, value: policy.attributes['policy'] });
    else problems.push(`${role.address} attaches ${JSON.stringify(arn)}, a policy this configuration does not hold`);
  }
  for (const { where, value } of documents) {
    const parsed = value === undefined ? undefined : parsePolicy(value);
    if (!parsed?.ok) continue; // policy-literal-json reports it
    for (const statement of parsed.statements.filter(grantsEverything)) {
      problems.push(`${where} ${statement.label} allows ${statement.notActions ? 'NotAction (every other action)' : '"*"'}`);
    }
  }
  return problems;
}

function grantsEverything(statement: Statement): boolean {
  return statement.effect === 'Allow' && (statement.actions.includes('*') || statement.notActions !== undefined);
}
