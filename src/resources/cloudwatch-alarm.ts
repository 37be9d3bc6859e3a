import { CloudWatchClient, DeleteAlarmsCommand, ListTagsForResourceCommand, paginateDescribeAlarms } from '@aws-sdk/client-cloudwatch';
import type { Resource } from '../core/model.js';
import { iso, tagsOf, type ResourceType } from './resource-type.js';

/** DescribeAlarms accepts 1..100 records per page. */
const PAGE_SIZE = 100;

interface AlarmRow {
  name: string;
  arn?: string;
  kind: 'metric' | 'composite';
  namespace?: string;
  metricName?: string;
  state?: string;
  updatedAt?: string;
}

export const cloudwatchAlarm: ResourceType = {
  type: 'cloudwatch:alarm',
  description: 'CloudWatch metric and composite alarms (billed per alarm-month beyond the free 10)',
  scope: 'region',
  createdAt: false,
  permissions: {
    list: ['cloudwatch:DescribeAlarms', 'cloudwatch:ListTagsForResource'],
    remove: ['cloudwatch:DeleteAlarms'],
  },
  properties: {
    alarmType: { type: 'string', description: 'metric | composite' },
    namespace: { type: 'string', description: 'metric namespace, e.g. AWS/EC2, AWS/Billing' },
    metricName: { type: 'string', description: 'metric name' },
    stateValue: { type: 'string', description: 'OK | ALARM | INSUFFICIENT_DATA' },
    updatedAt: { type: 'date', description: 'when the alarm configuration last changed (ISO)' },
  },
  // 1 DescribeAlarms call per 100 alarms, then 1 ListTagsForResource per alarm (the listing carries no tags).
  async list(ctx) {
    const cw = ctx.client(CloudWatchClient);
    const rows: AlarmRow[] = [];
    const pages = paginateDescribeAlarms({ client: cw, stopOnSameToken: true }, { MaxRecords: PAGE_SIZE, AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] });
    for await (const page of pages) {
      for (const a of page.MetricAlarms ?? []) {
        if (a.AlarmName) rows.push({ name: a.AlarmName, arn: a.AlarmArn, kind: 'metric', namespace: a.Namespace, metricName: a.MetricName, state: a.StateValue, updatedAt: iso(a.AlarmConfigurationUpdatedTimestamp) });
      }
      for (const a of page.CompositeAlarms ?? []) {
        if (a.AlarmName) rows.push({ name: a.AlarmName, arn: a.AlarmArn, kind: 'composite', state: a.StateValue, updatedAt: iso(a.AlarmConfigurationUpdatedTimestamp) });
      }
    }
    return Promise.all(
      rows.map(async (a): Promise<Resource> => {
        const tags = a.arn ? tagsOf((await cw.send(new ListTagsForResourceCommand({ ResourceARN: a.arn }))).Tags) : {};
        return {
          type: 'cloudwatch:alarm',
          id: a.name,
          arn: a.arn,
          name: a.name,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          tags,
          props: { alarmType: a.kind, namespace: a.namespace, metricName: a.metricName, stateValue: a.state, updatedAt: a.updatedAt },
        };
      }),
    );
  },
  async remove(ctx, resource) {
    await ctx.client(CloudWatchClient).send(new DeleteAlarmsCommand({ AlarmNames: [resource.id] }));
  },
  dependsOn: ['autoscaling:group', 'cloudformation:stack'],
  protect(resource) {
    if (resource.props.namespace === 'AWS/Billing') return 'billing alarm: it watches your spending';
    if (resource.id.startsWith('TargetTracking-')) return 'managed by a target tracking scaling policy: it goes with the policy';
    return undefined;
  },
};
