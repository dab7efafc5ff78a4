import { COMPLIANT, nonCompliant, type ResourceRule } from '../../rule';
import { show } from '../../synth-json';

export const notebookDirectInternetDisabled: ResourceRule = {
  id: 'notebook-direct-internet-disabled',
  title: 'A notebook has direct internet access disabled, explicitly',
  severity: 'error',
  sources: ['CKV_AWS_122', 'SageMaker.1'],
  rationale:
    'With direct internet access the notebook reaches the internet around the VPC and its endpoints. AWS defaults ' +
    'the setting to Enabled, and Checkov passes a notebook that leaves it out, so only an explicit "Disabled" is safe.',
  fix: 'Set direct_internet_access = "Disabled" on the notebook (directInternetAccess: "Disabled").',
  scope: 'resource',
  resourceTypes: ['aws_sagemaker_notebook_instance'],
  check: ({ attributes }) => {
    const value = attributes['direct_internet_access'];
    if (value === 'Disabled') return COMPLIANT;
    return nonCompliant(
      value === undefined
        ? 'direct_internet_access is not set, and AWS then enables it'
        : `direct_internet_access is ${show(value)}`,
    );
  },
};
