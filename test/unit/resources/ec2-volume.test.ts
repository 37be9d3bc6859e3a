import { afterEach, describe, expect, it } from 'vitest';
import { ec2Volume } from '../../../src/resources/ec2-volume.js';
import { testCollectContext, type TestCollectContext } from '../../helpers/collect-context.js';
import { pagedCollectorCases } from './collector-cases.js';
import { ec2Error, ec2Reply, ec2Tags, fakeAws, ORIGINS } from './fake-aws.js';

const vol = (id: string, inner = '<size>8</size><status>available</status>') => `<item><volumeId>${id}</volumeId>${inner}</item>`;
const page = (items: string[], next?: string) =>
  ec2Reply('DescribeVolumes', `<volumeSet>${items.join('')}</volumeSet>${next ? `<nextToken>${next}</nextToken>` : ''}`);

describe('ec2:volume', () => {
  let t: TestCollectContext;
  afterEach(() => t?.dispose());

  it('maps an attached gp3 volume and an unattached one', async () => {
    t = testCollectContext();
    fakeAws(ORIGINS.ec2, {
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
