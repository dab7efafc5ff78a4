import type { SynthesizedStack as ReaderStack, SynthOutput } from '@privatelink/synth-output';

/** One resource of a synthesized stack, with its Terraform type and logical id. */
export interface SynthesizedResource {
  readonly type: string;
  readonly id: string;
  readonly body: Readonly<Record<string, unknown>>;
}

/** What a diagram reads of a synthesized stack, taken from the synth-output reader. */
export interface SynthesizedStack {
  readonly name: string;
  readonly provider: { readonly region: string; readonly accountId: string; readonly environment: string };
  readonly resources: readonly SynthesizedResource[];
  readonly outputs: Readonly<Record<string, unknown>>;
}

/** A stack as the diagram sees it: region and account from its provider, environment from its recorded identity. */
export function diagramStack(stack: ReaderStack): SynthesizedStack {
  const json = stack.json();
  const provider = stack.awsProvider();
  return {
    name: stack.name,
    provider: {
      region: stack.identity()?.region ?? provider?.region ?? '',
      accountId: provider?.accountId ?? '',
      environment: stack.identity()?.environment ?? '',
    },
    resources: Object.entries(json.resource ?? {}).flatMap(([type, byId]) =>
      Object.entries(byId).map(([id, body]) => ({ type, id, body })),
    ),
    outputs: Object.fromEntries(Object.entries(json.output ?? {}).map(([name, output]) => [name, output.value])),
  };
}

/** The network stacks of a synth output, each with the SageMaker stack of its environment and region. */
export function networkStacks(output: SynthOutput): { network: SynthesizedStack; sagemaker?: SynthesizedStack }[] {
  return output.stacks.flatMap((stack) => {
    const identity = stack.identity();
    if (identity?.app !== 'network') return [];
    const [sagemaker] = output.find('sagemaker', identity.environment, identity.region ?? null);
    return [{ network: diagramStack(stack), ...(sagemaker ? { sagemaker: diagramStack(sagemaker) } : {}) }];
  });
}
