/** CIDR questions the security-group rules ask: "is this the whole internet?" and "is this private?". */

const PRIVATE_IPV4 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'];

/** `0.0.0.0/0`, `::/0` or any other prefix-0 block. */
export function isWholeInternet(cidr: string): boolean {
  return /\/0$/.test(cidr.trim());
}

interface Ipv4Block {
  readonly first: number;
  readonly last: number;
}

function parseIpv4Block(cidr: string): Ipv4Block | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr.trim());
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((octet) => octet > 255) || prefix > 32) return undefined;
  const address = octets.reduce((value, octet) => value * 256 + octet, 0);
  const size = 2 ** (32 - prefix);
  const first = address - (address % size);
  return { first, last: first + size - 1 };
}

const PRIVATE_BLOCKS = PRIVATE_IPV4.flatMap((cidr) => parseIpv4Block(cidr) ?? []);

/**
 * True for blocks inside RFC 1918, RFC 6598 (100.64.0.0/10) or IPv6 unique-local (fc00::/7) space;
 * false for anything else, including tokens and text that is not a CIDR (unknown counts as open).
 */
export function isPrivateCidr(cidr: string): boolean {
  const ipv4 = parseIpv4Block(cidr);
  if (ipv4) return PRIVATE_BLOCKS.some((block) => block.first <= ipv4.first && ipv4.last <= block.last);
  const ipv6 = /^([0-9a-f]{1,4})(:[0-9a-f:]*)?\/(\d{1,3})$/i.exec(cidr.trim());
  if (ipv6) return Number(ipv6[3]) >= 7 && (parseInt(ipv6[1], 16) & 0xfe00) === 0xfc00;
  return false;
}
