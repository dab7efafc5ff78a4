import { COMPLIANT, nonCompliant, type ResourceRule } from '../../rule';
import { show } from '../../synth-json';

/** Notebook platforms SageMaker still supports (Amazon Linux 2 with JupyterLab 3 and 4, AL2023). */
export const SUPPORTED_NOTEBOOK_PLATFORMS = ['notebook-al2-v2', 'notebook-al2-v3', 'notebook-al2023-v1'];

export const notebookSupportedPlatform: ResourceRule = {
  id: 'notebook-supported-platform',
  title: 'A notebook names a supported platform',
  severity: 'error',
  sources: ['SageMaker.8'],
  rationale:
    'A notebook left on the default or an end-of-support platform stops receiving security patches; naming it ' +
    'keeps the platform a reviewed choice.',
  fix: `Set platform_identifier to one of ${SUPPORTED_NOTEBOOK_PLATFORMS.join(', ')} (platformIdentifier in config).`,
  scope: 'resource',
  resourceTypes: ['aws_sagemaker_notebook_instance'],
  check: ({ attributes }) => {
    const value = attributes['platform_identifier'];
    if (typeof value === 'string' && SUPPORTED_NOTEBOOK_PLATFORMS.includes(value)) return COMPLIANT;
    return nonCompliant(`platform_identifier is ${show(value)}`);
  },
};
