import { policyDocument, type PolicyDocument } from '../policy-document';

/** AWS's AdministratorAccess managed policy, as written: the unconditioned Allow a report holds policies against. */
export const ADMINISTRATOR_ACCESS: PolicyDocument = policyDocument({
  Sid: 'AdministratorAccess',
  Effect: 'Allow',
  Action: '*',
  Resource: '*',
});
