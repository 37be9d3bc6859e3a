import { afterEach, describe, expect, it } from 'vitest';
import { freetierPlan } from '../../../src/resources/freetier-plan.js';
import { fakeAws, jsonError, jsonReply, NOW, ORIGIN, testGlobalCollectContext, type TestCollectContext } from './helpers.js';

const JSON10 = 'application/x-amz-json-1.0';
let t: TestCollectContext | undefined;
afterEach(() => t?.dispose());

describe('freetier:plan', () => {
  it('reports a free plan with its credits, expiry and days left', async () => {
    t = testGlobalCollectContext({ now: NOW });
    fakeAws(ORIGIN.freetier, {
      GetAccountPlanState: () =>
        jsonReply(
          {
            accountId: '111111111111',
            accountPlanType: 'FREE',
            accountPlanStatus: 'ACTIVE',
            accountPlanRemainingCredits: { amount: 12.345, unit: 'USD' },
            accountPlanExpirationDate: Date.parse('2026-12-01T12:00:00Z') / 1000,
          },
          JSON10,
        ),
    });
    const [plan] = await freetierPlan.list(t.ctx);
    expect(plan).toMatchObject({ type: 'freetier:plan', id: 'account-plan', accountId: '111111111111', region: 'global' });
    expect(plan.props).toEqual({
      available: true,
      accountPlanType: 'FREE',
      status: 'ACTIVE',
      remainingCreditsUsd: 12.35,
      creditsUnit: 'USD',
      expiresAt: '2026-12-01T12:00:00.000Z',
      expiresOn: '2026-12-01',
      daysLeft: 10,
    });
    expect(t.op('freetier', 'GetAccountPlanState').calls).toBe(1);
  });

  it.each([
    ['an organization member (AccessDeniedException)', 'AccessDeniedException', 'Member accounts cannot access the Free Tier API'],
    ['a legacy account (ResourceNotFoundException)', 'ResourceNotFoundException', 'Account plan not found'],
    ['an unsupported account (ValidationException)', 'ValidationException', 'This account is not supported'],
  ])('reports %s as available: false, not as an error', async (_what, code, message) => {
    t = testGlobalCollectContext({ now: NOW, maxAttempts: 1 });
    fakeAws(ORIGIN.freetier, { GetAccountPlanState: () => jsonError(code, message, 400, JSON10) });
    const [plan] = await freetierPlan.list(t.ctx);
    expect(plan.props).toEqual({ available: false, unavailableReason: `${code}: ${message}` });
  });

  it('lets other failures through, so they become collection errors', async () => {
    t = testGlobalCollectContext({ now: NOW, maxAttempts: 1 });
    fakeAws(ORIGIN.freetier, { GetAccountPlanState: () => jsonError('InternalServerException', 'try later', 500, JSON10) });
    await expect(freetierPlan.list(t.ctx)).rejects.toMatchObject({ name: 'InternalServerException' });
  });
});
