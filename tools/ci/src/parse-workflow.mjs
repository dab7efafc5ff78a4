// Parses a GitHub Actions workflow with GitHub's own parser (@actions/workflow-parser, ESM only)
// and prints what the tests assert on as JSON. Run through `node --import tsx` (the parser
// imports JSON without import attributes, which Node 20 refuses on its own).
//
// The converted template (convertWorkflowTemplate) gives events, jobs, needs, if and steps; it drops
// `permissions`, so those, the environments' names, `with` inputs and every `secrets.*` reference
// are read from the parser's own token tree of the same, schema-validated document.
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { readFileSync } from 'node:fs';

const TokenType = { String: 0, Sequence: 1, Mapping: 2, BasicExpression: 3, InsertExpression: 4, Boolean: 5, Number: 6, Null: 7 };

const file = process.argv[2];
const content = readFileSync(file, 'utf8');
const lines = content.split('\n');
const parsed = parseWorkflow({ name: file, content }, new NoOperationTraceWriter());
const template = await convertWorkflowTemplate(parsed.context, parsed.value);
const text = (token) => (token === undefined || token === null ? undefined : token.toString());

/** A token as plain JSON; expressions as `${{ <expression> }}`. */
function plain(token) {
  if (!token) return undefined;
  switch (token.templateTokenType) {
    case TokenType.Mapping:
      return Object.fromEntries([...token].map(({ key, value }) => [key.toString(), plain(value)]));
    case TokenType.Sequence:
      return [...token].map(plain);
    case TokenType.BasicExpression:
    case TokenType.InsertExpression:
      return `\${{ ${token.expression ?? token.toString()} }}`;
    case TokenType.Null:
      return null;
    default:
      return token.value ?? token.toString();
  }
}

/** Every expression in the subtrees. */
function expressions(tokens) {
  const found = [];
  for (const token of tokens) {
    if (!token) continue;
    for (const [, item] of token.constructor.traverse(token)) {
      if (item.templateTokenType === TokenType.BasicExpression || item.templateTokenType === TokenType.InsertExpression) {
        found.push(item.expression ?? item.toString());
      }
    }
  }
  return found;
}

/** The secrets the subtrees read: `secrets.NAME`, `secrets['NAME']`; any other use of `secrets` as `*`. */
function secretsIn(...tokens) {
  const names = new Set();
  for (const expression of expressions(tokens)) {
    let rest = expression;
    for (const match of expression.matchAll(/\bsecrets\.([A-Za-z_][A-Za-z0-9_-]*)|\bsecrets\[\s*'([^']+)'\s*\]/g)) {
      names.add(match[1] ?? match[2]);
      rest = rest.replace(match[0], '');
    }
    if (/\bsecrets\b/.test(rest)) names.add('*');
  }
  return [...names].sort();
}

const find = (mapping, key) => (mapping && mapping.templateTokenType === TokenType.Mapping ? mapping.find(key) : undefined);
const root = parsed.value;
const jobTokens = find(root, 'jobs');

/** `environment: name` or `environment: { name: ... }`. */
function environmentName(token) {
  if (!token) return undefined;
  if (token.templateTokenType === TokenType.Mapping) return plain(find(token, 'name'));
  return plain(token);
}

process.stdout.write(
  JSON.stringify({
    errors: [...parsed.context.errors.getErrors().map((error) => error.message), ...(template.errors ?? []).map((e) => e.Message ?? String(e))],
    events: Object.keys(template.events ?? {}),
    permissions: plain(find(root, 'permissions')),
    env: plain(find(root, 'env')) ?? {},
    // Secrets read outside any job: workflow env, concurrency, run-name, defaults.
    secrets: secretsIn(...(root?.templateTokenType === TokenType.Mapping ? [...root].filter(({ key }) => key.toString() !== 'jobs').map(({ value }) => value) : [])),
    jobs: (template.jobs ?? []).map((job) => {
      const id = text(job.id);
      const raw = find(jobTokens, id);
      const rawSteps = find(raw, 'steps');
      return {
        id,
        needs: (job.needs ?? []).map(text),
        environment: environmentName(find(raw, 'environment')),
        if: text(job.if),
        permissions: plain(find(raw, 'permissions')),
        secrets: secretsIn(raw),
        matrix: plain(find(find(raw, 'strategy'), 'matrix')),
        outputs: plain(find(raw, 'outputs')),
        runs: (job.steps ?? []).map((step) => text(step.run)).filter(Boolean),
        uses: (job.steps ?? []).map((step) => text(step.uses)).filter(Boolean),
        steps: rawSteps ? [...rawSteps].map((step) => {
          const uses = find(step, 'uses');
          return {
            name: plain(find(step, 'name')),
            id: plain(find(step, 'id')),
            uses: plain(uses),
            // The source line of `uses:`, for the version comment the parser drops.
            usesLine: uses?.range ? lines[uses.range.start.line - 1] : undefined,
            with: plain(find(step, 'with')),
            run: plain(find(step, 'run')),
            env: plain(find(step, 'env')),
            if: plain(find(step, 'if')),
            secrets: secretsIn(step),
          };
        }) : [],
      };
    }),
  }),
);
