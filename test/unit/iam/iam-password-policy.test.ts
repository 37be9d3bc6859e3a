import { afterEach, describe, expect, it } from 'vitest';
import { iamPasswordPolicy } from '../../../src/resources/iam-password-policy.js';
import { testGlobalCollectContext, type TestCollectContext } from '../../helpers/collect-context.js';
import { fakeIam, iamError, passwordPolicyReply } from './iam-fake.js';

describe('iam:password-policy', () => {
  let t: TestCollectContext;
  afterEach(() => t?.dispose());

  it('reads a weak policy', async () => {
    t = testGlobalCollectContext();
    fakeIam({ GetAccountPasswordPolicy: () => passwordPolicyReply({ MinimumPasswordLength: 8, RequireNumbers: true, AllowUsersToChangePassword: true }) });
    const [p] = await iamPasswordPolicy.list(t.ctx);
    expect(p).toMatchObject({ type: 'iam:password-policy', id: 'account-password-policy', region: 'global' });
    expect(p.props).toMatchObject({
      set: true,
      minimumPasswordLength: 8,
      requireNumbers: true,
      requireSymbols: false,
      passwordReusePrevention: 0,
      summary: 'minimum length 8; symbols no; numbers yes; uppercase no; lowercase no; reuse prevention 0',
    });
  });

  it('turns NoSuchEntity into a "none set" resource, not an error', async () => {
    t = testGlobalCollectContext({ maxAttempts: 1 });
    fakeIam({ GetAccountPasswordPolicy: () => iamError('NoSuchEntity', 'The Password Policy with domain name 111111111111 cannot be found.', 404) });
    const [p] = await iamPasswordPolicy.list(t.ctx);
    expect(p.props).toMatchObject({ set: false, minimumPasswordLength: 8, summary: expect.stringMatching(/^none set/) });
  });

  it('rejects AccessDenied', async () => {
    t = testGlobalCollectContext({ maxAttempts: 1 });
    fakeIam({ GetAccountPasswordPolicy: () => iamError('AccessDenied', 'denied', 403) });
    await expect(iamPasswordPolicy.list(t.ctx)).rejects.toMatchObject({ name: 'AccessDenied' });
  });
});
