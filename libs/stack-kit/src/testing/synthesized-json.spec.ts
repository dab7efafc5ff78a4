import { onlyResource, type SynthesizedStack } from './synthesized-json';

const Vpc = { tfResourceType: 'aws_vpc' };
const withVpcs = (...ids: string[]): SynthesizedStack => ({
  terraform: {},
  resource: { aws_vpc: Object.fromEntries(ids.map((id) => [id, { cidr_block: '10.0.0.0/16' }])) },
});

describe('onlyResource', () => {
  test('returns the one resource of a type', () => {
    expect(onlyResource(withVpcs('main'), Vpc)).toEqual({ id: 'main', attributes: { cidr_block: '10.0.0.0/16' } });
  });

  test('throws when there is none or more than one', () => {
    expect(() => onlyResource({ terraform: {} }, Vpc)).toThrow('expected one aws_vpc, found 0');
    expect(() => onlyResource(withVpcs('a', 'b'), Vpc)).toThrow('expected one aws_vpc, found 2');
  });
});
