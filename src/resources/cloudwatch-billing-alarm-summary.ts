import type { Resource } from '../core/model.js';
import { BILLING_REGION, describeBillingAlarms, notifies } from './cloudwatch-billing-alarm.js';
import type { ResourceType } from './resource-type.js';

/**
 * cloudwatch:billing-alarm-summary — one resource per account counting the alarms on
 * AWS/Billing EstimatedCharges in us-east-1, so "no billing alarm" can be a rule.
 */
export const cloudwatchBillingAlarmSummary: ResourceType = {
  type: 'cloudwatch:billing-alarm-summary',
  description: 'Per account: how many CloudWatch alarms watch AWS/Billing EstimatedCharges in us-east-1 (also when there are none)',
  scope: 'global',
  costRole: 'billing-alarms',
  createdAt: false,
  permissions: { list: ['cloudwatch:DescribeAlarms'] },
  properties: {
    billingAlarmCount: { type: 'number', description: 'alarms on AWS/Billing EstimatedCharges' },
    notifyingAlarmCount: { type: 'number', description: 'of those, alarms with actions enabled and at least one action' },
    alarmNames: { type: 'strings', description: 'names of the billing alarms', ref: { to: ['cloudwatch:billing-alarm', 'cloudwatch:alarm'], kind: 'uses', byName: true } },
    alarmRegion: { type: 'string', description: 'the region checked (billing metrics exist only in us-east-1)' },
  },
  async list(ctx) {
    const alarms = await describeBillingAlarms(ctx);
    const resource: Resource = {
      type: 'cloudwatch:billing-alarm-summary',
      id: 'billing-alarms',
      name: 'Billing alarms',
      accountId: ctx.accountId,
      region: ctx.resourceRegion,
      tags: {},
      props: {
        billingAlarmCount: alarms.length,
        notifyingAlarmCount: alarms.filter(notifies).length,
        alarmNames: alarms.map((a) => a.AlarmName).filter(Boolean),
        alarmRegion: BILLING_REGION,
      },
    };
    return [resource];
  },
};
