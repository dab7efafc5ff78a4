/** An IPv4 network in CIDR form, with its first and last address as 32-bit integers. */
export interface Ipv4Cidr {
  readonly cidr: string;
  readonly prefix: number;
  readonly first: number;
  readonly last: number;
}

const OCTETS = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Parses a dotted-quad address; undefined when it is not one. */
export function parseIpv4(address: string): number | undefined {
  const match = OCTETS.exec(address);
  if (!match) return undefined;
  const octets = match.slice(1).map(Number);
  if (octets.some((octet, i) => octet > 255 || (match[i + 1].length > 1 && match[i + 1].startsWith('0')))) {
    return undefined;
  }
  return ((octets[0] << 24) >>> 0) + (octets[1] << 16) + (octets[2] << 8) + octets[3];
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join('.');
}

export type CidrParseResult = { ok: true; value: Ipv4Cidr } | { ok: false; reason: string };

/** Parses `a.b.c.d/n`, refusing host bits so that a typo cannot silently widen a network. */
export function parseCidr(text: string): CidrParseResult {
  const [address, prefixText, extra] = text.split('/');
  const base = parseIpv4(address);
  if (base === undefined || prefixText === undefined || extra !== undefined || !/^(0|[1-9]\d?)$/.test(prefixText)) {
    return { ok: false, reason: 'is not an IPv4 CIDR block of the form a.b.c.d/n' };
  }
  const prefix = Number(prefixText);
  if (prefix > 32) return { ok: false, reason: 'has a prefix length above 32' };
  const size = 2 ** (32 - prefix);
  const first = base - (base % size);
  if (first !== base) {
    return { ok: false, reason: `has host bits set; the network address is ${formatIpv4(first)}/${prefix}` };
  }
  return { ok: true, value: { cidr: text, prefix, first, last: first + size - 1 } };
}

/** Parses a CIDR already known to be valid (validated by the schema). */
export function cidr(text: string): Ipv4Cidr {
  const parsed = parseCidr(text);
  if (!parsed.ok) throw new Error(`internal: ${text} ${parsed.reason}`);
  return parsed.value;
}

export function overlaps(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  return a.first <= b.last && b.first <= a.last;
}

export function contains(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
  return outer.first <= inner.first && inner.last <= outer.last;
}

/** The `index`-th block of prefix length `prefix` inside `network`. */
export function subnetAt(network: Ipv4Cidr, prefix: number, index: number): string {
  const size = 2 ** (32 - prefix);
  const first = network.first + index * size;
  if (prefix < network.prefix || first + size - 1 > network.last) {
    throw new Error(`internal: ${network.cidr} has no /${prefix} block number ${index}`);
  }
  return `${formatIpv4(first)}/${prefix}`;
}

const NON_PUBLIC_RANGES = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '224.0.0.0/3',
].map(cidr);

/** True when the address is routable on the internet (a customer gateway needs one). */
export function isPublicIpv4(address: string): boolean {
  const value = parseIpv4(address);
  if (value === undefined) return false;
  return !NON_PUBLIC_RANGES.some((range) => value >= range.first && value <= range.last);
}

/** The `offset`-th address of a network (AWS reserves offsets 0-3 and the last one in a subnet). */
export function hostAddress(network: string, offset: number): string {
  const block = cidr(network);
  if (offset < 0 || block.first + offset > block.last) throw new Error(`internal: ${network} has no address +${offset}`);
  return formatIpv4(block.first + offset);
}
