import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG as DEFAULT_CONFIG_FILE, runSynthHost, WORKSPACE_ROOT as ROOT } from '@privatelink/stack-kit/testing';
import { architectureDocs, GENERATED_MARKER, syncArchitectureDocs, type ArchitectureDoc } from './architecture-docs';
import { flowchartStructure, mermaidBlock } from './testing';

const DEFAULT_CONFIG = readFileSync(DEFAULT_CONFIG_FILE, 'utf8');

/** Runs the real synth of a config into a fresh folder and returns the output folder. */
function synth(work: string, name: string, config: string): string {
  const configFile = join(work, `${name}.yaml`);
  const outdir = join(work, name, 'cdktf.out');
  writeFileSync(configFile, config);
  const run = runSynthHost(outdir, { config: configFile });
  if (run.status !== 0) throw new Error(`synth of ${name} failed: ${run.stderr}`);
  return outdir;
}

function replaceOnce(text: string, find: string, replacement: string): string {
  if (!text.includes(find)) throw new Error(`the config no longer contains ${JSON.stringify(find)}`);
  return text.replace(find, replacement);
}

const page = (docs: readonly ArchitectureDoc[], file: string) => {
  const doc = docs.find((candidate) => candidate.file === file);
  if (!doc) throw new Error(`no ${file}; generated: ${docs.map((d) => d.file).join(', ')}`);
  return doc.content;
};

// A real synth and child processes (each loads tsx and the SDK): seconds each, more on a busy machine.
jest.setTimeout(60_000);

describe('architecture diagrams from the synthesized stacks', () => {
  let work: string;
  let docs: ArchitectureDoc[];
  let defaultOutdir: string;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'diagram-'));
    defaultOutdir = synth(work, 'default', DEFAULT_CONFIG);
    docs = architectureDocs(defaultOutdir);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('writes one page per environment and region', () => {
    expect(docs.map((doc) => doc.file)).toEqual(['dev-us-west-2.md', 'prod-eu-west-1.md', 'prod-us-west-2.md', 'staging-us-west-2.md']);
    for (const doc of docs) expect(doc.content.startsWith(GENERATED_MARKER)).toBe(true);
  });

  it('draws the dev VPC, its subnets, endpoints and their security group, the VPN, the private zone and the notebook', () => {
    const dev = mermaidBlock(page(docs, 'dev-us-west-2.md'));
    for (const line of [
      'subgraph corp["On-premises · 192.168.0.0/16"]',
      'cgw["Customer gateway<br/>198.51.100.10 · BGP ASN 65010"]',
      'vpn["Site-to-site VPN<br/>IPsec · BGP"]',
      'subgraph aws["AWS account 111111111111 · us-west-2"]',
      'subgraph vpc["VPC sagemaker-privatelink-dev · 10.10.0.0/16"]',
      'vgw["VPN gateway<br/>ASN 64512"]',
      'subnet_us_west_2a["us-west-2a · 10.10.0.0/18"]',
      'subnet_us_west_2b["us-west-2b · 10.10.64.0/18"]',
      'subgraph sg_endpoints["Security group sagemaker-privatelink-dev-endpoints<br/>HTTPS 443 from 10.10.0.0/16, 192.168.0.0/16"]',
      'ep_sagemaker_api["Interface endpoint sagemaker-api<br/>com.amazonaws.us-west-2.sagemaker.api"]',
      'ep_notebook["Interface endpoint notebook<br/>aws.sagemaker.us-west-2.notebook"]',
      'ep_sts["Interface endpoint sts<br/>com.amazonaws.us-west-2.sts"]',
      'gw_s3["Gateway endpoint s3<br/>com.amazonaws.us-west-2.s3"]',
      'zone[("Private hosted zone ml.dev.example.internal<br/>6 CNAME records to the endpoints")]',
      'nb_research_dev["Notebook research-dev<br/>ml.t3.medium · us-west-2a"]',
    ]) {
      expect(dev.split('\n').map((l) => l.trim())).toContain(line);
    }
    expect(dev).not.toContain('dxgw');
    expect(dev).not.toContain('resolver');
  });

  it("draws the user's path in order: VPN, API endpoint, presigned URL back, notebook endpoint, notebook", () => {
    const { edges } = flowchartStructure(mermaidBlock(page(docs, 'dev-us-west-2.md')));
    const path = edges.filter((edge) => edge.label !== undefined && /^\(\d\)|HTTPS$/.test(edge.label)).map((e) => `${e.from} > ${e.to}: ${e.label}`);
    expect(path).toEqual([
      'user > cgw: HTTPS',
      'vgw > ep_sagemaker_api: (1) CreatePresignedNotebookInstanceUrl',
      'ep_sagemaker_api > sagemaker_api: (1) signed call via the endpoint',
      'sagemaker_api > user: (2) presigned URL, valid 5 minutes',
      'vgw > ep_notebook: (3) open the URL · HTTPS, WebSocket',
      'ep_notebook > nb_research_dev: (4) IAM checked on every request',
    ]);
    expect(edges).toEqual(expect.arrayContaining([{ from: 'cgw', to: 'vpn' }, { from: 'vpn', to: 'vgw' }]));
  });

  it('draws Direct Connect, static VPN routes and the resolver where the environment has them', () => {
    const prod = mermaidBlock(page(docs, 'prod-us-west-2.md'));
    expect(prod).toContain('dxgw["Direct Connect gateway<br/>5f2a8c1e-4b7d-4e9a-9c3f-1a2b3c4d5e6f"]');
    expect(prod).toContain('dxgw ==>|"Direct Connect"| vgw');
    expect(prod).toContain('resolver["Route 53 Resolver inbound<br/>10.30.0.10 · 10.30.32.10 · 10.30.64.10"]');
    expect(prod).toContain('corp_dns -.->|"forwards amazonaws.com, sagemaker.aws, ml.prod.example.internal"| resolver');
    expect(prod).toContain('ep_notebook -->|"(4) IAM checked on every request"| nb_analytics_prod_gpu');
    expect(mermaidBlock(page(docs, 'staging-us-west-2.md'))).toContain(
      'vpn["Site-to-site VPN<br/>IPsec · static routes 192.168.10.0/24, 192.168.20.0/24"]',
    );
    expect(page(docs, 'prod-us-west-2.md')).toContain(
      'On-premises DNS resolves the endpoint names by forwarding amazonaws.com, sagemaker.aws and ml.prod.example.internal to the Route 53 Resolver inbound endpoint: 10.30.0.10, 10.30.32.10, 10.30.64.10.',
    );
  });

  it.each(['dev-us-west-2.md', 'prod-eu-west-1.md', 'prod-us-west-2.md', 'staging-us-west-2.md'])(
    '%s is a well-formed flowchart: balanced subgraphs, valid ids declared once, edges between declared ids',
    (file) => {
      const structure = flowchartStructure(mermaidBlock(page(docs, file)));
      expect(structure.header).toBe('flowchart LR');
      expect(structure.problems).toEqual([]);
      expect(structure.subgraphs).toEqual(expect.arrayContaining(['corp', 'aws', 'vpc', 'subnets', 'sg_endpoints', 'notebooks']));
      expect(new Set(structure.declared).size).toBe(structure.declared.length);
      for (const id of structure.declared) expect(['end', 'graph', 'subgraph', 'flowchart', 'style', 'class', 'click', 'default']).not.toContain(id);
      const declared = new Set(structure.declared);
      for (const edge of structure.edges) {
        expect(declared).toContain(edge.from);
        expect(declared).toContain(edge.to);
      }
    },
  );

  it('is deterministic: the same synth output gives the same pages', () => {
    expect(architectureDocs(defaultOutdir)).toEqual(docs);
  });

  it('changes with the stacks: an extra endpoint and notebook in dev show up in dev only', () => {
    let config = replaceOnce(DEFAULT_CONFIG, '      privateZone: ml.dev.example.internal\n', '      privateZone: ml.dev.example.internal\n    endpoints:\n      extra: [kms]\n');
    config = replaceOnce(
      config,
      '        - name: research-dev\n          instanceType: ml.t3.medium\n          idleStopMinutes: 60\n',
      '        - name: research-dev\n          instanceType: ml.t3.medium\n          idleStopMinutes: 60\n        - name: vision-dev\n          instanceType: ml.t3.large\n',
    );
    const changed = architectureDocs(synth(work, 'changed', config));

    const dev = mermaidBlock(page(changed, 'dev-us-west-2.md'));
    expect(dev).toContain('ep_kms["Interface endpoint kms<br/>com.amazonaws.us-west-2.kms"]');
    expect(dev).toContain('nb_vision_dev["Notebook vision-dev<br/>ml.t3.large · us-west-2a"]');
    expect(dev).toContain('ep_notebook -->|"(4) IAM checked on every request"| nb_vision_dev');
    expect(dev).toContain('7 CNAME records to the endpoints');
    expect(page(changed, 'dev-us-west-2.md')).toContain('4. The notebook endpoint carries the session to the notebook instances: research-dev, vision-dev.');
    for (const file of ['prod-eu-west-1.md', 'prod-us-west-2.md', 'staging-us-west-2.md']) {
      expect(page(changed, file)).toBe(page(docs, file));
    }
  });

  describe('syncArchitectureDocs', () => {
    it('writes what changed, keeps hand-written files, removes generated pages of env-regions that are gone', () => {
      const dir = join(work, 'docs-sync');
      const first = syncArchitectureDocs(dir, docs);
      expect(first.written).toEqual(docs.map((doc) => doc.file));
      writeFileSync(join(dir, 'README.md'), '# Architecture\n');
      writeFileSync(join(dir, 'qa-us-east-1.md'), `${GENERATED_MARKER} from an old synth -->\n`);

      expect(syncArchitectureDocs(dir, docs, true).stale).toEqual(['qa-us-east-1.md']);
      const second = syncArchitectureDocs(dir, docs);

      expect(second).toEqual({ written: [], removed: ['qa-us-east-1.md'], stale: [] });
      expect(readdirSync(dir).sort()).toEqual(['README.md', ...docs.map((doc) => doc.file)]);
      expect(readFileSync(join(dir, 'dev-us-west-2.md'), 'utf8')).toBe(page(docs, 'dev-us-west-2.md'));
    });

    it('reports a page that differs without touching it in check mode', () => {
      const dir = join(work, 'docs-check');
      syncArchitectureDocs(dir, docs);
      writeFileSync(join(dir, 'prod-us-west-2.md'), `${GENERATED_MARKER} edited by hand -->\n`);
      expect(syncArchitectureDocs(dir, docs, true).stale).toEqual(['prod-us-west-2.md']);
      expect(readFileSync(join(dir, 'prod-us-west-2.md'), 'utf8')).toContain('edited by hand');
    });
  });

  describe('npm run diagram', () => {
    const diagram = (outdir: string, ...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'tools/diagram/src/main.ts', '--readme', join(work, 'no-readme.md'), ...args], {
        cwd: ROOT,
        env: { ...process.env, CDKTF_OUTDIR: outdir },
        encoding: 'utf8',
      });

    it('writes the pages, then --check passes; without a synth it says to run one', () => {
      const dir = join(work, 'docs-main');
      const stale = diagram(defaultOutdir, '--check', '--out', dir);
      expect(stale.status).toBe(1);
      expect(stale.stderr).toContain(`stale architecture diagrams: dev-us-west-2.md, prod-eu-west-1.md, prod-us-west-2.md, staging-us-west-2.md`);
      expect(existsSync(dir)).toBe(false);

      const written = diagram(defaultOutdir, '--out', dir);
      expect(written.stdout).toBe(`4 diagrams in ${dir} from ${defaultOutdir}: 4 written, 0 removed, 0 unchanged\n`);
      expect(written.status).toBe(0);
      expect(diagram(defaultOutdir, '--check', '--out', dir).status).toBe(0);

      const missing = diagram(join(work, 'nothing'), '--out', dir);
      expect(missing.status).toBe(1);
      expect(missing.stderr).toBe(`no synthesized stacks in ${join(work, 'nothing')}: run \`npm run synth\` first\n`);
    });
  });
});
