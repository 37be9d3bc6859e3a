import { afterEach, describe, expect, it } from 'vitest';
import { cloudwatchBillingAlarm } from '../../../src/resources/cloudwatch-billing-alarm.js';
import { billingAlarm, fakeAws, jsonReply, ORIGIN, testGlobalCollectContext, type TestCollectContext } from './helpers.js';

const JSON10 = 'application/x-amz-json-1.0';
let t: TestCollectContext | undefined;
afterEach(() => t?.dispose());

describe('cloudwatch:billing-alarm', () => {
  it('keeps only alarms on AWS/Billing EstimatedCharges (plain or metric math), across pages, in us-east-1', async () => {
    t = testGlobalCollectContext();
    const cpu = { AlarmName: 'cpu', Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', AlarmActions: [] };
    const math = {
      AlarmName: 'billing-math',
      Metrics: [{ Id: 'm1', MetricStat: { Metric: { Namespace: 'AWS/Billing', MetricName: 'EstimatedCharges' }, Period: 21600, Stat: 'Maximum' } }],
      ActionsEnabled: true,
      AlarmActions: [],
    };
    const server = fakeAws(ORIGIN.cloudwatch, {
      DescribeAlarms: [() => jsonReply({ MetricAlarms: [cpu, billingAlarm('bill-10')], NextToken: 'n2' }, JSON10), () => jsonReply({ MetricAlarms: [math] }, JSON10)],
    });
    const alarms = await cloudwatchBillingAlarm.list(t.ctx);
    expect(alarms.map((a) => a.id)).toEqual(['bill-10', 'billing-math']);
    expect(alarms[0].props).toEqual({ threshold: 10, comparisonOperator: 'GreaterThanThreshold', stateValue: 'OK', actionsEnabled: true, alarmActionCount: 1, notifies: true, currency: 'USD' });
    expect(alarms[1].props).toMatchObject({ notifies: false, alarmActionCount: 0 });
    const calls = server.calls('DescribeAlarms');
    expect(calls.map((c) => c.json)).toEqual([
      { AlarmTypes: ['MetricAlarm'], MaxRecords: 100 },
      { AlarmTypes: ['MetricAlarm'], MaxRecords: 100, NextToken: 'n2' },
    ]);
    expect(t.op('cloudwatch', 'DescribeAlarms').calls).toBe(2);
  });
});
