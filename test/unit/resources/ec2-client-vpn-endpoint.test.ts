import { afterEach, describe, expect, it } from 'vitest';
import { ec2ClientVpnEndpoint } from '../../../src/resources/ec2-client-vpn-endpoint.js';
import { testCollectContext, type TestCollectContext } from '../../helpers/collect-context.js';
import { pagedCollectorCases } from './collector-cases.js';
import { ec2Error, ec2Reply, ec2Tags, fakeAws, ORIGINS } from './fake-aws.js';

const cvpn = (id: string, status = 'available', inner = '') =>
  `<item><clientVpnEndpointId>${id}</clientVpnEndpointId><status><code>${status}</code></status><vpcId>vpc-1</vpcId>${inner}</item>`;
const page = (items: string[], next?: string) =>
  ec2Reply('DescribeClientVpnEndpoints', `<clientVpnEndpoint>${items.join('')}</clientVpnEndpoint>${next ? `<nextToken>${next}</nextToken>` : ''}`);

describe('ec2:client-vpn-endpoint', () => {
  let t: TestCollectContext;
  afterEach(() => t?.dispose());

  it('maps an endpoint from the listing alone (no per-endpoint calls) and skips deleted ones', async () => {
    t = testCollectContext();
    const server = fakeAws(ORIGINS.ec2, {
      DescribeClientVpnEndpoints: () =>
        page([
          cvpn(
            'cvpn-endpoint-0abc',
            'available',
            `<description>lab vpn</description><creationTime>2025-02-03 04:05:06</creationTime><transportProtocol>udp</transportProtocol>${ec2Tags({ Name: 'vpn' })}`,
          ),
          cvpn('cvpn-endpoint-gone', 'deleted'),
        ]),
    });
    const resources = await ec2ClientVpnEndpoint.list(t.ctx);
    expect(resources).toHaveLength(1);
    expect(resources[0]).toMatchObject({
      type: 'ec2:client-vpn-endpoint',
      id: 'cvpn-endpoint-0abc',
      arn: 'arn:aws:ec2:us-east-1:111111111111:client-vpn-endpoint/cvpn-endpoint-0abc',
      name: 'vpn',
      tags: { Name: 'vpn' },
      props: { status: 'available', description: 'lab vpn', vpcId: 'vpc-1', transportProtocol: 'udp' },
    });
    expect(resources[0].createdAt).toMatch(/^2025-02-03T/);
    expect(server.requests.map((r) => r.op)).toEqual(['DescribeClientVpnEndpoints']);
  });

  pagedCollectorCases({
    type: ec2ClientVpnEndpoint,
    origin: ORIGINS.ec2,
    service: 'ec2',
    op: 'DescribeClientVpnEndpoints',
    pageSize: { name: 'MaxResults', max: 1000 },
    tokenParam: 'NextToken',
    page: (ids, next) => page(ids.map((id) => cvpn(id)), next),
    throttle: ec2Error('RequestLimitExceeded', 'Request limit exceeded.'),
    denied: ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403),
    deniedCode: 'UnauthorizedOperation',
  });
});
