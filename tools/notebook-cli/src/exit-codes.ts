/** What each exit code of `npm run notebook` means; scripts branch on the code, people read the message. */
export const EXIT_CODES = {
  ok: { code: 0, meaning: 'success' },
  failed: { code: 1, meaning: 'any other failure (no credentials, a SageMaker error, a broken config)' },
  usage: { code: 2, meaning: 'usage error, or an unknown environment, region or notebook (the known ones are listed)' },
  outputsMissing: {
    code: 3,
    meaning: 'stack outputs unavailable: not synthesized, not deployed, or the state cannot be read',
  },
  unreachable: {
    code: 4,
    meaning:
      'an endpoint cannot be reached through PrivateLink: no DNS answer or a public one, no connection, timeout, untrusted certificate or one for another name',
  },
  accessDenied: {
    code: 5,
    meaning: 'access denied: the call did not come through the allowed endpoints, or the credentials are not a principal the access policy names',
  },
  notInService: {
    code: 6,
    meaning: 'the notebook is not InService: stopped (and not started), failed, being deleted, or still changing after --wait-seconds',
  },
} as const;

export type ExitReason = keyof typeof EXIT_CODES;

/** A failure the CLI explains: the message says what went wrong and what to check; the reason picks the exit code. */
export class CliError extends Error {
  constructor(
    readonly reason: Exclude<ExitReason, 'ok'>,
    message: string,
  ) {
    super(message);
    this.name = 'CliError';
  }

  get exitCode(): number {
    return EXIT_CODES[this.reason].code;
  }
}
