// Long-tail network types on the EC2 API: transit gateways and their attachments, Site-to-Site VPN (connections,
// virtual private gateways, customer gateways) and Dedicated Hosts.
import { afterEach, describe, expect, it } from 'vitest';
import { ec2CustomerGateway } from '../../../src/resources/ec2-customer-gateway.js';
import { ec2Host } from '../../../src/resources/ec2-host.js';
import { ec2TransitGateway } from '../../../src/resources/ec2-transit-gateway.js';
import { ec2TransitGatewayAttachment } from '../../../src/resources/ec2-transit-gateway-attachment.js';
import { ec2VpnConnection } from '../../../src/resources/ec2-vpn-connection.js';
import { ec2VpnGateway } from '../../../src/resources/ec2-vpn-gateway.js';
import { testCollectContext, type TestCollectContext } from '../../helpers/collect-context.js';
import { pagedCollectorCases } from './collector-cases.js';
import { ec2Error, ec2Reply, ec2Tags, fakeAws, ORIGINS, fastPolls } from './fake-aws.js';

let t: TestCollectContext;
fastPolls();
afterEach(() => t?.dispose());
const THROTTLE = ec2Error('RequestLimitExceeded', 'Request limit exceeded.', 503);
const DENIED = ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403);
const base = { accountId: '111111111111', region: 'us-east-1', tags: {}, props: {} };

describe('ec2:transit-gateway and ec2:transit-gateway-attachment', () => {
  const tgw = (id: string, state = 'available') =>
    `<item><transitGatewayId>${id}</transitGatewayId><transitGatewayArn>arn:aws:ec2:us-east-1:111111111111:transit-gateway/${id}</transitGatewayArn><state>${state}</state><ownerId>111111111111</ownerId><creationTime>2025-01-01T00:00:00.000Z</creationTime>${ec2Tags({ Name: 'hub' })}</item>`;
  const tgws = (ids: string[], next?: string) => ec2Reply('DescribeTransitGateways', `<transitGatewaySet>${ids.map((id) => tgw(id)).join('')}</transitGatewaySet>${next ? `<nextToken>${next}</nextToken>` : ''}`);
  const att = (id: string, type = 'vpc', state = 'available') =>
    `<item><transitGatewayAttachmentId>${id}</transitGatewayAttachmentId><transitGatewayId>tgw-1</transitGatewayId><resourceType>${type}</resourceType><resourceId>vpc-1</resourceId><resourceOwnerId>111111111111</resourceOwnerId><state>${state}</state><creationTime>2025-01-01T00:00:00.000Z</creationTime><tagSet/></item>`;
  const atts = (ids: string[], next?: string) =>
    ec2Reply('DescribeTransitGatewayAttachments', `<transitGatewayAttachments>${ids.map((id) => att(id)).join('')}</transitGatewayAttachments>${next ? `<nextToken>${next}</nextToken>` : ''}`);

  it('maps gateways and leaves deleted ones out', async () => {
    t = testCollectContext();
    fakeAws(ORIGINS.ec2, { DescribeTransitGateways: () => ec2Reply('DescribeTransitGateways', `<transitGatewaySet>${tgw('tgw-1')}${tgw('tgw-old', 'deleted')}</transitGatewaySet>`) });
    const list = await ec2TransitGateway.list(t.ctx);
    expect(list).toEqual([
      { type: 'ec2:transit-gateway', id: 'tgw-1', arn: 'arn:aws:ec2:us-east-1:111111111111:transit-gateway/tgw-1', name: 'hub', accountId: '111111111111', region: 'us-east-1', createdAt: '2025-01-01T00:00:00.000Z', tags: { Name: 'hub' }, props: { state: 'available', ownerId: '111111111111' } },
    ]);
    expect(ec2TransitGateway.dependsOn).toEqual(expect.arrayContaining(['ec2:transit-gateway-attachment', 'ec2:vpn-connection']));
    expect(ec2TransitGateway.protect?.({ ...list[0], props: { state: 'available', ownerId: '222222222222' } })).toMatch(/shared from account 222222222222/);
  });

  it('deletes a VPC attachment with the VPC call and waits until it reads deleted; VPN attachments go with their connection', async () => {
    t = testCollectContext();
    const server = fakeAws(ORIGINS.ec2, {
      DeleteTransitGatewayVpcAttachment: () => ec2Reply('DeleteTransitGatewayVpcAttachment', '<transitGatewayVpcAttachment/>'),
      DescribeTransitGatewayAttachments: [
        () => ec2Reply('DescribeTransitGatewayAttachments', `<transitGatewayAttachments>${att('tgw-attach-1', 'vpc', 'deleting')}</transitGatewayAttachments>`),
        () => ec2Reply('DescribeTransitGatewayAttachments', `<transitGatewayAttachments>${att('tgw-attach-1', 'vpc', 'deleted')}</transitGatewayAttachments>`),
      ],
    });
    const a = { ...base, type: 'ec2:transit-gateway-attachment', id: 'tgw-attach-1', props: { resourceType: 'vpc', state: 'available' } };
    expect(ec2TransitGatewayAttachment.protect?.(a)).toBeUndefined();
    await ec2TransitGatewayAttachment.remove?.(t.ctx, a);
    expect(server.calls('DeleteTransitGatewayVpcAttachment')[0].form.get('TransitGatewayAttachmentId')).toBe('tgw-attach-1');
    expect(server.calls('DescribeTransitGatewayAttachments')).toHaveLength(2);
    expect(ec2TransitGatewayAttachment.protect?.({ ...a, props: { resourceType: 'vpn', state: 'available' } })).toMatch(/VPN connection/);
  });

  pagedCollectorCases({ type: ec2TransitGateway, origin: ORIGINS.ec2, service: 'ec2', op: 'DescribeTransitGateways', pageSize: { name: 'MaxResults', max: 1000 }, tokenParam: 'NextToken', page: tgws, throttle: THROTTLE, denied: DENIED, deniedCode: 'UnauthorizedOperation' });
  pagedCollectorCases({ type: ec2TransitGatewayAttachment, origin: ORIGINS.ec2, service: 'ec2', op: 'DescribeTransitGatewayAttachments', pageSize: { name: 'MaxResults', max: 1000 }, tokenParam: 'NextToken', page: atts, throttle: THROTTLE, denied: DENIED, deniedCode: 'UnauthorizedOperation' });
});

describe('Site-to-Site VPN', () => {
  const vpn = (id: string, state = 'available') =>
    `<item><vpnConnectionId>${id}</vpnConnectionId><state>${state}</state><type>ipsec.1</type><customerGatewayId>cgw-1</customerGatewayId><vpnGatewayId>vgw-1</vpnGatewayId>${ec2Tags({ Name: 'office' })}</item>`;

  it('lists connections in one call with their gateways as references, leaving deleted ones out', async () => {
    t = testCollectContext();
    const server = fakeAws(ORIGINS.ec2, { DescribeVpnConnections: () => ec2Reply('DescribeVpnConnections', `<vpnConnectionSet>${vpn('vpn-1')}${vpn('vpn-old', 'deleted')}</vpnConnectionSet>`) });
    const list = await ec2VpnConnection.list(t.ctx);
    expect(list).toEqual([
      { type: 'ec2:vpn-connection', id: 'vpn-1', name: 'office', accountId: '111111111111', region: 'us-east-1', tags: { Name: 'office' }, props: { state: 'available', vpnType: 'ipsec.1', vpnGatewayId: 'vgw-1', transitGatewayId: undefined, customerGatewayId: 'cgw-1' } },
    ]);
    expect(server.calls('DescribeVpnConnections')).toHaveLength(1);
    expect(ec2VpnConnection.properties.customerGatewayId).toMatchObject({ ref: { to: 'ec2:customer-gateway' } });
  });

  it('deletes a connection and waits until it reads deleted', async () => {
    t = testCollectContext();
    const server = fakeAws(ORIGINS.ec2, {
      DeleteVpnConnection: () => ec2Reply('DeleteVpnConnection', '<return>true</return>'),
      DescribeVpnConnections: [() => ec2Reply('DescribeVpnConnections', `<vpnConnectionSet>${vpn('vpn-1', 'deleting')}</vpnConnectionSet>`), () => ec2Reply('DescribeVpnConnections', `<vpnConnectionSet>${vpn('vpn-1', 'deleted')}</vpnConnectionSet>`)],
    });
    await ec2VpnConnection.remove?.(t.ctx, { ...base, type: 'ec2:vpn-connection', id: 'vpn-1' });
    expect(server.requests.map((r) => r.op)).toEqual(['DeleteVpnConnection', 'DescribeVpnConnections', 'DescribeVpnConnections']);
  });

  it('detaches a virtual private gateway from its VPC, waits for the detach, then deletes it', async () => {
    t = testCollectContext();
    const vgw = (attachment: string) => () =>
      ec2Reply('DescribeVpnGateways', `<vpnGatewaySet><item><vpnGatewayId>vgw-1</vpnGatewayId><state>available</state><attachments>${attachment}</attachments><tagSet/></item></vpnGatewaySet>`);
    const server = fakeAws(ORIGINS.ec2, {
      DescribeVpnGateways: [vgw('<item><vpcId>vpc-1</vpcId><state>attached</state></item>'), vgw('<item><vpcId>vpc-1</vpcId><state>detaching</state></item>'), vgw('<item><vpcId>vpc-1</vpcId><state>detached</state></item>')],
      DetachVpnGateway: () => ec2Reply('DetachVpnGateway', '<return>true</return>'),
      DeleteVpnGateway: () => ec2Reply('DeleteVpnGateway', '<return>true</return>'),
    });
    await ec2VpnGateway.remove?.(t.ctx, { ...base, type: 'ec2:vpn-gateway', id: 'vgw-1' });
    expect(server.requests.map((r) => r.op)).toEqual(['DescribeVpnGateways', 'DetachVpnGateway', 'DescribeVpnGateways', 'DescribeVpnGateways', 'DeleteVpnGateway']);
    expect(server.calls('DetachVpnGateway')[0].form.get('VpcId')).toBe('vpc-1');
  });

  it('lists gateways with their attached VPCs and customer gateways, and deletes a customer gateway', async () => {
    t = testCollectContext();
    const server = fakeAws(ORIGINS.ec2, {
      DescribeVpnGateways: () =>
        ec2Reply('DescribeVpnGateways', `<vpnGatewaySet><item><vpnGatewayId>vgw-1</vpnGatewayId><state>available</state><attachments><item><vpcId>vpc-1</vpcId><state>attached</state></item></attachments><tagSet/></item></vpnGatewaySet>`),
      DescribeCustomerGateways: () => ec2Reply('DescribeCustomerGateways', `<customerGatewaySet><item><customerGatewayId>cgw-1</customerGatewayId><state>available</state><ipAddress>203.0.113.1</ipAddress><tagSet/></item></customerGatewaySet>`),
      DeleteCustomerGateway: () => ec2Reply('DeleteCustomerGateway', '<return>true</return>'),
    });
    const [g] = await ec2VpnGateway.list(t.ctx);
    expect(g.props).toEqual({ state: 'available', attachedVpcIds: ['vpc-1'] });
    const [c] = await ec2CustomerGateway.list(t.ctx);
    expect(c.props).toEqual({ state: 'available', ipAddress: '203.0.113.1' });
    await ec2CustomerGateway.remove?.(t.ctx, c);
    expect(server.calls('DeleteCustomerGateway')[0].form.get('CustomerGatewayId')).toBe('cgw-1');
    expect(ec2CustomerGateway.dependsOn).toContain('ec2:vpn-connection');
  });
});

describe('ec2:host', () => {
  const host = (id: string, state = 'available') =>
    `<item><hostId>${id}</hostId><state>${state}</state><allocationTime>2025-01-01T00:00:00.000Z</allocationTime><hostProperties><instanceFamily>c5</instanceFamily></hostProperties><instances><item><instanceId>i-1</instanceId></item></instances><tagSet/></item>`;
  const hosts = (ids: string[], next?: string) => ec2Reply('DescribeHosts', `<hostSet>${ids.map((id) => host(id)).join('')}</hostSet>${next ? `<nextToken>${next}</nextToken>` : ''}`);

  it('maps a host with its family and instances, leaving released hosts out, and reports a refused release', async () => {
    t = testCollectContext();
    fakeAws(ORIGINS.ec2, {
      DescribeHosts: () => ec2Reply('DescribeHosts', `<hostSet>${host('h-1')}${host('h-old', 'released')}</hostSet>`),
      ReleaseHosts: () => ec2Reply('ReleaseHosts', `<successful/><unsuccessful><item><resourceId>h-1</resourceId><error><code>Client.InvalidHost.Occupied</code><message>host has instances</message></error></item></unsuccessful>`),
    });
    const list = await ec2Host.list(t.ctx);
    expect(list.map((h) => h.id)).toEqual(['h-1']);
    expect(list[0]).toMatchObject({ createdAt: '2025-01-01T00:00:00.000Z', props: { state: 'available', instanceFamily: 'c5', instanceIds: ['i-1'] } });
    await expect(ec2Host.remove?.(t.ctx, list[0])).rejects.toThrow(/Occupied/);
  });

  pagedCollectorCases({ type: ec2Host, origin: ORIGINS.ec2, service: 'ec2', op: 'DescribeHosts', pageSize: { name: 'MaxResults', max: 500 }, tokenParam: 'NextToken', page: hosts, throttle: THROTTLE, denied: DENIED, deniedCode: 'UnauthorizedOperation' });
});
