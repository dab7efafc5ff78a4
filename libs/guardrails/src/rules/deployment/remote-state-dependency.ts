import { COMPLIANT, nonCompliant, type SynthRule, type SynthVerdict } from '../../rule';
import { stateReads } from '../../state-reads';

export const remoteStateDependency: SynthRule = {
  id: 'remote-state-dependency',
  title: "A stack that reads another stack's state deploys after it",
  severity: 'error',
  sources: [],
  rationale:
    'cdktf deploy runs stacks that do not depend on each other in parallel (--parallelism is unlimited by default), and ' +
    'Terraform Cloud runs workspaces independently: a terraform_remote_state of a stack that is not a declared dependency ' +
    'reads nothing on a first deploy (the plan fails) or reads outputs that are about to change.',
  fix:
    "Declare every read: the stack reading another stack's outputs calls addDependency on it (the composition root does it " +
    'for every readNetworkHandoff), so the synth manifest lists it among the dependencies.',
  scope: 'synth',
  check: (stacks) => {
    const dependencies = new Map(stacks.map((stack) => [stack.name, stack.dependencies]));
    return stateReads(stacks).map((read): SynthVerdict => {
      const verdict = (result: SynthVerdict['result']) => ({ stack: read.stack, address: read.address, result });
      if (read.writer === undefined) return verdict(nonCompliant(`reads ${read.description}, which no stack of this synth writes`));
      if (read.writer === read.stack) return verdict(nonCompliant('reads the state of its own stack'));
      const declared = dependencies.get(read.stack) ?? [];
      if (!declared.includes(read.writer)) {
        return verdict(
          nonCompliant(`reads the state of ${read.writer}, which is not among its dependencies (declared: ${declared.length > 0 ? declared.join(', ') : 'none'})`),
        );
      }
      return verdict(COMPLIANT);
    });
  },
};
