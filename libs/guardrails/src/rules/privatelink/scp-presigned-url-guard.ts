import { parsedPolicies, type ConditionEntry, type Statement } from '../../policy-json';
import { fromProblems, NOT_APPLICABLE, type ResourceRule } from '../../rule';
import { deniesPresignedUrl, isSourceCondition, NOT_EQUALS, PRESIGNED_URL_ACTION } from './presigned-url';

const EXEMPTION_OPERATORS = ['ArnNotLike', 'ArnNotEquals', 'StringNotLike', 'StringNotEquals'];
const NAMED_PRINCIPAL = /^arn:aws[a-z-]*:iam::(\d{12}|\*):(role|user)\/(.+)$/;

export const scpPresignedUrlGuard: ResourceRule = {
  id: 'scp-presigned-url-guard',
  title: 'An SCP about SageMaker denies the presigned notebook URL outside the endpoints',
  severity: 'error',
  sources: [],
  rationale:
    'The documented residual risk: a principal created later with an unconditioned policy can mint URLs usable from ' +
    'anywhere. Only an organization SCP that denies the call on every notebook unless it comes through the endpoints ' +
    'closes it; a break-glass exemption must name principals, not match them all.',
  fix:
    'Build the SCP with notebookGuardScp: Deny sagemaker:CreatePresignedNotebookInstanceUrl on "*" with ' +
    'StringNotEquals aws:SourceVpce = every API and notebook endpoint id, exempting only named break-glass roles.',
  scope: 'resource',
  resourceTypes: ['aws_organizations_policy'],
  check: (resource) => {
    const policies = parsedPolicies(resource, ['scp']);
    const aboutSagemaker = policies.some(({ statements }) =>
      statements.some((statement) =>
        [...statement.actions, ...(statement.notActions ?? [])].some((action) => action.toLowerCase().startsWith('sagemaker:')),
      ),
    );
    if (!aboutSagemaker) return NOT_APPLICABLE;
    return fromProblems(
      policies.flatMap(({ statements }) => {
        const candidates = statements.filter(deniesPresignedUrl);
        if (candidates.length === 0) return [`has no Deny of ${PRESIGNED_URL_ACTION}`];
        const problems = candidates.map(guardProblems);
        return problems.some((list) => list.length === 0) ? [] : problems.flat();
      }),
    );
  },
};

function guardProblems(deny: Statement): string[] {
  const problems: string[] = [];
  if (deny.notResources !== undefined || !deny.resources.includes('*')) {
    problems.push(`${deny.label} denies the call on some notebooks only (Resource must be "*")`);
  }
  const source = deny.conditions.filter((condition) => isSourceCondition(condition, NOT_EQUALS));
  if (source.length !== 1) problems.push(`${deny.label} is not conditioned on StringNotEquals aws:SourceVpce (or aws:SourceVpc)`);
  for (const condition of deny.conditions.filter((entry) => !source.includes(entry))) {
    const problem = exemptionProblem(condition);
    if (problem) problems.push(`${deny.label} ${problem}`);
  }
  return problems;
}

function exemptionProblem(condition: ConditionEntry): string | undefined {
  if (!EXEMPTION_OPERATORS.includes(condition.operator) || condition.key.toLowerCase() !== 'aws:principalarn') {
    return `also depends on ${condition.operator} ${condition.key}, which narrows the Deny`;
  }
  const broad = condition.values.filter((value) => {
    if (value.includes('${')) return false;
    const match = NAMED_PRINCIPAL.exec(value);
    return match === null || /^[*?/]*$/.test(match[3]);
  });
  return broad.length > 0 ? `exempts ${broad.map((value) => JSON.stringify(value)).join(', ')}, which names no principal` : undefined;
}
