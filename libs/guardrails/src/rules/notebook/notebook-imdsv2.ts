import { COMPLIANT, nonCompliant, type ResourceRule } from '../../rule';
import { blocks, show } from '../../synth-json';

export const notebookImdsv2: ResourceRule = {
  id: 'notebook-imdsv2',
  title: 'A notebook requires IMDSv2',
  severity: 'error',
  sources: ['CKV_AWS_371'],
  rationale:
    'IMDSv1 answers any request from the instance, so a server-side request forgery in notebook code can read the ' +
    'execution role credentials; IMDSv2 needs a session token first.',
  fix: 'Set instance_metadata_service_configuration { minimum_instance_metadata_service_version = "2" } on the notebook.',
  scope: 'resource',
  resourceTypes: ['aws_sagemaker_notebook_instance'],
  check: ({ attributes }) => {
    const [settings] = blocks(attributes['instance_metadata_service_configuration']);
    const version = settings?.['minimum_instance_metadata_service_version'];
    if (version === '2' || version === 2) return COMPLIANT;
    return nonCompliant(`minimum_instance_metadata_service_version is ${show(version)}`);
  },
};
