import { afterEach, describe, expect, it } from 'vitest';
import { ec2VpcEndpoint } from '../../../src/resources/ec2-vpc-endpoint.js';
import { testCollectContext, type TestCollectContext } from '../../helpers/collect-context.js';
import { pagedCollectorCases } from './collector-cases.js';
import { ec2Error, ec2Reply, ec2Tags, fakeAws, ORIGINS } from './fake-aws.js';

const ep = (id: string, inner = '<vpcEndpointType>Gateway</vpcEndpointType><state>available</state>') =>
  `<item><vpcEndpointId>${id}</vpcEndpointId><vpcId>vpc-1</vpcId><ownerId>111111111111</ownerId>${inner}</item>`;
const page = (items: string[], next?: string) =>
  ec2Reply('DescribeVpcEndpoints', `<vpcEndpointSet>${items.join('')}</vpcEndpointSet>${next ? `<nextToken>${next}</nextToken>` : ''}`);

describe('ec2:vpc-endpoint', () => {
  let t: TestCollectContext;
  afterEach(() => t?.dispose());

  it('maps an interface endpoint in two AZs and a free gateway endpoint; skips deleted ones', async () => {
    t = testCollectContext();
    fakeAws(ORIGINS.ec2, {
      DescribeVpcEndpoints: () =>
        page([
          ep(
            'vpce-if',
            `<vpcEndpointType>Interface</vpcEndpointType><serviceName>com.amazonaws.us-east-1.ssm</serviceName><state>available</state>
             <subnetIdSet><item>subnet-a</item><item>subnet-b</item></subnetIdSet>
             <creationTimestamp>2025-03-01T10:00:00.000Z</creationTimestamp>${ec2Tags({ Name: 'ssm' })}`,
          ),
          ep('vpce-gw', '<vpcEndpointType>Gateway</vpcEndpointType><serviceName>com.amazonaws.us-east-1.s3</serviceName><state>available</state><subnetIdSet/>'),
          ep('vpce-old', '<vpcEndpointType>Interface</vpcEndpointType><state>deleted</state>'),
        ]),
    });
    const resources = await ec2VpcEndpoint.list(t.ctx);
    expect(resources).toHaveLength(2);
    expect(resources[0]).toEqual({
      type: 'ec2:vpc-endpoint',
      id: 'vpce-if',
      arn: 'arn:aws:ec2:us-east-1:111111111111:vpc-endpoint/vpce-if',
      name: 'ssm',
      accountId: '111111111111',
      region: 'us-east-1',
      createdAt: '2025-03-01T10:00:00.000Z',
      tags: { Name: 'ssm' },
      props: { vpcEndpointType: 'Interface', serviceName: 'com.amazonaws.us-east-1.ssm', state: 'available', vpcId: 'vpc-1', subnetCount: 2 },
    });
    expect(resources[1].props).toMatchObject({ vpcEndpointType: 'Gateway', subnetCount: 0 });
  });

  pagedCollectorCases({
    type: ec2VpcEndpoint,
    origin: ORIGINS.ec2,
    service: 'ec2',
    op: 'DescribeVpcEndpoints',
    pageSize: { name: 'MaxResults', max: 1000 },
    tokenParam: 'NextToken',
    page: (ids, next) => page(ids.map((id) => ep(id)), next),
    throttle: ec2Error('RequestLimitExceeded', 'Request limit exceeded.'),
    denied: ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403),
    deniedCode: 'UnauthorizedOperation',
  });
});
