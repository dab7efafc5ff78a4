/**
 * Commercial regions where the SageMaker notebook interface endpoint
 * (`aws.sagemaker.<region>.notebook`) is offered, with the availability-zone letters each has.
 * A region missing here is refused at config time rather than failing at apply time.
 */
export const NOTEBOOK_ENDPOINT_REGIONS: Readonly<Record<string, string>> = {
  'us-east-1': 'abcdef',
  'us-east-2': 'abc',
  'us-west-1': 'abc',
  'us-west-2': 'abcd',
  'ca-central-1': 'abd',
  'sa-east-1': 'abc',
  'eu-west-1': 'abc',
  'eu-west-2': 'abc',
  'eu-west-3': 'abc',
  'eu-central-1': 'abc',
  'eu-north-1': 'abc',
  'eu-south-1': 'abc',
  'ap-south-1': 'abc',
  'ap-east-1': 'abc',
  'ap-northeast-1': 'acd',
  'ap-northeast-2': 'abcd',
  'ap-northeast-3': 'abc',
  'ap-southeast-1': 'abc',
  'ap-southeast-2': 'abc',
  'me-south-1': 'abc',
  'af-south-1': 'abc',
};

export const SUPPORTED_REGIONS = Object.keys(NOTEBOOK_ENDPOINT_REGIONS);

export function availabilityZonesOf(region: string): string[] {
  return [...(NOTEBOOK_ENDPOINT_REGIONS[region] ?? '')].map((letter) => `${region}${letter}`);
}
