import { DEFAULT_ENDPOINTS, OPTIONAL_ENDPOINTS } from '@privatelink/config';
import { endpointServices, s3GatewayServiceName } from './endpoint-services';
import { defaultInterfaceServices, extraInterfaceServices } from './testing';

const asEntries = (services: { key: string; serviceName: string }[]) =>
  services.map(({ key, serviceName }) => [key, serviceName]);

describe('endpointServices', () => {
  test.each(['us-west-2', 'eu-west-1', 'ap-northeast-1'])('the default endpoints of %s, in config order', (region) => {
    expect(asEntries(endpointServices(DEFAULT_ENDPOINTS, region))).toEqual(
      Object.entries(defaultInterfaceServices(region)),
    );
  });

  test('the notebook service has the aws.sagemaker. prefix, not com.amazonaws. (nor com.amazonaws.R.aws.sagemaker)', () => {
    const [notebook] = endpointServices(['notebook'], 'us-west-2');
    expect(notebook).toEqual({ key: 'notebook', serviceName: 'aws.sagemaker.us-west-2.notebook' });
    expect(notebook.serviceName.startsWith('com.amazonaws')).toBe(false);
  });

  test.each(OPTIONAL_ENDPOINTS)('optional endpoint %s adds exactly its services', (name) => {
    expect(asEntries(endpointServices([name], 'eu-west-1'))).toEqual(
      Object.entries(extraInterfaceServices('eu-west-1')[name]),
    );
  });

  test('every configurable endpoint yields distinct keys (they are construct ids and DNS labels)', () => {
    const keys = endpointServices([...DEFAULT_ENDPOINTS, ...OPTIONAL_ENDPOINTS], 'us-west-2').map(({ key }) => key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(/^[a-z][a-z0-9-]*$/);
  });

  test('no endpoints configured, no services', () => {
    expect(endpointServices([], 'us-west-2')).toEqual([]);
  });
});

describe('s3GatewayServiceName', () => {
  test('is the regional com.amazonaws S3 service', () => {
    expect(s3GatewayServiceName('eu-west-1')).toBe('com.amazonaws.eu-west-1.s3');
  });
});
