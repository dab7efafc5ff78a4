import { parsePolicy } from './rendered-policy';

describe('parsePolicy', () => {
  test('parses a literal JSON string', () => {
    expect(parsePolicy('{"Version":"2012-10-17","Statement":[]}')).toEqual({ Version: '2012-10-17', Statement: [] });
  });

  test('throws on anything else, e.g. an unresolved token object', () => {
    expect(() => parsePolicy({ Version: '2012-10-17' })).toThrow('policy is not a string: {"Version":"2012-10-17"}');
  });
});
