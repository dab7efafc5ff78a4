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
    'closes it. A break-glass exemption by aws:PrincipalArn is only as strong as the roles it names: a wildcard ' +
    'pattern (role/BreakGlass*) exempts whoever can create a matching role, so it must list exact role ARNs.',
  fix:
    'Build the SCP with notebookGuardScp: Deny sagemaker:CreatePresignedNotebookInstanceUrl on "*" with ' +
    'StringNotEquals aws:SourceVpce = every API and notebook endpoint id, exempting only the exact ARNs of the ' +
    'break-glass roles (which the same SCP protects).',
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
        // An exemption by pattern in any other Deny of the SCP opens that Deny the same way.
        const others = statements
          .filter((statement) => statement.effect === 'Deny' && !candidates.includes(statement))
          .flatMap((statement) =>
            statement.conditions
              .map((condition) => (isPrincipalExemption(condition) ? wildcardProblem(condition.values) : undefined))
              .filter((problem): problem is string => problem !== undefined)
              .map((problem) => `${statement.label} ${problem}`),
          );
        if (candidates.length === 0) return [`has no Deny of ${PRESIGNED_URL_ACTION}`, ...others];
        const problems = candidates.map(guardProblems);
        return [...(problems.some((list) => list.length === 0) ? [] : problems.flat()), ...others];
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

const isPrincipalExemption = (condition: ConditionEntry) =>
  EXEMPTION_OPERATORS.includes(condition.operator) && condition.key.toLowerCase() === 'aws:principalarn';

function exemptionProblem(condition: ConditionEntry): string | undefined {
  if (!isPrincipalExemption(condition)) {
    return `also depends on ${condition.operator} ${condition.key}, which narrows the Deny`;
  }
  const literal = condition.values.filter((value) => !value.includes('${'));
  const broad = literal.filter((value) => {
    const match = NAMED_PRINCIPAL.exec(value);
    return match === null || /^[*?/]*$/.test(match[3]);
  });
  const problems = [
    ...(broad.length > 0 ? [`exempts ${quotedList(broad)}, which names no principal`] : []),
    ...[wildcardProblem(literal.filter((value) => !broad.includes(value)))].filter((problem) => problem !== undefined),
  ];
  return problems.length > 0 ? problems.join(' and ') : undefined;
}

/** A pattern exempts every role someone can create to match it: only exact ARNs hold. */
function wildcardProblem(values: readonly string[]): string | undefined {
  const patterns = values.filter((value) => !value.includes('${') && /[*?]/.test(value));
  return patterns.length > 0 ? `exempts ${quotedList(patterns)} by a wildcard pattern; name exact role ARNs` : undefined;
}

const quotedList = (values: readonly string[]) => values.map((value) => JSON.stringify(value)).join(', ');
