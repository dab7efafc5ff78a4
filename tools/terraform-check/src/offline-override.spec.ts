import { offlineOverride } from './offline-override';

const OFFLINE = {
  skip_credentials_validation: true,
  skip_requesting_account_id: true,
  skip_metadata_api_check: true,
  allowed_account_ids: null,
};

describe('offlineOverride', () => {
  it('turns every AWS call of the default provider off and unsets its account allow-list', () => {
    const stack = { provider: { aws: [{ region: 'us-west-2', allowed_account_ids: ['111122223333'] }] } };

    expect(offlineOverride(stack)).toEqual({ provider: { aws: [OFFLINE] } });
  });

  it('overrides each aliased provider by its alias, and disables a role to assume only where one is set', () => {
    const stack = {
      provider: {
        aws: [
          { region: 'us-west-2', assume_role: [{ role_arn: 'arn:aws:iam::111122223333:role/deploy' }] },
          { alias: 'use1', region: 'us-east-1' },
        ],
      },
    };

    expect(offlineOverride(stack)).toEqual({
      provider: { aws: [{ ...OFFLINE, assume_role: [{ role_arn: '' }] }, { alias: 'use1', ...OFFLINE }] },
    });
  });

  it('is empty for a stack without an AWS provider: an override of a missing provider is an error', () => {
    expect(offlineOverride({})).toEqual({});
  });
});
