import { fromProblems, type ResourceRule } from '../../rule';
import { asList, type JsonObject } from '../../synth-json';

/** What the tunnels may offer: IKEv2; AES-256; SHA-2; DH groups 14-21. */
export const STRONG_TUNNEL_CRYPTO = {
  ike_versions: ['ikev2'],
  encryption_algorithms: ['AES256', 'AES256-GCM-16'],
  integrity_algorithms: ['SHA2-256', 'SHA2-384', 'SHA2-512'],
  dh_group_numbers: [14, 15, 16, 17, 18, 19, 20, 21],
} as const;

function settingProblem(attributes: JsonObject, attribute: string, allowed: readonly (string | number)[]): string | undefined {
  const values = asList(attributes[attribute]);
  if (values.length === 0) return `${attribute} is not set, so AWS also offers its weak defaults`;
  const weak = values.filter((value) => !allowed.includes(value as string | number));
  return weak.length > 0 ? `${attribute} offers ${weak.map((value) => JSON.stringify(value)).join(', ')}` : undefined;
}

export const vpnTunnelCrypto: ResourceRule = {
  id: 'vpn-tunnel-crypto',
  title: 'Both VPN tunnels offer IKEv2, AES-256, SHA-2 and DH groups 14-21 only, in both phases',
  severity: 'error',
  sources: [],
  rationale:
    'Left unset, AWS tunnels also accept IKEv1, AES-128, SHA-1 and DH groups 2 and 5; a peer (or an attacker in the ' +
    'path) can negotiate the weakest. No scanner checks tunnel options.',
  fix:
    'Set tunnel1_* and tunnel2_* ike_versions = ["ikev2"], phase1/phase2 encryption_algorithms = AES256 / AES256-GCM-16, ' +
    'integrity_algorithms = SHA2-256/384/512 and dh_group_numbers = 14-21 (TUNNEL_CRYPTO in site-to-site-vpn.ts).',
  scope: 'resource',
  resourceTypes: ['aws_vpn_connection'],
  check: ({ attributes }) =>
    fromProblems(
      ['tunnel1', 'tunnel2'].flatMap((tunnel) =>
        [
          settingProblem(attributes, `${tunnel}_ike_versions`, STRONG_TUNNEL_CRYPTO.ike_versions),
          ...['phase1', 'phase2'].flatMap((phase) =>
            (['encryption_algorithms', 'integrity_algorithms', 'dh_group_numbers'] as const).map((setting) =>
              settingProblem(attributes, `${tunnel}_${phase}_${setting}`, STRONG_TUNNEL_CRYPTO[setting]),
            ),
          ),
        ].filter((problem): problem is string => problem !== undefined),
      ),
    ),
};
