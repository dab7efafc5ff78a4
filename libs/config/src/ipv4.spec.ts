import { cidr, contains, hostAddress, isPublicIpv4, overlaps, parseCidr, subnetAt } from './ipv4';

describe('parseCidr', () => {
  it('parses a network into its prefix and first and last address', () => {
    expect(parseCidr('10.20.0.0/16')).toEqual({
      ok: true,
      value: { cidr: '10.20.0.0/16', prefix: 16, first: 0x0a140000, last: 0x0a14ffff },
    });
  });

  it.each([
    ['0.0.0.0/0', 0, 0xffffffff],
    ['255.255.255.255/32', 0xffffffff, 0xffffffff],
    ['192.168.10.0/24', 0xc0a80a00, 0xc0a80aff],
  ])('parses the edge case %s', (text, first, last) => {
    expect(parseCidr(text)).toMatchObject({ ok: true, value: { first, last } });
  });

  it.each([
    ['10.20.0.1/16', 'has host bits set; the network address is 10.20.0.0/16'],
    ['10.20.30.40/20', 'has host bits set; the network address is 10.20.16.0/20'],
    ['192.168.1.1/0', 'has host bits set; the network address is 0.0.0.0/0'],
  ])('refuses host bits in %s and names the network address', (text, reason) => {
    expect(parseCidr(text)).toEqual({ ok: false, reason });
  });

  it('refuses a prefix above 32', () => {
    expect(parseCidr('10.0.0.0/33')).toEqual({ ok: false, reason: 'has a prefix length above 32' });
  });

  it.each([
    ['10.0.0.0/', 'an empty prefix'],
    ['10.0.0.0/123', 'a three-digit prefix'],
    ['10.0.0.0/-8', 'a negative prefix'],
    ['10.0.0.0/08', 'a prefix with a leading zero'],
    ['010.0.0.0/8', 'an octet with a leading zero (octal to some parsers)'],
    ['10.00.0.0/16', 'an octet of two zeros'],
    ['256.0.0.0/8', 'an octet above 255'],
    ['10.0.0/8', 'three octets'],
    ['10.0.0.0.0/8', 'five octets'],
    ['10.0.0.0', 'no prefix'],
    ['10.0.0.0/8/8', 'two prefixes'],
    [' 10.0.0.0/8', 'surrounding space'],
    ['fd00::/8', 'an IPv6 block'],
    ['', 'an empty string'],
    ['not-a-cidr', 'garbage'],
  ])('refuses %j (%s)', (text) => {
    expect(parseCidr(text)).toEqual({ ok: false, reason: 'is not an IPv4 CIDR block of the form a.b.c.d/n' });
  });
});

describe('cidr', () => {
  it('throws an internal error for text the schema should have refused', () => {
    expect(() => cidr('10.0.0.1/8')).toThrow('internal: 10.0.0.1/8 has host bits set; the network address is 10.0.0.0/8');
  });
});

describe('overlaps', () => {
  it.each([
    ['10.0.0.0/16', '10.0.0.0/16', true],
    ['10.0.0.0/8', '10.20.0.0/16', true],
    ['10.20.0.0/16', '10.0.0.0/8', true],
    ['10.0.0.0/24', '10.0.0.255/32', true],
    ['10.0.0.0/24', '10.0.1.0/24', false],
    ['10.0.1.0/24', '10.0.0.0/24', false],
    ['192.168.0.0/16', '172.16.0.0/12', false],
  ])('%s and %s: %s', (a, b, expected) => {
    expect(overlaps(cidr(a), cidr(b))).toBe(expected);
  });
});

describe('contains', () => {
  it.each([
    ['10.0.0.0/16', '10.0.0.0/16', true],
    ['10.0.0.0/16', '10.0.255.0/24', true],
    ['10.0.0.0/16', '10.1.0.0/24', false],
    ['10.0.0.0/24', '10.0.0.0/16', false],
    ['0.0.0.0/0', '255.255.255.255/32', true],
  ])('%s contains %s: %s', (outer, inner, expected) => {
    expect(contains(cidr(outer), cidr(inner))).toBe(expected);
  });
});

describe('subnetAt', () => {
  it('numbers equal blocks from the start of the network', () => {
    const vpc = cidr('10.30.0.0/16');
    expect([0, 1, 2, 3].map((i) => subnetAt(vpc, 18, i))).toEqual([
      '10.30.0.0/18',
      '10.30.64.0/18',
      '10.30.128.0/18',
      '10.30.192.0/18',
    ]);
  });

  it('returns the network itself as block 0 of its own prefix', () => {
    expect(subnetAt(cidr('10.0.0.0/26'), 26, 0)).toBe('10.0.0.0/26');
  });

  it('refuses a block past the end of the network', () => {
    expect(() => subnetAt(cidr('10.30.0.0/16'), 18, 4)).toThrow('internal: 10.30.0.0/16 has no /18 block number 4');
  });

  it('refuses a block larger than the network', () => {
    expect(() => subnetAt(cidr('10.30.0.0/16'), 15, 0)).toThrow('internal: 10.30.0.0/16 has no /15 block number 0');
  });
});

describe('hostAddress', () => {
  it.each([
    [0, '10.10.1.0'],
    [2, '10.10.1.2'],
    [255, '10.10.1.255'],
  ])('counts %i addresses from the network address', (offset, expected) => {
    expect(hostAddress('10.10.1.0/24', offset)).toBe(expected);
  });

  it.each([256, -1])('refuses offset %i, outside the network', (offset) => {
    expect(() => hostAddress('10.10.1.0/24', offset)).toThrow(`internal: 10.10.1.0/24 has no address +${offset}`);
  });
});

describe('isPublicIpv4', () => {
  it.each([
    ['10.1.2.3', 'private 10/8'],
    ['172.16.0.1', 'private 172.16/12, first'],
    ['172.31.255.254', 'private 172.16/12, last'],
    ['192.168.1.1', 'private 192.168/16'],
    ['100.64.0.1', 'carrier-grade NAT 100.64/10, first'],
    ['100.127.255.254', 'carrier-grade NAT 100.64/10, last'],
    ['127.0.0.1', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['0.0.0.0', 'this network'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['198.18.0.1', 'benchmarking 198.18/15'],
  ])('refuses %s (%s)', (address) => {
    expect(isPublicIpv4(address)).toBe(false);
  });

  it.each([
    ['8.8.8.8', 'a public resolver'],
    ['172.15.255.255', 'just below 172.16/12'],
    ['172.32.0.0', 'just above 172.16/12'],
    ['100.63.255.255', 'just below 100.64/10'],
    ['100.128.0.0', 'just above 100.64/10'],
    ['198.51.100.10', 'the documentation range the sample config uses'],
  ])('accepts %s (%s)', (address) => {
    expect(isPublicIpv4(address)).toBe(true);
  });

  it.each(['', 'example.com', '1.2.3', '01.2.3.4', '1.2.3.4/32'])('refuses %j, which is no address', (text) => {
    expect(isPublicIpv4(text)).toBe(false);
  });
});
