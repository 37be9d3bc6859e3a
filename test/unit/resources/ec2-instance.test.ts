import { afterEach, describe, expect, it } from 'vitest';
import { ec2Instance } from '../../../src/resources/ec2-instance.js';
import { testCollectContext, type TestCollectContext } from '../../helpers/collect-context.js';
import { pagedCollectorCases } from './collector-cases.js';
import { ec2Error, ec2Reply, ec2Tags, fakeAws, ORIGINS, type FakeReply } from './fake-aws.js';

const instance = (id: string, type = 'm5.large', state = 'running', inner = '') =>
  `<item><instanceId>${id}</instanceId><instanceType>${type}</instanceType><instanceState><code>16</code><name>${state}</name></instanceState>${inner}</item>`;
const reservations = (groups: string[][], next?: string) =>
  ec2Reply(
    'DescribeInstances',
    `<reservationSet>${groups.map((g, n) => `<item><reservationId>r-${n}</reservationId><ownerId>111111111111</ownerId><instancesSet>${g.join('')}</instancesSet></item>`).join('')}</reservationSet>${next ? `<nextToken>${next}</nextToken>` : ''}`,
  );
const eligibleTypes = (types: string[], next?: string): FakeReply =>
  ec2Reply(
    'DescribeInstanceTypes',
    `<instanceTypeSet>${types.map((t) => `<item><instanceType>${t}</instanceType><freeTierEligible>true</freeTierEligible></item>`).join('')}</instanceTypeSet>${next ? `<nextToken>${next}</nextToken>` : ''}`,
  );
const credits = (specs: Array<[string, string]>, next?: string): FakeReply =>
  ec2Reply(
    'DescribeInstanceCreditSpecifications',
    `<instanceCreditSpecificationSet>${specs.map(([id, mode]) => `<item><instanceId>${id}</instanceId><cpuCredits>${mode}</cpuCredits></item>`).join('')}</instanceCreditSpecificationSet>${next ? `<nextToken>${next}</nextToken>` : ''}`,
  );

describe('ec2:instance', () => {
  let t: TestCollectContext;
  afterEach(() => t?.dispose());

  it('maps a running free-tier t3.micro that runs unlimited, with its volumes and public IPv4', async () => {
    t = testCollectContext();
    fakeAws(ORIGINS.ec2, {
      DescribeInstances: () =>
        reservations([
          [
            instance(
              'i-0t3',
              't3.micro',
              'running',
              `<keyName>lab-key</keyName><launchTime>2025-05-05T05:05:05.000Z</launchTime><subnetId>subnet-1</subnetId><vpcId>vpc-1</vpcId>
               <ipAddress>54.1.2.3</ipAddress><platformDetails>Linux/UNIX</platformDetails><rootDeviceName>/dev/xvda</rootDeviceName>
               <blockDeviceMapping>
                 <item><deviceName>/dev/xvda</deviceName><ebs><volumeId>vol-root</volumeId><status>attached</status><attachTime>2025-01-01T00:00:00.000Z</attachTime><deleteOnTermination>true</deleteOnTermination></ebs></item>
                 <item><deviceName>/dev/sdf</deviceName><ebs><volumeId>vol-data</volumeId><status>attached</status><attachTime>2025-02-01T00:00:00.000Z</attachTime></ebs></item>
               </blockDeviceMapping>
               <groupSet><item><groupId>sg-web</groupId><groupName>web</groupName></item></groupSet>
               <networkInterfaceSet>
                 <item><networkInterfaceId>eni-1</networkInterfaceId><groupSet><item><groupId>sg-web</groupId></item></groupSet></item>
                 <item><networkInterfaceId>eni-2</networkInterfaceId><groupSet><item><groupId>sg-admin</groupId></item></groupSet></item>
               </networkInterfaceSet>${ec2Tags({ Name: 'web' })}`,
            ),
          ],
        ]),
      DescribeInstanceTypes: () => eligibleTypes(['t2.micro', 't3.micro']),
      DescribeInstanceCreditSpecifications: () => credits([['i-0t3', 'unlimited']]),
    });
    const [r] = await ec2Instance.list(t.ctx);
    expect(r).toEqual({
      type: 'ec2:instance',
      id: 'i-0t3',
      arn: 'arn:aws:ec2:us-east-1:111111111111:instance/i-0t3',
      name: 'web',
      accountId: '111111111111',
      region: 'us-east-1',
      createdAt: '2025-01-01T00:00:00.000Z',
      tags: { Name: 'web' },
      props: {
        instanceType: 't3.micro',
        instanceFamily: 't3',
        state: 'running',
        launchTime: '2025-05-05T05:05:05.000Z',
        platform: undefined,
        platformDetails: 'Linux/UNIX',
        burstable: true,
        cpuCredits: 'unlimited',
        freeTierEligible: true,
        publicIp: '54.1.2.3',
        vpcId: 'vpc-1',
        subnetId: 'subnet-1',
        keyName: 'lab-key',
        volumeIds: ['vol-root', 'vol-data'],
        securityGroupIds: ['sg-web', 'sg-admin'],
      },
    });
  });

  it('tells the credit mode of each burstable instance and skips terminated ones, in three calls', async () => {
    t = testCollectContext();
    const server = fakeAws(ORIGINS.ec2, {
      DescribeInstances: () =>
        reservations([
          [instance('i-t2', 't2.micro', 'stopped'), instance('i-t3a', 't3a.small')],
          [instance('i-win', 'm5.large', 'running', '<platform>windows</platform><platformDetails>Windows</platformDetails>'), instance('i-dead', 't3.micro', 'terminated')],
          [instance('i-t4g', 't4g.nano')],
        ]),
      DescribeInstanceTypes: () => eligibleTypes(['t2.micro', 't3.micro']),
      // i-t3a was unlimited once and is standard now; i-t4g is unlimited; i-t2 is missing, so standard.
      DescribeInstanceCreditSpecifications: () => credits([['i-t3a', 'standard'], ['i-t4g', 'unlimited'], ['i-dead', 'unlimited']]),
    });
    const resources = await ec2Instance.list(t.ctx);
    const byId = Object.fromEntries(resources.map((r) => [r.id, r.props]));

    expect(Object.keys(byId)).toEqual(['i-t2', 'i-t3a', 'i-win', 'i-t4g']);
    expect(byId['i-t2']).toMatchObject({ state: 'stopped', burstable: true, cpuCredits: 'standard', freeTierEligible: true, instanceFamily: 't2' });
    expect(byId['i-t3a']).toMatchObject({ burstable: true, cpuCredits: 'standard', freeTierEligible: false });
    expect(byId['i-t4g']).toMatchObject({ burstable: true, cpuCredits: 'unlimited', instanceFamily: 't4g' });
    expect(byId['i-win']).toMatchObject({ burstable: false, cpuCredits: undefined, platform: 'windows', freeTierEligible: false, volumeIds: [] });

    expect(server.requests.map((r) => r.op).sort()).toEqual(['DescribeInstanceCreditSpecifications', 'DescribeInstanceTypes', 'DescribeInstances']);
    const types = server.calls('DescribeInstanceTypes')[0].form;
    expect(types.get('Filter.1.Name')).toBe('free-tier-eligible');
    expect(types.get('Filter.1.Value.1')).toBe('true');
    expect(types.get('MaxResults')).toBe('100');
    const creditCall = server.calls('DescribeInstanceCreditSpecifications')[0].form;
    expect(creditCall.get('MaxResults')).toBe('1000');
    expect([...creditCall.keys()].filter((k) => k.startsWith('InstanceId'))).toEqual([]);
  });

  it('follows every page of the eligible types and of the credit specifications', async () => {
    t = testCollectContext();
    const server = fakeAws(ORIGINS.ec2, {
      DescribeInstances: () => reservations([[instance('i-1', 't2.micro'), instance('i-2', 't3.micro')]]),
      DescribeInstanceTypes: [() => eligibleTypes(['t2.micro'], 'types-2'), () => eligibleTypes(['t3.micro'])],
      DescribeInstanceCreditSpecifications: [() => credits([['i-1', 'unlimited']], 'credits-2'), () => credits([['i-2', 'unlimited']])],
    });
    const resources = await ec2Instance.list(t.ctx);
    expect(resources.map((r) => [r.id, r.props.freeTierEligible, r.props.cpuCredits])).toEqual([
      ['i-1', true, 'unlimited'],
      ['i-2', true, 'unlimited'],
    ]);
    expect(server.calls('DescribeInstanceTypes').map((c) => c.form.get('NextToken'))).toEqual([null, 'types-2']);
    expect(server.calls('DescribeInstanceCreditSpecifications').map((c) => c.form.get('NextToken'))).toEqual([null, 'credits-2']);
    expect(t.op('ec2', 'DescribeInstanceTypes').calls).toBe(2);
    expect(t.op('ec2', 'DescribeInstanceCreditSpecifications').calls).toBe(2);
  });

  it('does not ask for credit specifications when no instance is burstable', async () => {
    t = testCollectContext();
    const server = fakeAws(ORIGINS.ec2, {
      DescribeInstances: () => reservations([[instance('i-m5', 'm5.large')]]),
      DescribeInstanceTypes: () => eligibleTypes(['t2.micro']),
    });
    const [r] = await ec2Instance.list(t.ctx);
    expect(r.props).toMatchObject({ burstable: false, cpuCredits: undefined, freeTierEligible: false });
    expect(server.requests.map((q) => q.op)).toEqual(['DescribeInstances', 'DescribeInstanceTypes']);
  });

  it('rejects when the credit specifications are refused (the instance data would be incomplete)', async () => {
    t = testCollectContext();
    fakeAws(ORIGINS.ec2, {
      DescribeInstances: () => reservations([[instance('i-1', 't3.micro')]]),
      DescribeInstanceTypes: () => eligibleTypes(['t3.micro']),
      DescribeInstanceCreditSpecifications: () => ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403),
    });
    await expect(ec2Instance.list(t.ctx)).rejects.toMatchObject({ name: 'UnauthorizedOperation' });
  });

  pagedCollectorCases({
    type: ec2Instance,
    origin: ORIGINS.ec2,
    service: 'ec2',
    op: 'DescribeInstances',
    pageSize: { name: 'MaxResults', max: 1000 },
    tokenParam: 'NextToken',
    page: (ids, next) => reservations(ids.length ? [ids.map((id) => instance(id))] : [], next),
    throttle: ec2Error('RequestLimitExceeded', 'Request limit exceeded.'),
    denied: ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403),
    deniedCode: 'UnauthorizedOperation',
    extra: { DescribeInstanceTypes: () => eligibleTypes(['t2.micro']) },
  });
});
