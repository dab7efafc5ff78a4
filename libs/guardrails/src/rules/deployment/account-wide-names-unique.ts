import { nonCompliant, COMPLIANT, type SynthRule, type SynthVerdict } from '../../rule';
import { providerOf, strings, type SynthResource, type SynthStack } from '../../synth-json';

/** Where AWS keeps a resource's name unique, and what the name collides with. */
interface UniqueName {
  /** `account`: one IAM namespace per account and resource kind; `organization`: per organization; `region`: per account and region. */
  readonly scope: 'account' | 'organization' | 'region';
  /** The kind, for messages and for grouping: an IAM role and an IAM policy may share a name. */
  readonly kind: string;
  /** IAM compares names without case. */
  readonly ignoreCase: boolean;
}

/**
 * Resource types whose `name` AWS keeps unique beyond one stack.
 * IAM: "IAM user, group, role, and policy names must be unique within the account. Names are not
 * distinguished by case" (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html,
 * and the same in CreatePolicy, CreateGroup, CreateUser, CreateInstanceProfile); IAM is global, so
 * two regions of one account share the namespace.
 * Organizations: CreatePolicy fails with DuplicatePolicyException for a name already used in the
 * organization (https://docs.aws.amazon.com/organizations/latest/APIReference/API_CreatePolicy.html).
 * Regional: KMS alias names, log group names, notebook instance and lifecycle configuration names
 * are unique per account and region.
 */
const UNIQUE_NAMES: Readonly<Record<string, UniqueName>> = {
  aws_iam_role: { scope: 'account', kind: 'IAM role', ignoreCase: true },
  aws_iam_policy: { scope: 'account', kind: 'IAM managed policy', ignoreCase: true },
  aws_iam_group: { scope: 'account', kind: 'IAM group', ignoreCase: true },
  aws_iam_user: { scope: 'account', kind: 'IAM user', ignoreCase: true },
  aws_iam_instance_profile: { scope: 'account', kind: 'IAM instance profile', ignoreCase: true },
  aws_iam_saml_provider: { scope: 'account', kind: 'IAM SAML provider', ignoreCase: false },
  aws_organizations_policy: { scope: 'organization', kind: 'Organizations policy', ignoreCase: false },
  aws_kms_alias: { scope: 'region', kind: 'KMS alias', ignoreCase: false },
  aws_cloudwatch_log_group: { scope: 'region', kind: 'CloudWatch log group', ignoreCase: false },
  aws_sagemaker_notebook_instance: { scope: 'region', kind: 'SageMaker notebook instance', ignoreCase: true },
  aws_sagemaker_notebook_instance_lifecycle_configuration: {
    scope: 'region',
    kind: 'SageMaker notebook lifecycle configuration',
    ignoreCase: true,
  },
};

interface NamedResource {
  readonly stack: string;
  readonly address: string;
  readonly name: string;
  /** Account (or management account, for Organizations) and, for regional names, region. */
  readonly where: string;
  readonly key: string;
}

function named(stack: SynthStack, resource: SynthResource): NamedResource | undefined {
  const unique = UNIQUE_NAMES[resource.type];
  const name = resource.attributes['name'];
  if (!unique || typeof name !== 'string' || name === '' || name.includes('${')) return undefined;
  const provider = providerOf(stack, resource)?.attributes;
  const [account, ...others] = strings(provider?.['allowed_account_ids']);
  // Without exactly one allowed account the provider may deploy anywhere: no account to compare in.
  if (account === undefined || others.length > 0) return undefined;
  const region = typeof provider?.['region'] === 'string' ? provider['region'] : undefined;
  if (unique.scope === 'region' && region === undefined) return undefined;
  const where =
    unique.scope === 'region'
      ? `account ${account}, ${region}`
      : unique.scope === 'organization'
        ? `the organization of account ${account}`
        : `account ${account}`;
  const compared = unique.ignoreCase ? name.toLowerCase() : name;
  return { stack: stack.name, address: resource.address, name, where, key: `${unique.kind}\u0000${where}\u0000${compared}` };
}

const SCOPE_WORDS: Readonly<Record<UniqueName['scope'], string>> = {
  account: 'per account, across regions',
  organization: 'per organization',
  region: 'per account and region',
};

export const accountWideNamesUnique: SynthRule = {
  id: 'account-wide-names-unique',
  title: 'No two resources of one account share a name AWS keeps unique per account, organization or region',
  severity: 'error',
  sources: [],
  rationale:
    'IAM names are global to an account (and compared without case), Organizations policy names to an organization, KMS ' +
    'aliases, log groups and notebooks to an account and region. Two stacks that create the same one pass validate and ' +
    'plan, and the second apply fails with EntityAlreadyExists: two regions of one environment are the usual way in.',
  fix:
    'Build the name with the names module of libs/stack-kit (names(target)), which puts the region into every account-wide ' +
    "name; never write a name by hand in a construct. A name AWS or the config fixes (SageMaker's notebook log group, a " +
    'notebook name) cannot be shared: keep environments of one account in different regions, or name their notebooks apart.',
  scope: 'synth',
  check: (stacks) => {
    const all = stacks.flatMap((stack) =>
      stack.resources.flatMap((resource) => {
        const entry = named(stack, resource);
        return entry ? [entry] : [];
      }),
    );
    const byKey = new Map<string, NamedResource[]>();
    for (const entry of all) byKey.set(entry.key, [...(byKey.get(entry.key) ?? []), entry]);
    return all.map((entry): SynthVerdict => {
      const others = (byKey.get(entry.key) ?? []).filter((other) => other !== entry);
      if (others.length === 0) return { stack: entry.stack, address: entry.address, result: COMPLIANT };
      const type = entry.address.split('.')[0];
      const unique = UNIQUE_NAMES[type];
      return {
        stack: entry.stack,
        address: entry.address,
        result: nonCompliant(
          `${unique.kind} name ${JSON.stringify(entry.name)} in ${entry.where} is also created by ` +
            `${others.map((other) => `${other.stack} ${other.address}`).join(', ')}; AWS keeps it unique ${SCOPE_WORDS[unique.scope]}`,
        ),
      };
    });
  },
};
