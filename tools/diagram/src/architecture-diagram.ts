import type { Architecture } from './architecture';
import { Flowchart, mermaidId, type NodeShape } from './mermaid-flowchart';

/** At most this many notebook names in the notebooks' node; the legend names them all. */
const NOTEBOOKS_NAMED = 3;

/**
 * Nodes of a rank closer than Mermaid's 50 px, so that the widest env-region fits GitHub's column
 * unscaled (the integration test measures it).
 */
const LAYOUT = { flowchart: { nodeSpacing: 30 } } as const;

/** One thing the diagram draws: its short label, and the detail the legend gives for it. */
interface Part {
  readonly id: string;
  /** The first line is the role, an optional second line a key fact; the legend repeats the first. */
  readonly label: readonly string[];
  readonly detail: string;
  readonly shape?: NodeShape;
}

const code = (text: string) => `\`${text}\``;
const list = (items: readonly string[]) => items.join(', ');

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The parts of one env-region, in the order the legend lists them: along the user's path, then what else the VPC holds. */
function partsOf(model: Architecture) {
  const others = model.interfaceEndpoints.filter((endpoint) => endpoint.key !== model.apiEndpoint.key && endpoint.key !== model.notebookEndpoint.key);
  const endpointDetail = (key: string, serviceName: string) => `interface endpoint ${code(key)}: ${code(serviceName)}`;
  const named = model.notebooks.slice(0, NOTEBOOKS_NAMED).map((notebook) => notebook.name);
  const unnamed = model.notebooks.length - named.length;
  const securityGroup = model.endpointSecurityGroup;

  const part = (id: string, label: readonly string[], detail: string, shape?: NodeShape): Part => ({ id, label, detail, ...(shape ? { shape } : {}) });
  return {
    user: part(
      'user',
      ['User · on-premises'],
      `a person on ${model.onPremCidrs.length > 0 ? `the on-premises networks ${list(model.onPremCidrs)}` : 'the VPC'}, with a browser and \`npm run notebook\``,
      'stadium',
    ),
    customerGateway: model.vpn
      ? part('cgw', ['Customer gateway'], `on-premises VPN device at ${model.vpn.customerGatewayIp}, BGP ASN ${model.vpn.bgpAsn}`)
      : undefined,
    vpn: model.vpn
      ? part('vpn', ['Site-to-site VPN'], `IPsec, ${model.vpn.staticRoutes ? `static routes ${list(model.vpn.staticRoutes)}` : 'routes by BGP'}`)
      : undefined,
    directConnect: model.directConnectGatewayId
      ? part('dxgw', ['Direct Connect'], `Direct Connect gateway ${code(model.directConnectGatewayId)}, associated with the VPN gateway`)
      : undefined,
    vpnGateway: model.vpnGateway ? part('vgw', ['VPN gateway'], `virtual private gateway, Amazon side ASN ${model.vpnGateway.amazonSideAsn}`) : undefined,
    vpc: part(
      'vpc',
      ['VPC · no internet gateway'],
      [
        `${code(model.vpc.name)} ${model.vpc.cidr} in account ${model.accountId}, ${model.region}: private subnets only, no internet or NAT gateway`,
        `subnets ${list(model.subnets.map((subnet) => `${subnet.availabilityZone} ${subnet.cidr}`))}`,
        `endpoint security group ${code(securityGroup.name)}: HTTPS 443 from ${list(securityGroup.ingressCidrs)} only`,
      ].join('<br>'),
    ),
    apiEndpoint: part('ep_api', ['API endpoint'], endpointDetail(model.apiEndpoint.key, model.apiEndpoint.serviceName)),
    sagemakerApi: part(
      'sagemaker_api',
      ['SageMaker API'],
      `the SageMaker service of ${model.region}, reached from here only through the API endpoint`,
      'subroutine',
    ),
    notebookEndpoint: part('ep_notebook', ['Notebook endpoint'], endpointDetail(model.notebookEndpoint.key, model.notebookEndpoint.serviceName)),
    notebooks:
      model.notebooks.length > 0
        ? part(
            'notebooks',
            [model.notebooks.length === 1 ? 'Notebook' : plural(model.notebooks.length, 'notebook'), ...named, ...(unnamed > 0 ? [`+${unnamed} more`] : [])],
            [
              ...model.notebooks.map((notebook) => `${code(notebook.name)}: ${[notebook.instanceType, notebook.availabilityZone].filter(Boolean).join(' in ')}`),
              `security group ${model.notebookSecurityGroup ? `${code(model.notebookSecurityGroup)}: ` : ''}no ingress, HTTPS egress to the endpoints and S3 only`,
            ].join('<br>'),
          )
        : undefined,
    otherEndpoints:
      others.length > 0
        ? part(
            'ep_others',
            [plural(others.length, 'more endpoint')],
            `interface endpoints ${others.map((endpoint) => `${code(endpoint.key)} ${code(endpoint.serviceName)}`).join(', ')}`,
          )
        : undefined,
    gateways: model.gatewayEndpoints.map((endpoint) =>
      part(
        mermaidId('gw', endpoint.key),
        [`${endpoint.key.toUpperCase()} gateway`],
        `gateway endpoint ${code(endpoint.key)}: ${code(endpoint.serviceName)}, routed from the private subnets`,
      ),
    ),
    resolver: model.resolverInboundAddresses
      ? part(
          'resolver',
          ['Resolver inbound'],
          `Route 53 Resolver inbound endpoint at ${list(model.resolverInboundAddresses)}: on-premises DNS forwards ${list([
            'amazonaws.com',
            'sagemaker.aws',
            ...(model.privateZone ? [model.privateZone.name] : []),
          ])} to it`,
        )
      : undefined,
    zone: model.privateZone
      ? part(
          'zone',
          ['Private zone'],
          `private hosted zone ${code(model.privateZone.name)}, ${plural(model.privateZone.records.length, 'record')}: ${list(
            model.privateZone.records.map((record) => record.replace(`.${model.privateZone?.name}`, '')),
          )}`,
          'database',
        )
      : undefined,
  };
}

function draw(chart: Flowchart, part: Part | undefined): void {
  if (part) chart.node(part.id, part.label, part.shape);
}

/**
 * The Mermaid flowchart of one env-region, drawn bottom-up: on-premises at the bottom, the link,
 * then the VPC and what is in it. Labels are short (a role, at most a key fact); the detail is in
 * the legend. Edges only enter the VPC from below, so none runs through a subgraph title.
 */
export function architectureFlowchart(model: Architecture): string {
  const parts = partsOf(model);
  const chart = new Flowchart('BT', `${model.stacks.join(' + ')}: generated by npm run diagram`, LAYOUT);
  draw(chart, parts.user);
  draw(chart, parts.customerGateway);
  draw(chart, parts.vpn);
  draw(chart, parts.directConnect);
  chart.subgraph(parts.vpc.id, parts.vpc.label, () => {
    draw(chart, parts.vpnGateway);
    draw(chart, parts.resolver);
    draw(chart, parts.zone);
    draw(chart, parts.apiEndpoint);
    draw(chart, parts.notebookEndpoint);
    draw(chart, parts.notebooks);
    draw(chart, parts.otherEndpoints);
    for (const gateway of parts.gateways) draw(chart, gateway);
  });
  draw(chart, parts.sagemakerApi);

  const entry = parts.vpnGateway ? parts.vpnGateway.id : parts.user.id;
  if (parts.customerGateway && parts.vpn) {
    chart.edge(parts.user.id, parts.customerGateway.id);
    chart.edge(parts.customerGateway.id, parts.vpn.id, 'thick');
    if (parts.vpnGateway) chart.edge(parts.vpn.id, parts.vpnGateway.id, 'thick');
  }
  if (parts.directConnect) {
    chart.edge(parts.user.id, parts.directConnect.id);
    if (parts.vpnGateway) chart.edge(parts.directConnect.id, parts.vpnGateway.id, 'thick');
  }
  chart.edge(entry, parts.apiEndpoint.id, 'solid', '(1) get URL');
  chart.edge(parts.apiEndpoint.id, parts.sagemakerApi.id);
  chart.edge(entry, parts.notebookEndpoint.id, 'solid', '(2) open URL');
  if (parts.notebooks) {
    chart.edge(parts.notebookEndpoint.id, parts.notebooks.id);
    if (parts.otherEndpoints) chart.edge(parts.notebooks.id, parts.otherEndpoints.id, 'dotted');
    for (const gateway of parts.gateways) chart.edge(parts.notebooks.id, gateway.id, 'dotted');
  }
  if (parts.resolver) {
    chart.edge(entry, parts.resolver.id, 'dotted', 'DNS');
    if (parts.zone) chart.edge(parts.resolver.id, parts.zone.id, 'dotted');
  } else if (parts.zone) {
    chart.edge(parts.apiEndpoint.id, parts.zone.id, 'link', 'DNS names');
  }
  return chart.render();
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, '<br>');
}

/** The legend under the diagram: every part it draws, by its label, with the detail the label leaves out. */
export function architectureLegend(model: Architecture): string {
  const rows = Object.values(partsOf(model))
    .flat()
    .filter((part): part is Part => part !== undefined)
    .map((part) => `| ${cell(part.label[0])} | ${cell(part.detail)} |`);
  return ['| In the diagram | Details |', '| --- | --- |', ...rows].join('\n');
}

function connection(model: Architecture): string {
  const links = [model.vpn && 'the site-to-site VPN', model.directConnectGatewayId && 'Direct Connect'].filter(Boolean);
  return links.length > 0 ? `From on-premises, over ${links.join(' or ')}` : 'From inside the VPC';
}

/** The diagram and its legend: what the README embeds. */
export function architectureSection(model: Architecture): string {
  return ['```mermaid', architectureFlowchart(model), '```', '', architectureLegend(model), ''].join('\n');
}

/** The diagram's Markdown page: a do-not-edit header, the flowchart, its legend, the numbered path in words. */
export function architecturePage(model: Architecture, png: string): string {
  const notebooks = model.notebooks.map((notebook) => notebook.name);
  const example = notebooks[0] ?? '<notebook>';
  const lines = [
    `<!-- Generated by \`npm run diagram\` from the synthesized stacks ${model.stacks.join(' and ')}. Do not edit: change the config or the stacks, then run \`npm run synth && npm run diagram\`. -->`,
    '',
    `# ${model.environment} · ${model.region}`,
    '',
    `The same diagram as an image, for viewers without Mermaid: [${png}](${png}).`,
    '',
    architectureSection(model),
    'How a user opens a notebook:',
    '',
    `1. ${connection(model)}, the user calls \`CreatePresignedNotebookInstanceUrl\` on the SageMaker API endpoint \`${model.apiEndpoint.key}\` (\`${model.apiEndpoint.serviceName}\`): \`npm run notebook -- open --env ${model.environment} --region ${model.region} --name ${example}\`. SageMaker answers with a presigned URL, valid for 5 minutes.`,
    `2. The browser opens the URL through the notebook endpoint \`${model.notebookEndpoint.key}\` (\`${model.notebookEndpoint.serviceName}\`): HTTPS and WebSocket, with IAM checked again on every request, to the notebook instance${notebooks.length === 1 ? '' : 's'} ${notebooks.length > 0 ? list(notebooks) : '(none in this region)'}.`,
  ];
  if (model.resolverInboundAddresses) {
    lines.push(
      '',
      `On-premises DNS resolves the endpoint names by forwarding amazonaws.com, sagemaker.aws${model.privateZone ? ` and ${model.privateZone.name}` : ''} to the Route 53 Resolver inbound endpoint: ${model.resolverInboundAddresses.join(', ')}.`,
    );
  }
  return `${lines.join('\n')}\n`;
}
