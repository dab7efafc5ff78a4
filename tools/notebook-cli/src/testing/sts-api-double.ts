import type { RecordedRequest, Reply } from './loopback-server';

export interface StsApiScript {
  /** The caller GetCallerIdentity names. */
  readonly arn: string;
  /** Answer with this error instead (`Sender` fault, HTTP 403 unless given). */
  readonly error?: { readonly code: string; readonly message: string; readonly status?: number };
}

const XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** The action an STS (awsQuery) request names in its form body. */
export function stsActionOf(request: RecordedRequest): string | undefined {
  return new URLSearchParams(request.body).get('Action') ?? undefined;
}

/** Plays STS GetCallerIdentity the way AWS answers it: awsQuery, a form-encoded POST, XML back. */
export function stsApiDouble(script: StsApiScript): (request: RecordedRequest) => Reply {
  return (request) => {
    const headers = { 'content-type': 'text/xml' };
    if (script.error) {
      return {
        status: script.error.status ?? 403,
        headers,
        text: `<ErrorResponse xmlns="${XMLNS}"><Error><Type>Sender</Type><Code>${script.error.code}</Code><Message>${script.error.message}</Message></Error><RequestId>00000000-0000-4000-8000-000000000002</RequestId></ErrorResponse>`,
      };
    }
    if (stsActionOf(request) !== 'GetCallerIdentity') {
      return { status: 400, headers, text: `<ErrorResponse xmlns="${XMLNS}"><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>unknown</Message></Error></ErrorResponse>` };
    }
    const account = /^arn:aws:(?:sts|iam)::(\d{12}):/.exec(script.arn)?.[1] ?? '000000000000';
    return {
      headers,
      text:
        `<GetCallerIdentityResponse xmlns="${XMLNS}"><GetCallerIdentityResult>` +
        `<Arn>${script.arn}</Arn><UserId>AROAEXAMPLEID:me</UserId><Account>${account}</Account>` +
        '</GetCallerIdentityResult><ResponseMetadata><RequestId>00000000-0000-4000-8000-000000000001</RequestId></ResponseMetadata></GetCallerIdentityResponse>',
    };
  };
}
