import { createHash, createHmac } from 'node:crypto';
import type { RecordedRequest } from './loopback-server';

/** What an AWS Signature Version 4 `Authorization` header says, and whether the signature holds. */
export interface SigV4Check {
  readonly accessKeyId: string;
  readonly region: string;
  readonly service: string;
  readonly signedHeaders: readonly string[];
  /** The signature matches the request, recomputed with the secret key. */
  readonly valid: boolean;
}

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/;

const sha256 = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/**
 * Recomputes the SigV4 signature of a recorded request, independently of the SDK (the algorithm
 * of the AWS General Reference), so a request the SDK signed wrongly, or not at all, fails.
 */
export function checkSigV4(request: RecordedRequest, secretAccessKey: string): SigV4Check | undefined {
  const match = AUTHORIZATION.exec(String(request.headers.authorization ?? ''));
  if (!match) return undefined;
  const [, accessKeyId, day, region, service, signedHeaderList, signature] = match;
  const signedHeaders = signedHeaderList.split(';');
  const [path, query = ''] = request.url.split('?');
  const canonicalQuery = query
    .split('&')
    .filter(Boolean)
    .sort()
    .join('&');
  const canonicalHeaders = signedHeaders
    .map((name) => `${name}:${String(request.headers[name] ?? '').trim().replace(/\s+/g, ' ')}\n`)
    .join('');
  const payloadHash = String(request.headers['x-amz-content-sha256'] ?? sha256(request.body));
  const canonicalRequest = [request.method, path, canonicalQuery, canonicalHeaders, signedHeaderList, payloadHash].join('\n');
  const scope = `${day}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', String(request.headers['x-amz-date']), scope, sha256(canonicalRequest)].join('\n');
  const key = [day, region, service, 'aws4_request'].reduce<Buffer | string>((k, part) => hmac(k, part), `AWS4${secretAccessKey}`);
  const expected = hmac(key, stringToSign).toString('hex');
  return { accessKeyId, region, service, signedHeaders, valid: expected === signature };
}
