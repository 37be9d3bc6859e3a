import { FreeTierClient, GetAccountPlanStateCommand, freeTierUnavailableReason } from '../aws/freetier.js';
import type { Resource } from '../core/model.js';
import { planProps, unavailablePlanProps } from '../cost/free-tier.js';
import type { ResourceType } from './resource-type.js';

/**
 * freetier:plan — the account's free-tier plan (Free Tier API, free to call): FREE or PAID, status,
 * remaining credits and when the plan ends. Accounts the API does not serve (legacy accounts, some
 * organization members, no access) get `available: false` with the reason, not a collection error.
 */
export const freetierPlan: ResourceType = {
  type: 'freetier:plan',
  description: 'Free-tier account plan: free or paid, status, remaining credits, expiry (Free Tier API)',
  scope: 'global',
  costRole: 'free-tier-plan',
  createdAt: false,
  permissions: { list: ['freetier:GetAccountPlanState'] },
  properties: {
    available: { type: 'boolean', description: 'false when the Free Tier API does not serve this account' },
    unavailableReason: { type: 'string', description: 'the API answer when available is false' },
    accountPlanType: { type: 'string', description: 'FREE | PAID' },
    status: { type: 'string', description: 'NOT_STARTED | ACTIVE | EXPIRED' },
    remainingCreditsUsd: { type: 'number', description: 'credits left, USD' },
    creditsUnit: { type: 'string', description: 'currency of the credits' },
    expiresAt: { type: 'date', description: 'when the plan ends (ISO timestamp)' },
    expiresOn: { type: 'string', description: 'the day the plan ends (YYYY-MM-DD)' },
    daysLeft: { type: 'number', description: 'whole days until the plan ends' },
  },
  // One GetAccountPlanState call per account.
  async list(ctx) {
    let props: Record<string, unknown>;
    try {
      props = planProps(await ctx.client(FreeTierClient).send(new GetAccountPlanStateCommand()), ctx.now);
    } catch (error) {
      const reason = freeTierUnavailableReason(error);
      if (reason === undefined) throw error;
      props = unavailablePlanProps(reason);
    }
    const resource: Resource = {
      type: 'freetier:plan',
      id: 'account-plan',
      name: props.accountPlanType ? `${String(props.accountPlanType).toLowerCase()} plan` : 'account plan',
      accountId: ctx.accountId,
      region: ctx.resourceRegion,
      tags: {},
      props,
    };
    return [resource];
  },
};
