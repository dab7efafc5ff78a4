/**
 * Writes config/environments.schema.json, the JSON Schema editors use for config/environments.yaml.
 * Run `npm run schema` after changing libs/config/src/schema.ts; a test fails while the file is stale.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configJsonSchema } from '../src/schema';

export const JSON_SCHEMA_FILE = join(__dirname, '..', '..', '..', 'config', 'environments.schema.json');

/** The file's exact text: two-space indent and a trailing newline, so that it diffs cleanly. */
export function jsonSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}

if (require.main === module) {
  writeFileSync(JSON_SCHEMA_FILE, jsonSchemaText());
  console.log(`wrote ${JSON_SCHEMA_FILE}`);
}
