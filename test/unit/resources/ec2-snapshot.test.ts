import { afterEach, describe, expect, it } from 'vitest';
import { ec2Snapshot } from '../../../src/resources/ec2-snapshot.js';
import { testCollectContext, type TestCollectContext } from '../../helpers/collect-context.js';
import { pagedCollectorCases } from './collector-cases.js';
import { ec2Error, ec2Reply, ec2Tags, fakeAws, ORIGINS } from './fake-aws.js';

const snap = (id: string, inner = '<status>completed</status><volumeSize>8</volumeSize>') => `<item><snapshotId>${id}</snapshotId><ownerId>111111111111</ownerId>${inner}</item>`;
const page = (items: string[], next?: string) =>
  ec2Reply('DescribeSnapshots', `<snapshotSet>${items.join('')}</snapshotSet>${next ? `<nextToken>${next}</nextToken>` : ''}`);

describe('ec2:snapshot', () => {
  let t: TestCollectContext;
  afterEach(() => t?.dispose());

  it('asks only for the account’s own snapshots and maps one', async () => {
    t = testCollectContext();
    const server = fakeAws(ORIGINS.ec2, {
      DescribeSnapshots: () =>
        page([
          snap(
            'snap-0abc',
            `<volumeId>vol-1</volumeId><status>completed</status><startTime>2024-06-01T12:00:00.000Z</startTime><progress>100%</progress>
             <volumeSize>30</volumeSize><description>Created by CreateImage(i-1) for ami-1</description><encrypted>false</encrypted>${ec2Tags({ Name: 'backup' })}`,
          ),
        ]),
    });
    const [r] = await ec2Snapshot.list(t.ctx);
    expect(r).toEqual({
      type: 'ec2:snapshot',
      id: 'snap-0abc',
      arn: 'arn:aws:ec2:us-east-1::snapshot/snap-0abc',
      name: 'backup',
      accountId: '111111111111',
      region: 'us-east-1',
      createdAt: '2024-06-01T12:00:00.000Z',
      tags: { Name: 'backup' },
      props: {
        volumeSizeGiB: 30,
        state: 'completed',
        volumeId: 'vol-1',
        description: 'Created by CreateImage(i-1) for ami-1',
        startTime: '2024-06-01T12:00:00.000Z',
      },
    });
    const form = server.calls('DescribeSnapshots')[0].form;
    expect(form.get('Filter.1.Name')).toBe('owner-id');
    expect(form.get('Filter.1.Value.1')).toBe('111111111111');
    expect(form.get('Owner.1')).toBe('self');
  });

  pagedCollectorCases({
    type: ec2Snapshot,
    origin: ORIGINS.ec2,
    service: 'ec2',
    op: 'DescribeSnapshots',
    pageSize: { name: 'MaxResults', max: 1000 },
    tokenParam: 'NextToken',
    page: (ids, next) => page(ids.map((id) => snap(id)), next),
    throttle: ec2Error('RequestLimitExceeded', 'Request limit exceeded.'),
    denied: ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403),
    deniedCode: 'UnauthorizedOperation',
  });
});
