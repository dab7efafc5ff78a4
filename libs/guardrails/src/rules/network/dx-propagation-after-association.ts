import { COMPLIANT, nonCompliant, NOT_APPLICABLE, type StackRule, type Verdict } from '../../rule';
import { refersTo, resourcesOfType, strings } from '../../synth-json';

export const dxPropagationAfterAssociation: StackRule = {
  id: 'dx-propagation-after-association',
  title: 'VPN gateway route propagation starts after the Direct Connect gateway association',
  severity: 'error',
  sources: [],
  rationale:
    'AWS: "Do not enable route propagation until after you\'ve associated a virtual gateway with a Direct Connect gateway. ' +
    'If you enable route propagation before associating the gateways, routes might be propagated incorrectly" ' +
    '(https://docs.aws.amazon.com/directconnect/latest/UserGuide/virtualgateways.html). Nothing in a propagation refers ' +
    'to the association, so without depends_on Terraform creates both at once.',
  fix:
    'Give every aws_vpn_gateway_route_propagation of a VPN gateway that has an aws_dx_gateway_association ' +
    'depends_on = [<that association>] (OnPremConnectivity does).',
  scope: 'stack',
  check: (stack) => {
    const associations = resourcesOfType(stack, 'aws_dx_gateway_association');
    return resourcesOfType(stack, 'aws_vpn_gateway_route_propagation').map((propagation): Verdict => {
      const gateway = propagation.attributes['vpn_gateway_id'];
      const ofGateway = associations.filter((association) => {
        const associated = association.attributes['associated_gateway_id'];
        return typeof associated === 'string' && typeof gateway === 'string' && associated === gateway;
      });
      if (ofGateway.length === 0) return { address: propagation.address, result: NOT_APPLICABLE };
      const dependsOn = strings(propagation.attributes['depends_on']);
      const missing = ofGateway.filter((association) => !dependsOn.some((entry) => entry === association.address || refersTo(`\${${entry}}`, association)));
      return {
        address: propagation.address,
        result:
          missing.length === 0
            ? COMPLIANT
            : nonCompliant(
                `propagates routes of ${String(gateway)} without depends_on ${missing.map((association) => association.address).join(', ')}`,
              ),
      };
    });
  },
};
