import { FreeTierClient, freeTierUnavailableReason, listAllFreeTierUsage } from '../aws/freetier.js';
import type { Resource } from '../core/model.js';
import { offerId, offerProps } from '../cost/free-tier.js';
import type { ResourceType } from './resource-type.js';

/**
 * freetier:usage — one resource per free-tier offer with this month's actual and forecast usage
 * against its limit (Free Tier API, free to call). Where the API does not serve the account there are
 * no offers (freetier:plan says why), not a collection error.
 */
export const freetierUsage: ResourceType = {
  type: 'freetier:usage',
  description: 'Free-tier offers: actual and forecast usage this month against each limit (Free Tier API)',
  scope: 'global',
  costRole: 'free-tier-offers',
  createdAt: false,
  permissions: { list: ['freetier:GetFreeTierUsage'] },
  properties: {
    service: { type: 'string', description: 'the service of the offer' },
    usageType: { type: 'string', description: 'the usage type the offer covers' },
    baseUsageType: { type: 'string', description: 'the usage type without its region prefix' },
    usageRegion: { type: 'string', description: 'the region of the offer' },
    description: { type: 'string', description: 'what the offer covers' },
    freeTierType: { type: 'string', description: 'Always Free, 12 Months Free, ...' },
    actualUsageAmount: { type: 'number', description: 'usage this month' },
    forecastedUsageAmount: { type: 'number', description: 'forecast usage for the month' },
    limit: { type: 'number', description: 'the free allowance' },
    unit: { type: 'string', description: 'unit of usage and limit' },
    actualPercent: { type: 'number', description: 'actual usage as a percentage of the limit' },
    forecastPercent: { type: 'number', description: 'forecast usage as a percentage of the limit' },
    ruleIds: { type: 'strings', description: 'audit rules that explain the usage type' },
    auditCommand: { type: 'string', description: 'costguard audit --rule ... for those rules' },
    operation: { type: 'string', description: 'the API operation of the offer' },
  },
  // GetFreeTierUsage, 1000 offers a page.
  async list(ctx) {
    let usages;
    try {
      usages = await listAllFreeTierUsage(ctx.client(FreeTierClient));
    } catch (error) {
      if (freeTierUnavailableReason(error) !== undefined) return [];
      throw error;
    }
    return usages.map(
      (u): Resource => ({
        type: 'freetier:usage',
        id: offerId(u),
        name: u.description || u.usageType,
        accountId: ctx.accountId,
        region: ctx.resourceRegion,
        tags: {},
        props: offerProps(u),
      }),
    );
  },
};
