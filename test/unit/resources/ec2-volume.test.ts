import { afterEach, describe, expect, it } from 'vitest';
import { ec2Instance } from '../../../src/resources/ec2-instance.js';
import type { CollectContext } from '../../../src/resources/resource-type.js';
import { ec2Volume, stoppedAtOf } from '../../../src/resources/ec2-volume.js';
import { testCollectContext, type TestCollectContext } from '../../helpers/collect-context.js';
import { pagedCollectorCases, param } from './collector-cases.js';
import { ec2Error, ec2Reply, ec2Tags, fakeAws, ORIGINS } from './fake-aws.js';

const vol = (id: string, inner = '<size>8</size><status>available</status>') => `<item><volumeId>${id}</volumeId>${inner}</item>`;
const page = (items: string[], next?: string) =>
  ec2Reply('DescribeVolumes', `<volumeSet>${items.join('')}</volumeSet>${next ? `<nextToken>${next}</nextToken>` : ''}`);

/** A DescribeInstances page: [id, StateTransitionReason, state (default stopped)]. */
const instances = (items: Array<[string, string, string?]>, next?: string) =>
  ec2Reply(
    'DescribeInstances',
    `<reservationSet><item><reservationId>r-1</reservationId><ownerId>111111111111</ownerId><instancesSet>${items
      .map(([id, reason, state = 'stopped']) => `<item><instanceId>${id}</instanceId><instanceState><code>${state === 'stopped' ? 80 : 16}</code><name>${state}</name></instanceState><reason>${reason}</reason><instanceType>t3.micro</instanceType></item>`)
      .join('')}</instancesSet></item></reservationSet>${next ? `<nextToken>${next}</nextToken>` : ''}`,
  );
const attachedTo = (id: string, ...instanceIds: string[]) =>
  vol(
    id,
    `<size>20</size><status>in-use</status><volumeType>gp3</volumeType><attachmentSet>${instanceIds
      .map((i) => `<item><volumeId>${id}</volumeId><instanceId>${i}</instanceId><status>attached</status><deleteOnTermination>false</deleteOnTermination></item>`)
      .join('')}</attachmentSet>`,
  );

describe('ec2:volume', () => {
  let t: TestCollectContext;
  afterEach(() => t?.dispose());

  it('maps an attached gp3 volume and an unattached one', async () => {
    t = testCollectContext();
    fakeAws(ORIGINS.ec2, {
      DescribeInstances: () => instances([]),
      DescribeVolumes: () =>
        page([
          vol(
            'vol-root',
            `<size>30</size><snapshotId>snap-1</snapshotId><availabilityZone>us-east-1a</availabilityZone><status>in-use</status>
             <createTime>2025-01-01T00:00:00.000Z</createTime>
             <attachmentSet><item><volumeId>vol-root</volumeId><instanceId>i-0abc</instanceId><device>/dev/xvda</device><status>attached</status><deleteOnTermination>true</deleteOnTermination></item></attachmentSet>
             <volumeType>gp3</volumeType><iops>3000</iops><throughput>125</throughput><encrypted>true</encrypted>${ec2Tags({ Name: 'root' })}`,
          ),
          vol('vol-idle', '<size>100</size><availabilityZone>us-east-1b</availabilityZone><status>available</status><volumeType>gp2</volumeType><iops>300</iops><encrypted>false</encrypted><attachmentSet/>'),
        ]),
    });
    const [root, idle] = await ec2Volume.list(t.ctx);
    expect(root).toEqual({
      type: 'ec2:volume',
      id: 'vol-root',
      arn: 'arn:aws:ec2:us-east-1:111111111111:volume/vol-root',
      name: 'root',
      accountId: '111111111111',
      region: 'us-east-1',
      createdAt: '2025-01-01T00:00:00.000Z',
      tags: { Name: 'root' },
      props: {
        sizeGiB: 30,
        volumeType: 'gp3',
        state: 'in-use',
        iops: 3000,
        throughput: 125,
        attachedInstanceIds: ['i-0abc'],
        attached: true,
        encrypted: true,
        availabilityZone: 'us-east-1a',
        deleteOnTermination: true,
      },
    });
    expect(idle.props).toEqual({
      sizeGiB: 100,
      volumeType: 'gp2',
      state: 'available',
      iops: 300,
      throughput: undefined,
      attachedInstanceIds: [],
      attached: false,
      encrypted: false,
      availabilityZone: 'us-east-1b',
    });
  });

  it('says a multi-attached volume survives termination when any of its attachments keeps it', async () => {
    t = testCollectContext();
    const attachment = (instance: string, deletes: boolean) =>
      `<item><volumeId>vol-shared</volumeId><instanceId>${instance}</instanceId><status>attached</status><deleteOnTermination>${deletes}</deleteOnTermination></item>`;
    fakeAws(ORIGINS.ec2, {
      DescribeInstances: () => instances([]),
      DescribeVolumes: () =>
        page([
          vol('vol-shared', `<size>4</size><status>in-use</status><volumeType>io2</volumeType><attachmentSet>${attachment('i-1', true)}${attachment('i-2', false)}</attachmentSet>`),
          vol('vol-both', `<size>4</size><status>in-use</status><volumeType>io2</volumeType><attachmentSet>${attachment('i-1', true)}${attachment('i-2', true)}</attachmentSet>`),
        ]),
    });
    const [shared, both] = await ec2Volume.list(t.ctx);
    expect(shared.props).toMatchObject({ attachedInstanceIds: ['i-1', 'i-2'], deleteOnTermination: false });
    expect(both.props).toMatchObject({ attachedInstanceIds: ['i-1', 'i-2'], deleteOnTermination: true });
  });

  it('records the stopped instance and its stop time on the volumes attached to it, from the instance listing of the region (one DescribeInstances per page)', async () => {
    t = testCollectContext();
    const server = fakeAws(ORIGINS.ec2, {
      DescribeVolumes: () =>
        page([
          attachedTo('vol-stopped', 'i-stopped'),
          attachedTo('vol-running', 'i-running'),
          attachedTo('vol-unknown', 'i-noreason'),
          attachedTo('vol-multi', 'i-stopped', 'i-later'),
          attachedTo('vol-half', 'i-stopped', 'i-running'),
          vol('vol-idle'),
        ]),
      DescribeInstances: [
        () => instances([['i-stopped', 'User initiated (2026-11-01 10:00:00 GMT)'], ['i-noreason', 'Client.UserInitiatedShutdown'], ['i-running', '', 'running']], 'next-instances'),
        () => instances([['i-later', 'User initiated (2026-11-20 08:30:05 GMT)']]),
      ],
    });
    const byId = new Map((await ec2Volume.list(t.ctx)).map((r) => [r.id, r.props]));

    expect(byId.get('vol-stopped')).toMatchObject({ instanceState: 'stopped', stoppedInstanceId: 'i-stopped', instanceStoppedAt: '2026-11-01T10:00:00.000Z' });
    expect(byId.get('vol-unknown')).toMatchObject({ instanceState: 'stopped', stoppedInstanceId: 'i-noreason' });
    expect(byId.get('vol-unknown')).not.toHaveProperty('instanceStoppedAt');
    expect(byId.get('vol-multi')).toMatchObject({ instanceState: 'stopped', instanceStoppedAt: '2026-11-20T08:30:05.000Z' });
    for (const id of ['vol-running', 'vol-half', 'vol-idle']) {
      expect(byId.get(id), id).not.toHaveProperty('instanceState');
      expect(byId.get(id), id).not.toHaveProperty('instanceStoppedAt');
    }
    const calls = server.calls('DescribeInstances');
    expect(calls).toHaveLength(2);
    expect(calls.map((c) => [c.form.get('Filter.1.Name'), param(c, 'MaxResults')])).toEqual([
      [null, '1000'],
      [null, '1000'],
    ]);
    expect(param(calls[1], 'NextToken')).toBe('next-instances');
    expect(t.op('ec2', 'DescribeInstances')).toMatchObject({ calls: 2, errors: 0 });
  });

  it('shares the instance listing with ec2:instance when both are collected: one DescribeInstances in all', async () => {
    t = testCollectContext();
    const server = fakeAws(ORIGINS.ec2, {
      DescribeVolumes: () => page([attachedTo('vol-stopped', 'i-stopped')]),
      DescribeInstances: () => instances([['i-stopped', 'User initiated (2026-11-01 10:00:00 GMT)']]),
      DescribeInstanceTypes: () => ec2Reply('DescribeInstanceTypes', '<instanceTypeSet/>'),
      DescribeInstanceCreditSpecifications: () => ec2Reply('DescribeInstanceCreditSpecifications', '<instanceCreditSpecificationSet/>'),
    });
    const answers = new Map<string, Promise<unknown>>();
    const sharing: CollectContext = {
      ...t.ctx,
      shared<T>(key: string, fetch: () => Promise<T>): Promise<T> {
        if (!answers.has(key)) answers.set(key, fetch());
        return answers.get(key) as Promise<T>;
      },
    };
    const [volumes, found] = await Promise.all([ec2Volume.list(sharing), ec2Instance.list(sharing)]);
    expect(volumes[0].props).toMatchObject({ instanceState: 'stopped', stoppedInstanceId: 'i-stopped' });
    expect(found.map((r) => [r.id, r.props.state])).toEqual([['i-stopped', 'stopped']]);
    expect(server.calls('DescribeInstances')).toHaveLength(1);
    // Without sharing (remove(), readTags(), a test context) each type makes its own call.
    await Promise.all([ec2Volume.list(t.ctx), ec2Instance.list(t.ctx)]);
    expect(server.calls('DescribeInstances')).toHaveLength(3);
  });

  it('makes no DescribeInstances call when no volume is attached', async () => {
    t = testCollectContext();
    const server = fakeAws(ORIGINS.ec2, { DescribeVolumes: () => page([vol('vol-idle')]) });
    expect(await ec2Volume.list(t.ctx)).toHaveLength(1);
    expect(server.requests.map((r) => r.op)).toEqual(['DescribeVolumes']);
  });

  it('rejects, naming the operation, when the stopped instances cannot be read (the volume rules are then not evaluated)', async () => {
    t = testCollectContext();
    fakeAws(ORIGINS.ec2, {
      DescribeVolumes: () => page([attachedTo('vol-a', 'i-1')]),
      DescribeInstances: () => ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403),
    });
    await expect(ec2Volume.list(t.ctx)).rejects.toMatchObject({ name: 'UnauthorizedOperation' });
  });

  it('reads the stop time EC2 writes into StateTransitionReason, and nothing else', () => {
    expect(stoppedAtOf('User initiated (2026-11-01 10:00:00 GMT)')).toBe('2026-11-01T10:00:00.000Z');
    expect(stoppedAtOf('Server.ScheduledStop (2025-02-28 23:59:59 GMT)')).toBe('2025-02-28T23:59:59.000Z');
    expect(stoppedAtOf('User initiated (2026-12-01 11:19:00 UTC)')).toBe('2026-12-01T11:19:00.000Z'); // moto's wording
    expect(stoppedAtOf('User initiated (2026-12-01 11:19:00 PST)')).toBeUndefined();
    expect(stoppedAtOf('Client.UserInitiatedShutdown: User initiated shutdown')).toBeUndefined();
    expect(stoppedAtOf('')).toBeUndefined();
    expect(stoppedAtOf(undefined)).toBeUndefined();
    expect(stoppedAtOf('User initiated (2026-13-45 99:00:00 GMT)')).toBeUndefined();
  });

  pagedCollectorCases({
    type: ec2Volume,
    origin: ORIGINS.ec2,
    service: 'ec2',
    op: 'DescribeVolumes',
    pageSize: { name: 'MaxResults', max: 1000 },
    tokenParam: 'NextToken',
    page: (ids, next) => page(ids.map((id) => vol(id)), next),
    throttle: ec2Error('RequestLimitExceeded', 'Request limit exceeded.'),
    denied: ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403),
    deniedCode: 'UnauthorizedOperation',
  });
});
