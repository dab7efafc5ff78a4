// Parses a GitHub Actions workflow with GitHub's own parser (@actions/workflow-parser, ESM only)
// and prints what the tests assert on as JSON. Run through `node --import tsx` (the parser
// imports JSON without import attributes, which Node 20 refuses on its own).
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { readFileSync } from 'node:fs';

const file = process.argv[2];
const parsed = parseWorkflow({ name: file, content: readFileSync(file, 'utf8') }, new NoOperationTraceWriter());
const template = await convertWorkflowTemplate(parsed.context, parsed.value);
const text = (token) => (token === undefined || token === null ? undefined : token.toString());
process.stdout.write(
  JSON.stringify({
    errors: [...parsed.context.errors.getErrors().map((error) => error.message), ...(template.errors ?? []).map((e) => e.Message ?? String(e))],
    events: Object.keys(template.events ?? {}),
    jobs: (template.jobs ?? []).map((job) => ({
      id: text(job.id),
      needs: (job.needs ?? []).map(text),
      environment: text(job.environment),
      if: text(job.if),
      runs: (job.steps ?? []).map((step) => text(step.run)).filter(Boolean),
      uses: (job.steps ?? []).map((step) => text(step.uses)).filter(Boolean),
    })),
  }),
);
