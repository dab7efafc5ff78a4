import { generateKeyPairSync, randomBytes, sign, X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';

/** A PEM key and certificate for a loopback TLS server; the certificate is its own CA. */
export interface TlsIdentity {
  readonly key: string;
  readonly cert: string;
}

// Minimal DER: enough of X.509 for a self-signed P-256 certificate with subjectAltName. Built with
// node:crypto alone, so the tests need no openssl binary and take one code path everywhere.
function der(tag: number, content: Buffer): Buffer {
  const length = content.length;
  if (length < 0x80) return Buffer.concat([Buffer.from([tag, length]), content]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
  return Buffer.concat([Buffer.from([tag, 0x80 | bytes.length, ...bytes]), content]);
}
const sequence = (...items: Buffer[]) => der(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => der(0x31, Buffer.concat(items));
const explicit = (n: number, item: Buffer) => der(0xa0 + n, item);
const integer = (bytes: Buffer) => der(0x02, bytes[0] & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
const utf8 = (text: string) => der(0x0c, Buffer.from(text, 'utf8'));
const octets = (bytes: Buffer) => der(0x04, bytes);
const bits = (bytes: Buffer) => der(0x03, Buffer.concat([Buffer.from([0]), bytes]));
const boolean = (value: boolean) => der(0x01, Buffer.from([value ? 0xff : 0]));

function oid(dotted: string): Buffer {
  const [first, second, ...rest] = dotted.split('.').map(Number);
  const body = [40 * first + second];
  for (const arc of rest) {
    const chunk = [arc & 0x7f];
    for (let value = arc >> 7; value > 0; value >>= 7) chunk.unshift((value & 0x7f) | 0x80);
    body.push(...chunk);
  }
  return der(0x06, Buffer.from(body));
}

function utcTime(date: Date): Buffer {
  const text = date.toISOString().replace(/[-:T]/g, '').slice(2, 14);
  return der(0x17, Buffer.from(`${text}Z`, 'ascii'));
}

function ipBytes(address: string): Buffer {
  return Buffer.from(address.split('.').map(Number));
}

const ECDSA_WITH_SHA256 = sequence(oid('1.2.840.10045.4.3.2'));

/**
 * A fresh self-signed certificate for `names` (DNS names, or IPv4 addresses), valid for a day.
 * Trust it as the CA (`AWS_CA_BUNDLE`, `ca`) to make TLS to the loopback server verify.
 */
export function selfSignedCertificate(names: readonly string[]): TlsIdentity {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const subject = sequence(set(sequence(oid('2.5.4.3'), utf8(names[0]))));
  const now = Date.now();
  const altNames = sequence(
    ...names.map((name) => (isIP(name) === 4 ? der(0x87, ipBytes(name)) : der(0x82, Buffer.from(name, 'ascii')))),
  );
  const extensions = sequence(
    sequence(oid('2.5.29.19'), boolean(true), octets(sequence(boolean(true)))),
    sequence(oid('2.5.29.17'), octets(altNames)),
  );
  const serial = randomBytes(8);
  serial[0] &= 0x7f;
  const tbs = sequence(
    explicit(0, integer(Buffer.from([2]))),
    integer(serial),
    ECDSA_WITH_SHA256,
    subject,
    sequence(utcTime(new Date(now - 60_000)), utcTime(new Date(now + 86_400_000))),
    subject,
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, extensions),
  );
  const certificate = sequence(tbs, ECDSA_WITH_SHA256, bits(sign('sha256', tbs, privateKey)));
  const cert = `-----BEGIN CERTIFICATE-----\n${certificate.toString('base64').replace(/(.{64})/g, '$1\n').trimEnd()}\n-----END CERTIFICATE-----\n`;
  new X509Certificate(cert); // fails here, not in a TLS handshake, if the encoding is wrong
  return { key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), cert };
}
