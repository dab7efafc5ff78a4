import { lookup as systemLookup } from 'node:dns';
import { BlockList, connect, isIP, type LookupFunction } from 'node:net';
import { checkServerIdentity, connect as tlsConnect, type PeerCertificate } from 'node:tls';

/** One address a name resolved to, and what kind of network it is in. */
export interface ResolvedAddress {
  readonly address: string;
  /** `vpc`: inside the VPC CIDR; `private`: a private network outside it (a proxy, another VPC); `public`: the internet. */
  readonly network: 'vpc' | 'private' | 'public';
}

export type ResolveResult = { readonly ok: true; readonly addresses: readonly ResolvedAddress[] } | { readonly ok: false; readonly code: string };

/** Address space never routed on the internet: RFC 1918, 100.64.0.0/10 (RFC 6598), loopback (a local proxy), IPv6 unique local fc00::/7. */
const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ['10.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv4');
}
PRIVATE.addSubnet('fc00::', 7, 'ipv6');
PRIVATE.addSubnet('::1', 128, 'ipv6');

function networkOf(address: string, vpc: BlockList): ResolvedAddress['network'] {
  const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
  if (vpc.check(address, family)) return 'vpc';
  return PRIVATE.check(address, family) ? 'private' : 'public';
}

/** A BlockList holding one IPv4 CIDR, e.g. the VPC's. */
export function cidrBlock(cidr: string): BlockList {
  const [network, prefix] = cidr.split('/');
  const list = new BlockList();
  list.addSubnet(network, Number(prefix), 'ipv4');
  return list;
}

/** Every address `hostname` resolves to with `lookup` (the system resolver unless given), classified against the VPC. */
export function resolveAddresses(hostname: string, vpcCidr: string, lookup: LookupFunction = systemLookup as LookupFunction): Promise<ResolveResult> {
  const vpc = cidrBlock(vpcCidr);
  const classify = (addresses: readonly string[]): ResolveResult => ({
    ok: true,
    addresses: addresses.map((address) => ({ address, network: networkOf(address, vpc) })),
  });
  if (isIP(hostname)) return Promise.resolve(classify([hostname]));
  return new Promise((resolve) => {
    lookup(hostname, { all: true }, (error, answer) => {
      if (error) return resolve({ ok: false, code: (error as NodeJS.ErrnoException).code ?? error.message });
      const addresses = Array.isArray(answer) ? answer.map((entry) => entry.address) : [String(answer)];
      resolve(addresses.length === 0 ? { ok: false, code: 'ENODATA' } : classify([...new Set(addresses)]));
    });
  });
}

export type ConnectResult = { readonly ok: true } | { readonly ok: false; readonly code: string };

/** Opens (and closes) a TCP connection to `address:port`; ETIMEDOUT when it takes longer than `timeoutMs`. */
export function tcpConnect(address: string, port: number, timeoutMs: number): Promise<ConnectResult> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ ok: false, code: 'ETIMEDOUT' });
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ ok: true });
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ ok: false, code: error.code ?? error.message });
    });
  });
}

export interface TlsInput {
  readonly address: string;
  readonly port: number;
  /** The name the client calls: sent as SNI and checked against the certificate. */
  readonly servername: string;
  /** @default - Node's default trust store */
  readonly ca?: string;
  readonly timeoutMs: number;
}

export type TlsResult =
  | {
      readonly ok: true;
      /** Why the chain is not trusted (`DEPTH_ZERO_SELF_SIGNED_CERT`...), when it is not. */
      readonly trustError?: string;
      /** Why the certificate does not cover the name called, when it does not. */
      readonly nameError?: string;
      /** The certificate's names: `DNS:*.api.sagemaker.us-west-2.vpce.amazonaws.com, ...`. */
      readonly altNames: string;
      readonly issuer: string;
    }
  | { readonly ok: false; readonly code: string };

function issuerOf(certificate: PeerCertificate): string {
  const issuer = certificate.issuer as unknown as Record<string, string | string[] | undefined> | undefined;
  const part = (key: string) => {
    const value = issuer?.[key];
    return Array.isArray(value) ? value.join(' ') : value;
  };
  return [part('CN'), part('O')].filter(Boolean).join(', ') || 'unknown issuer';
}

/**
 * A TLS handshake with `servername`, as an HTTPS client makes it, that goes on past a failed
 * verification to say both whether the chain is trusted and whether the certificate names the host.
 */
export function tlsHandshake(input: TlsInput): Promise<TlsResult> {
  return new Promise((resolve) => {
    const socket = tlsConnect({
      host: input.address,
      port: input.port,
      ...(isIP(input.servername) ? {} : { servername: input.servername }),
      ...(input.ca ? { ca: input.ca } : {}),
      rejectUnauthorized: false,
    });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ ok: false, code: 'ETIMEDOUT' });
    }, input.timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const certificate = socket.getPeerCertificate();
      const identity = checkServerIdentity(input.servername, certificate);
      const authorizationError = socket.authorized ? undefined : String(socket.authorizationError ?? 'UNKNOWN');
      socket.destroy();
      resolve({
        ok: true,
        ...(authorizationError && authorizationError !== 'ERR_TLS_CERT_ALTNAME_INVALID' ? { trustError: authorizationError } : {}),
        ...(identity ? { nameError: identity.message } : {}),
        altNames: certificate.subjectaltname ?? '(no subject alternative names)',
        issuer: issuerOf(certificate),
      });
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ ok: false, code: error.code ?? error.message });
    });
  });
}
