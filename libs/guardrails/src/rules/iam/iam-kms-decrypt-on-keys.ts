import { grants, quoted, statementProblems } from '../../policy-json';
import { fromProblems, type ResourceRule } from '../../rule';
import { IDENTITY_POLICY_RESOURCE_TYPES } from './iam-policy-kinds';

const KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;
const DECRYPTING = ['kms:Decrypt', 'kms:ReEncryptFrom'];

export const iamKmsDecryptOnKeys: ResourceRule = {
  id: 'iam-kms-decrypt-on-keys',
  title: 'An identity policy allows kms:Decrypt and kms:ReEncryptFrom only on named key ARNs',
  severity: 'error',
  sources: ['KMS.1', 'KMS.2'],
  rationale: 'Decrypt on "*" (or on key/*) reads whatever any key of the account protects, not only what the principal owns.',
  fix: 'Set Resource to the key ARNs (a reference such as aws_kms_key.<key>.arn), never "*" or a wildcard ARN.',
  scope: 'resource',
  resourceTypes: IDENTITY_POLICY_RESOURCE_TYPES,
  check: (resource) =>
    fromProblems(
      statementProblems(resource, ['identity'], (statement) => {
        if (statement.effect !== 'Allow') return undefined;
        const granted = DECRYPTING.filter((action) => grants(statement, action));
        if (granted.length === 0) return undefined;
        if (statement.notResources !== undefined) return `allows ${granted.join(', ')} on NotResource`;
        const broad = statement.resources.filter((arn) => !arn.startsWith('${') && !KEY_ARN.test(arn));
        return broad.length > 0 ? `allows ${granted.join(', ')} on ${quoted(broad)}` : undefined;
      }),
    ),
};
