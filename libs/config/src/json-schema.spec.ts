import Ajv2020 from 'ajv/dist/2020';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseDocument, type Document } from 'yaml';
import { JSON_SCHEMA_FILE, jsonSchemaText } from '../scripts/write-json-schema';
import { configJsonSchema } from './schema';

const SHIPPED_CONFIG = join(__dirname, '..', '..', '..', 'config', 'environments.yaml');

describe('config/environments.schema.json', () => {
  const committed = readFileSync(JSON_SCHEMA_FILE, 'utf8');

  it('is what configJsonSchema() produces now', () => {
    // A plain toBe would print the whole file; say what to do instead.
    const fresh = jsonSchemaText();
    if (committed !== fresh) {
      throw new Error(`${JSON_SCHEMA_FILE} is out of date with libs/config/src/schema.ts: run \`npm run schema\``);
    }
    expect(JSON.parse(committed)).toEqual(configJsonSchema());
  });

  it('is referenced by the shipped YAML for editors', () => {
    expect(readFileSync(SHIPPED_CONFIG, 'utf8').split('\n')[0]).toBe(
      '# yaml-language-server: $schema=./environments.schema.json',
    );
  });
});

describe('validating YAML documents against the JSON Schema with ajv', () => {
  const schema = configJsonSchema();
  const validate = new Ajv2020({ allErrors: true }).compile(schema);
  /** The shipped config as a YAML document, to change one thing in before validating `toJS()`. */
  const shipped = (): Document => parseDocument(readFileSync(SHIPPED_CONFIG, 'utf8'));
  const errorsOf = (doc: unknown) => {
    validate(doc);
    return (validate.errors ?? []).map(({ instancePath, keyword, params }) => ({ instancePath, keyword, params }));
  };

  it('is a draft 2020-12 schema', () => {
    expect(schema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('accepts the shipped config', () => {
    expect(errorsOf(shipped().toJS())).toEqual([]);
  });

  it('refuses an unknown field', () => {
    const doc = shipped();
    doc.setIn(['environments', 'dev', 'vpcCidr'], '10.99.0.0/16');
    expect(errorsOf(doc.toJS())).toEqual([
      { instancePath: '/environments/dev', keyword: 'additionalProperties', params: { additionalProperty: 'vpcCidr' } },
    ]);
  });

  it('refuses an environment without accountId', () => {
    const doc = shipped();
    doc.deleteIn(['environments', 'staging', 'accountId']);
    expect(errorsOf(doc.toJS())).toEqual([
      { instancePath: '/environments/staging', keyword: 'required', params: { missingProperty: 'accountId' } },
    ]);
  });

  it('refuses an endpoint extra outside the optional set', () => {
    const doc = shipped();
    doc.addIn(['environments', 'prod', 'endpoints', 'extra'], 'sagemaker');
    expect(errorsOf(doc.toJS())).toEqual([
      {
        instancePath: '/environments/prod/endpoints/extra/4',
        keyword: 'enum',
        params: { allowedValues: ['monitoring', 'kms', 'ssm', 'ecr', 'studio', 'codecommit'] },
      },
    ]);
  });

  it('refuses an account id written as a number', () => {
    const doc = parse('environments:\n  dev:\n    accountId: 111111111111\n');
    expect(errorsOf(doc)).toContainEqual({
      instancePath: '/environments/dev/accountId',
      keyword: 'type',
      params: { type: 'string' },
    });
  });
});
