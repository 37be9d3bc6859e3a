import { afterEach, describe, expect, it } from 'vitest';
import { ec2NatGateway } from '../../../src/resources/ec2-nat-gateway.js';
import { testCollectContext, type TestCollectContext } from '../../helpers/collect-context.js';
import { pagedCollectorCases } from './collector-cases.js';
import { ec2Error, ec2Reply, ec2Tags, fakeAws, ORIGINS } from './fake-aws.js';

const nat = (id: string, state = 'available', inner = '') =>
  `<item><natGatewayId>${id}</natGatewayId><state>${state}</state><vpcId>vpc-1</vpcId><subnetId>subnet-1</subnetId>${inner}</item>`;
const page = (items: string[], next?: string) =>
  ec2Reply('DescribeNatGateways', `<natGatewaySet>${items.join('')}</natGatewaySet>${next ? `<nextToken>${next}</nextToken>` : ''}`);

describe('ec2:nat-gateway', () => {
  let t: TestCollectContext;
  afterEach(() => t?.dispose());

  it('maps a public NAT gateway with its primary Elastic IP, and skips deleted ones', async () => {
    t = testCollectContext();
    fakeAws(ORIGINS.ec2, {
      DescribeNatGateways: () =>
        page([
          nat(
            'nat-0123',
            'available',
            `<createTime>2025-01-02T03:04:05.000Z</createTime><connectivityType>public</connectivityType>
             <natGatewayAddressSet>
               <item><allocationId>eipalloc-sec</allocationId><publicIp>9.9.9.9</publicIp><isPrimary>false</isPrimary></item>
               <item><allocationId>eipalloc-1</allocationId><networkInterfaceId>eni-1</networkInterfaceId><privateIp>10.0.1.5</privateIp><publicIp>1.2.3.4</publicIp><isPrimary>true</isPrimary><status>succeeded</status></item>
             </natGatewayAddressSet>${ec2Tags({ Name: 'lab-nat' })}`,
          ),
          nat('nat-gone', 'deleted'),
        ]),
    });
    const resources = await ec2NatGateway.list(t.ctx);
    expect(resources).toEqual([
      {
        type: 'ec2:nat-gateway',
        id: 'nat-0123',
        arn: 'arn:aws:ec2:us-east-1:111111111111:natgateway/nat-0123',
        name: 'lab-nat',
        accountId: '111111111111',
        region: 'us-east-1',
        createdAt: '2025-01-02T03:04:05.000Z',
        tags: { Name: 'lab-nat' },
        props: { state: 'available', connectivityType: 'public', vpcId: 'vpc-1', subnetId: 'subnet-1', publicIp: '1.2.3.4', allocationId: 'eipalloc-1', networkInterfaceIds: ['eni-1'] },
      },
    ]);
  });

  it('leaves publicIp absent on a private NAT gateway', async () => {
    t = testCollectContext();
    fakeAws(ORIGINS.ec2, {
      DescribeNatGateways: () => page([nat('nat-priv', 'pending', '<connectivityType>private</connectivityType><natGatewayAddressSet><item><privateIp>10.0.1.9</privateIp></item></natGatewayAddressSet>')]),
    });
    const [r] = await ec2NatGateway.list(t.ctx);
    expect(r.props).toEqual({ state: 'pending', connectivityType: 'private', vpcId: 'vpc-1', subnetId: 'subnet-1', publicIp: undefined, allocationId: undefined, networkInterfaceIds: [] });
  });

  pagedCollectorCases({
    type: ec2NatGateway,
    origin: ORIGINS.ec2,
    service: 'ec2',
    op: 'DescribeNatGateways',
    pageSize: { name: 'MaxResults', max: 1000 },
    tokenParam: 'NextToken',
    page: (ids, next) => page(ids.map((id) => nat(id)), next),
    throttle: ec2Error('RequestLimitExceeded', 'Request limit exceeded.'),
    denied: ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403),
    deniedCode: 'UnauthorizedOperation',
  });
});
