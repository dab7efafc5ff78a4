import { COMPLIANT, nonCompliant, type ResourceRule } from '../../rule';
import { show } from '../../synth-json';

export const notebookRootAccessDisabled: ResourceRule = {
  id: 'notebook-root-access-disabled',
  title: 'A notebook gives its users no root access',
  severity: 'error',
  sources: ['CKV_AWS_307', 'SageMaker.3'],
  rationale:
    'Root on the notebook lets a user change its network and credential settings (and the lifecycle scripts); AWS ' +
    'defaults RootAccess to Enabled.',
  fix: 'Set root_access = "Disabled" on the notebook (rootAccess: "Disabled").',
  scope: 'resource',
  resourceTypes: ['aws_sagemaker_notebook_instance'],
  check: ({ attributes }) => {
    const value = attributes['root_access'];
    if (value === 'Disabled') return COMPLIANT;
    return nonCompliant(
      value === undefined ? 'root_access is not set, and AWS then enables it' : `root_access is ${show(value)}`,
    );
  },
};
