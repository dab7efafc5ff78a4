import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSavedCloudPlan, runUrl, tokenVariable } from './terraform-cloud-runs';

describe('saved cloud plans', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'saved-plan-spec-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const file = (content: string | Buffer) => {
    const path = join(dir, 'stack.tfplan');
    writeFileSync(path, content);
    return path;
  };

  it("reads terraform's saved-plan bookmark", () => {
    expect(readSavedCloudPlan(file('{"remote_plan_format":1,"run_id":"run-CZcmD7eagjhyX0vN","hostname":"app.terraform.io"}'))).toEqual({
      runId: 'run-CZcmD7eagjhyX0vN',
      hostname: 'app.terraform.io',
    });
  });

  it('takes a zip archive for a local plan file', () => {
    expect(readSavedCloudPlan(file(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14])))).toBeUndefined();
  });

  it('refuses a JSON file that is no bookmark', () => {
    const path = file('{"remote_plan_format":2,"run_id":"x"}');
    expect(() => readSavedCloudPlan(path)).toThrow(
      `${path} is neither a Terraform plan nor a saved cloud plan (remote_plan_format 1 with a run-... id and a hostname)`,
    );
  });
});

describe('Terraform Cloud names', () => {
  it("reads the token from the variable terraform reads: dots become _, dashes __", () => {
    expect(tokenVariable('app.terraform.io')).toBe('TF_TOKEN_app_terraform_io');
    expect(tokenVariable('tfe.my-corp.example')).toBe('TF_TOKEN_tfe_my__corp_example');
  });

  it("links a run's page", () => {
    expect(runUrl({ hostname: 'app.terraform.io', organization: 'acme-ml', project: 'p', workspace: 'smpl-network-prod-us-west-2' }, 'run-abc')).toBe(
      'https://app.terraform.io/app/acme-ml/workspaces/smpl-network-prod-us-west-2/runs/run-abc',
    );
  });
});
