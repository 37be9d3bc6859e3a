import { afterEach, describe, expect, it } from 'vitest';
import { cloudwatchBillingAlarm } from '../../../src/resources/cloudwatch-billing-alarm.js';
import { cloudwatchBillingAlarmSummary } from '../../../src/resources/cloudwatch-billing-alarm-summary.js';
import { billingAlarm, fakeAws, jsonReply, ORIGIN, testGlobalCollectContext, type TestCollectContext } from './helpers.js';

const JSON10 = 'application/x-amz-json-1.0';
let t: TestCollectContext | undefined;
afterEach(() => t?.dispose());

describe('cloudwatch:billing-alarm-summary', () => {
  it('exists with zero counts when no alarm watches the bill', async () => {
    t = testGlobalCollectContext();
    fakeAws(ORIGIN.cloudwatch, { DescribeAlarms: () => jsonReply({ MetricAlarms: [{ AlarmName: 'cpu', Namespace: 'AWS/EC2', MetricName: 'CPUUtilization' }] }, JSON10) });
    const [summary] = await cloudwatchBillingAlarmSummary.list(t.ctx);
    expect(summary).toMatchObject({ type: 'cloudwatch:billing-alarm-summary', id: 'billing-alarms', region: 'global' });
    expect(summary.props).toEqual({ billingAlarmCount: 0, notifyingAlarmCount: 0, alarmNames: [], alarmRegion: 'us-east-1' });
  });

  it('counts alarms that notify apart from alarms with no action or actions turned off', async () => {
    t = testGlobalCollectContext();
    const server = fakeAws(ORIGIN.cloudwatch, {
      DescribeAlarms: () => jsonReply({ MetricAlarms: [billingAlarm('ok'), billingAlarm('silent', []), billingAlarm('off', undefined, false)] }, JSON10),
    });
    const [[summary]] = await Promise.all([cloudwatchBillingAlarmSummary.list(t.ctx), cloudwatchBillingAlarm.list(t.ctx)]);
    expect(summary.props).toMatchObject({ billingAlarmCount: 3, notifyingAlarmCount: 1, alarmNames: ['ok', 'silent', 'off'] });
    expect(server.calls('DescribeAlarms')).toHaveLength(1);
  });
});
