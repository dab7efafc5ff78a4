import { z } from 'zod';

/** Notebook platforms SageMaker supports (SageMaker.8 wants one set explicitly). */
export const NOTEBOOK_PLATFORMS = ['notebook-al2-v2', 'notebook-al2-v3', 'notebook-al2023-v1'] as const;

const NOTEBOOK_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
const ROLE_ARN = /^arn:aws:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const SAML_PROVIDER_ARN = /^arn:aws:iam::\d{12}:saml-provider\/[\w.-]+$/;
/** CreatePermissionSet `Name`: 1-32 of `[\w+=,.@-]`. */
const PERMISSION_SET_NAME = /^[\w+=,.@-]{1,32}$/;
/** An exact role ARN: no `*` or `?` (an exemption by pattern exempts whoever creates a matching role). */
const EXACT_ROLE_ARN = /^arn:aws:iam::\d{12}:role\/[\w+=,.@/-]+$/;

const NotebookSchema = z
  .strictObject({
    name: z
      .string()
      .regex(NOTEBOOK_NAME, { error: 'must be 1-63 letters, digits or hyphens, starting and ending with a letter or digit' })
      .meta({ description: 'Notebook instance name, unique in the environment.' }),
    instanceType: z
      .string()
      .regex(/^ml\.[a-z0-9]+\.[a-z0-9]+$/, { error: 'must be a SageMaker ML instance type such as ml.t3.medium' })
      .default('ml.t3.medium')
      .meta({ description: 'ML instance type. Default: ml.t3.medium.' }),
    volumeSizeGb: z
      .number()
      .int({ error: 'must be a whole number of GiB' })
      .min(5, { error: 'must be between 5 and 16384 GiB' })
      .max(16384, { error: 'must be between 5 and 16384 GiB' })
      .default(20)
      .meta({ description: 'ML storage volume size in GiB, KMS-encrypted. Default: 20.' }),
    platformIdentifier: z
      .enum(NOTEBOOK_PLATFORMS)
      .default('notebook-al2-v3')
      .meta({ description: 'Notebook platform. Default: notebook-al2-v3.' }),
    idleStopMinutes: z
      .number()
      .int({ error: 'must be a whole number of minutes' })
      .min(5, { error: 'must be between 5 and 1440 minutes' })
      .max(1440, { error: 'must be between 5 and 1440 minutes' })
      .optional()
      .meta({ description: 'Stop the notebook after this many idle minutes (offline-safe lifecycle script). Default: never.' }),
  })
  .meta({ description: 'One notebook instance, created in every region of the environment.' });

export const SagemakerSchema = z
  .strictObject({
    notebooks: z
      .array(NotebookSchema)
      .default([])
      .meta({ description: 'Notebook instances of the environment.' }),
    access: z
      .strictObject({
        mode: z
          .enum(['sourceVpce', 'sourceVpc'])
          .default('sourceVpce')
          .meta({ description: 'sourceVpce: only the notebook and API endpoints; sourceVpc: any endpoint of the VPC. Default: sourceVpce.' }),
        scope: z
          .enum(['notebook', 'all'])
          .default('notebook')
          .meta({ description: 'notebook: open/describe/list notebooks; all: every SageMaker action on them. Default: notebook.' }),
        assumeRoleArns: z
          .array(z.string().regex(ROLE_ARN, { error: 'must be an IAM role ARN (arn:aws:iam::<account>:role/<name>)' }))
          .default([])
          .meta({ description: 'IAM roles (exact ARNs) that may assume the notebook-user role.' }),
        identityCenterPermissionSets: z
          .array(
            z.string().regex(PERMISSION_SET_NAME, {
              error: 'must be an IAM Identity Center permission set name: 1-32 letters, digits or + = , . @ _ -',
            }),
          )
          .default([])
          .meta({
            description:
              'IAM Identity Center permission sets (by name, e.g. MLEngineer) whose roles in this account may assume the ' +
              'notebook-user role, whatever their suffix and Identity Center region. Default: none.',
          }),
        samlProviderArns: z
          .array(z.string().regex(SAML_PROVIDER_ARN, { error: 'must be a SAML provider ARN (arn:aws:iam::<account>:saml-provider/<name>)' }))
          .default([])
          .meta({ description: 'SAML identity providers whose users may assume the notebook-user role.' }),
        s3DataPrefix: z
          .strictObject({
            bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { error: 'must be an S3 bucket name' }),
            prefix: z.string().regex(/^[\w!.'()-]([\w!.'()/-]*[\w!.'()-])?$/, {
              error: 'must be a key prefix such as notebooks/dev: no wildcards, no leading or trailing /',
            }),
          })
          .optional()
          .meta({ description: 'S3 location the notebooks may read and write. Default: none.' }),
      })
      .default({ mode: 'sourceVpce', scope: 'notebook', assumeRoleArns: [], identityCenterPermissionSets: [], samlProviderArns: [] }),
    scp: z
      .strictObject({
        enabled: z.boolean().default(false).meta({ description: 'Create and attach the organization SCP. Default: false.' }),
        managementAccountId: z
          .string()
          .regex(/^\d{12}$/, { error: 'must be exactly 12 digits, in quotes' })
          .meta({ description: "The organization's management account (the SCP is created there)." }),
        managementRoleArn: z
          .string()
          .regex(ROLE_ARN, { error: 'must be an IAM role ARN in the management account' })
          .meta({ description: 'Role assumed in the management account to manage the SCP.' }),
        targetId: z
          .string()
          .regex(/^(\d{12}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|r-[0-9a-z]{4,32})$/, {
            error: 'must be an account id, an OU id (ou-...) or a root id (r-...)',
          })
          .optional()
          .meta({ description: "Where the SCP is attached. Default: the environment's account." }),
        breakGlassPrincipalArns: z
          .array(
            z.string().regex(EXACT_ROLE_ARN, {
              error: 'must be the exact ARN of an IAM role (arn:aws:iam::<12-digit account>:role/<name>), without wildcards',
            }),
          )
          .min(1, { error: 'must name at least one break-glass role' })
          .meta({
            description:
              'Exact ARNs of the break-glass roles: exempt from the SCP, and the only principals that may change those roles. ' +
              'Create them before enabling the SCP.',
          }),
        enableVpcEgressGuard: z
          .boolean()
          .default(true)
          .meta({
            description:
              'Also deny attaching internet gateways, creating egress-only internet gateways and creating or accepting VPC ' +
              'peering connections, in every account the SCP is attached to. Default: true.',
          }),
      })
      .optional()
      .meta({ description: 'Organization SCP closing the gap an IAM policy leaves. Off unless enabled.' }),
  })
  .meta({ description: 'SageMaker notebooks and who may open them.' });

export type ParsedSagemaker = z.output<typeof SagemakerSchema>;
