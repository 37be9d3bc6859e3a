import { CloudWatchClient, DescribeAlarmsCommand, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import type { Resource } from '../core/model.js';
import { memoize } from '../core/memo.js';
import type { CollectContext, ResourceType } from './resource-type.js';

/** The billing metric exists only in us-east-1 (after "Receive Billing Alerts" is turned on). */
export const BILLING_NAMESPACE = 'AWS/Billing';
export const BILLING_METRIC = 'EstimatedCharges';
export const BILLING_REGION = 'us-east-1';

/** DescribeAlarms returns at most 100 alarms a page. */
const PAGE_SIZE = 100;

function watchesBilling(alarm: MetricAlarm): boolean {
  if (alarm.Namespace === BILLING_NAMESPACE && alarm.MetricName === BILLING_METRIC) return true;
  return (alarm.Metrics ?? []).some((m) => m.MetricStat?.Metric?.Namespace === BILLING_NAMESPACE && m.MetricStat.Metric.MetricName === BILLING_METRIC);
}

/** Metric alarms on AWS/Billing EstimatedCharges in us-east-1 (alarm type files of one account share the calls). */
export function describeBillingAlarms(ctx: CollectContext): Promise<MetricAlarm[]> {
  const client = ctx.client(CloudWatchClient);
  return memoize(client, `billing-alarms:${ctx.accountId}`, async () => {
    const out: MetricAlarm[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new DescribeAlarmsCommand({ AlarmTypes: ['MetricAlarm'], MaxRecords: PAGE_SIZE, ...(token ? { NextToken: token } : {}) }));
      out.push(...(page.MetricAlarms ?? []).filter(watchesBilling));
      token = page.NextToken || undefined;
    } while (token);
    return out;
  });
}

/** An alarm tells someone only when its actions are on and it has an action for ALARM. */
export function notifies(alarm: MetricAlarm): boolean {
  return alarm.ActionsEnabled !== false && (alarm.AlarmActions ?? []).length > 0;
}

export const cloudwatchBillingAlarm: ResourceType = {
  type: 'cloudwatch:billing-alarm',
  description: 'CloudWatch alarms on AWS/Billing EstimatedCharges (us-east-1): who hears when the bill grows',
  scope: 'global',
  createdAt: false,
  permissions: { list: ['cloudwatch:DescribeAlarms'] },
  properties: {
    threshold: { type: 'number', description: 'the alarm threshold (USD)' },
    comparisonOperator: { type: 'string', description: 'GreaterThanThreshold, ...' },
    stateValue: { type: 'string', description: 'OK | ALARM | INSUFFICIENT_DATA' },
    actionsEnabled: { type: 'boolean', description: 'whether the alarm runs its actions' },
    alarmActionCount: { type: 'number', description: 'number of actions run on ALARM (SNS topics, ...)' },
    notifies: { type: 'boolean', description: 'true when actions are enabled and there is at least one' },
    currency: { type: 'string', description: 'the Currency dimension, when set' },
  },
  async list(ctx) {
    const alarms = await describeBillingAlarms(ctx);
    return alarms
      .filter((a) => a.AlarmName)
      .map(
        (a): Resource => ({
          type: 'cloudwatch:billing-alarm',
          id: a.AlarmName as string,
          arn: a.AlarmArn,
          name: a.AlarmName,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          tags: {},
          props: {
            threshold: a.Threshold,
            comparisonOperator: a.ComparisonOperator,
            stateValue: a.StateValue,
            actionsEnabled: a.ActionsEnabled,
            alarmActionCount: (a.AlarmActions ?? []).length,
            notifies: notifies(a),
            currency: a.Dimensions?.find((d) => d.Name === 'Currency')?.Value,
          },
        }),
      );
  },
};
