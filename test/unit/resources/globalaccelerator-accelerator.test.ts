// Global Accelerator: a global type whose API answers only in us-west-2 (awsJson1_1, GlobalAccelerator_V20180706.*).
import { afterEach, describe, expect, it } from 'vitest';
import { operationOf } from '../../../src/aws/client-factory.js';
import { classifyFailure } from '../../../src/aws/nuke/failures.js';
import { isAboutTheResource } from '../../../src/aws/nuke/own-call.js';
import { globalacceleratorAccelerator } from '../../../src/resources/globalaccelerator-accelerator.js';
import { testCollectContext, testGlobalCollectContext, type TestCollectContext } from '../../helpers/collect-context.js';
import { param } from './collector-cases.js';
import { fakeAws, jsonError, jsonReply, type FakeReply, fastPolls } from './fake-aws.js';

const ORIGIN = 'https://globalaccelerator.us-west-2.amazonaws.com';
const arn = (id: string) => `arn:aws:globalaccelerator::111111111111:accelerator/${id}`;
/** An Accelerator as ListAccelerators returns it (awsJson: timestamps in epoch seconds). */
const accelerator = (id: string, extra: Record<string, unknown> = {}) => ({
  AcceleratorArn: arn(id),
  Name: `ga-${id}`,
  IpAddressType: 'IPV4',
  Enabled: true,
  IpSets: [{ IpFamily: 'IPv4', IpAddresses: ['198.51.100.1', '198.51.100.2'], IpAddressFamily: 'IPv4' }],
  DnsName: `a${id}.awsglobalaccelerator.com`,
  Status: 'DEPLOYED',
  CreatedTime: 1_735_689_600, // 2025-01-01T00:00:00Z
  LastModifiedTime: 1_735_689_600,
  ...extra,
});
const page = (items: unknown[], next?: string): FakeReply => jsonReply({ Accelerators: items, ...(next ? { NextToken: next } : {}) });
const EMPTY = () => page([]);

let t: TestCollectContext;
fastPolls();
afterEach(() => t?.dispose());

describe('globalaccelerator:accelerator', () => {
  it('lists both kinds in us-west-2 from a global context, and records them in region "global"', async () => {
    t = testGlobalCollectContext();
    const server = fakeAws(ORIGIN, {
      ListAccelerators: () => page([accelerator('std-1', { Enabled: false, Status: 'IN_PROGRESS' })]),
      ListCustomRoutingAccelerators: () =>
        page([{ ...accelerator('custom-1'), IpAddressType: 'DUAL_STACK', IpSets: [{ IpFamily: 'IPv4', IpAddresses: ['192.0.2.1', '192.0.2.2'] }, { IpFamily: 'IPv6', IpAddresses: ['2001:db8::1', '2001:db8::2'] }] }]),
    });
    const [std, custom] = await globalacceleratorAccelerator.list(t.ctx);

    expect(std).toEqual({
      type: 'globalaccelerator:accelerator',
      id: arn('std-1'),
      arn: arn('std-1'),
      name: 'ga-std-1',
      accountId: '111111111111',
      region: 'global',
      createdAt: '2025-01-01T00:00:00.000Z',
      tags: {},
      props: { kind: 'standard', enabled: false, status: 'IN_PROGRESS', ipAddressType: 'IPV4', staticIpCount: 2, dnsName: 'astd-1.awsglobalaccelerator.com', apiRegion: 'us-west-2' },
    });
    expect(custom).toMatchObject({ id: arn('custom-1'), region: 'global', props: { kind: 'custom-routing', enabled: true, ipAddressType: 'DUAL_STACK', staticIpCount: 4 } });
    for (const r of server.requests) {
      expect(r.headers['x-amz-target']).toBe(`GlobalAccelerator_V20180706.${r.op}`);
      expect(r.headers['content-type']).toBe('application/x-amz-json-1.1');
      expect(r.headers.authorization).toContain('/us-west-2/globalaccelerator/aws4_request');
    }
  });

  it('follows every page of both listings at 100 a page, one call per page', async () => {
    t = testGlobalCollectContext();
    const server = fakeAws(ORIGIN, {
      ListAccelerators: [() => page([accelerator('a1'), accelerator('a2')], 'token-2'), () => page([accelerator('b1')])],
      ListCustomRoutingAccelerators: [() => page([accelerator('c1')], 'token-c'), () => page([accelerator('c2')])],
    });
    const resources = await globalacceleratorAccelerator.list(t.ctx);

    expect(resources.map((r) => r.name)).toEqual(['ga-a1', 'ga-a2', 'ga-b1', 'ga-c1', 'ga-c2']);
    for (const op of ['ListAccelerators', 'ListCustomRoutingAccelerators']) {
      const calls = server.calls(op);
      expect(calls.map((c) => param(c, 'MaxResults'))).toEqual(['100', '100']);
      expect(param(calls[0], 'NextToken')).toBeUndefined();
    }
    expect(param(server.calls('ListAccelerators')[1], 'NextToken')).toBe('token-2');
    expect(param(server.calls('ListCustomRoutingAccelerators')[1], 'NextToken')).toBe('token-c');
    expect(t.op('globalaccelerator', 'ListAccelerators')).toMatchObject({ calls: 2, retries: 0, errors: 0 });
  });

  it('retries a throttled ListAccelerators and records the retry and the throttle', async () => {
    t = testGlobalCollectContext();
    fakeAws(ORIGIN, { ListAccelerators: [() => jsonError('ThrottlingException', 'Rate exceeded'), () => page([accelerator('a1')])], ListCustomRoutingAccelerators: EMPTY });
    expect(await globalacceleratorAccelerator.list(t.ctx)).toHaveLength(1);
    expect(t.op('globalaccelerator', 'ListAccelerators')).toMatchObject({ calls: 1, retries: 1, throttles: 1, errors: 0 });
  });

  it('rejects with AccessDeniedException naming the operation, so its rules are not evaluated', async () => {
    t = testGlobalCollectContext();
    fakeAws(ORIGIN, { ListAccelerators: EMPTY, ListCustomRoutingAccelerators: () => jsonError('AccessDeniedException', 'not authorized') });
    const error = await globalacceleratorAccelerator.list(t.ctx).then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ name: 'AccessDeniedException' });
    expect(operationOf(error)).toBe('globalaccelerator:ListCustomRoutingAccelerators');
  });

  it('lists nothing and calls nothing in a partition without the service', async () => {
    t = testCollectContext({ region: 'cn-north-1', resourceRegion: 'global' });
    const server = fakeAws(ORIGIN, {});
    expect(await globalacceleratorAccelerator.list(t.ctx)).toEqual([]);
    expect(server.requests).toEqual([]);
  });

  it('reads tags with ListTagsForResource, one call per accelerator', async () => {
    t = testGlobalCollectContext();
    const server = fakeAws(ORIGIN, {
      ListAccelerators: () => page([accelerator('a1')]),
      ListCustomRoutingAccelerators: EMPTY,
      ListTagsForResource: (req) => jsonReply({ Tags: [{ Key: 'owner', Value: String(req.json?.ResourceArn) }] }),
    });
    const resources = await globalacceleratorAccelerator.list(t.ctx);
    const tags = await globalacceleratorAccelerator.readTags!(t.ctx, resources);
    expect(tags.get(arn('a1'))).toEqual({ owner: arn('a1') });
    expect(server.calls('ListTagsForResource')).toHaveLength(1);
  });

  it('removes a standard accelerator: endpoint groups, listeners, disable, wait until DEPLOYED, delete', async () => {
    t = testGlobalCollectContext();
    const listener = `${arn('a1')}/listener/l-1`;
    const server = fakeAws(ORIGIN, {
      ListAccelerators: () => page([accelerator('a1')]),
      ListCustomRoutingAccelerators: EMPTY,
      ListListeners: () => jsonReply({ Listeners: [{ ListenerArn: listener, Protocol: 'TCP', PortRanges: [{ FromPort: 80, ToPort: 80 }], ClientAffinity: 'NONE' }] }),
      ListEndpointGroups: () => jsonReply({ EndpointGroups: [{ EndpointGroupArn: `${listener}/endpoint-group/eg-1`, EndpointGroupRegion: 'us-east-1', EndpointDescriptions: [] }] }),
      DeleteEndpointGroup: () => jsonReply({}),
      DeleteListener: () => jsonReply({}),
      UpdateAccelerator: () => jsonReply({ Accelerator: accelerator('a1', { Enabled: false, Status: 'IN_PROGRESS' }) }),
      DescribeAccelerator: [() => jsonReply({ Accelerator: accelerator('a1', { Enabled: false, Status: 'IN_PROGRESS' }) }), () => jsonReply({ Accelerator: accelerator('a1', { Enabled: false, Status: 'DEPLOYED' }) })],
      DeleteAccelerator: () => jsonReply({}),
    });
    const [a] = await globalacceleratorAccelerator.list(t.ctx);
    await globalacceleratorAccelerator.remove!(t.ctx, a);

    expect(server.requests.map((r) => r.op).slice(2)).toEqual(['ListListeners', 'ListEndpointGroups', 'DeleteEndpointGroup', 'DeleteListener', 'UpdateAccelerator', 'DescribeAccelerator', 'DescribeAccelerator', 'DeleteAccelerator']);
    expect(server.calls('ListListeners')[0].json).toEqual({ AcceleratorArn: arn('a1'), MaxResults: 100 });
    expect(server.calls('DeleteEndpointGroup')[0].json).toEqual({ EndpointGroupArn: `${listener}/endpoint-group/eg-1` });
    expect(server.calls('DeleteListener')[0].json).toEqual({ ListenerArn: listener });
    expect(server.calls('UpdateAccelerator')[0].json).toEqual({ AcceleratorArn: arn('a1'), Enabled: false });
    expect(server.calls('DeleteAccelerator')[0].json).toEqual({ AcceleratorArn: arn('a1') });
  });

  it('removes a custom routing accelerator through the custom routing calls', async () => {
    t = testGlobalCollectContext();
    const listener = `${arn('c1')}/listener/l-1`;
    const server = fakeAws(ORIGIN, {
      ListAccelerators: EMPTY,
      ListCustomRoutingAccelerators: () => page([accelerator('c1')]),
      ListCustomRoutingListeners: () => jsonReply({ Listeners: [{ ListenerArn: listener, PortRanges: [{ FromPort: 5000, ToPort: 10000 }] }] }),
      ListCustomRoutingEndpointGroups: () => jsonReply({ EndpointGroups: [] }),
      DeleteCustomRoutingListener: () => jsonReply({}),
      UpdateCustomRoutingAccelerator: () => jsonReply({ Accelerator: accelerator('c1', { Enabled: false }) }),
      DescribeCustomRoutingAccelerator: () => jsonReply({ Accelerator: accelerator('c1', { Enabled: false, Status: 'DEPLOYED' }) }),
      DeleteCustomRoutingAccelerator: () => jsonReply({}),
    });
    const [c] = await globalacceleratorAccelerator.list(t.ctx);
    await globalacceleratorAccelerator.remove!(t.ctx, c);
    expect(server.requests.map((r) => r.op).slice(2)).toEqual([
      'ListCustomRoutingListeners',
      'ListCustomRoutingEndpointGroups',
      'DeleteCustomRoutingListener',
      'UpdateCustomRoutingAccelerator',
      'DescribeCustomRoutingAccelerator',
      'DeleteCustomRoutingAccelerator',
    ]);
  });

  it('fails with AcceleratorNotFoundException when the accelerator is already gone (nuke counts it as gone)', async () => {
    t = testGlobalCollectContext();
    fakeAws(ORIGIN, {
      ListListeners: () => jsonError('AcceleratorNotFoundException', 'The accelerator does not exist'),
    });
    const gone = { type: 'globalaccelerator:accelerator', id: arn('x'), accountId: '111111111111', region: 'global', tags: {}, props: { kind: 'standard' } };
    const error = await globalacceleratorAccelerator.remove!(t.ctx, gone).then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ name: 'AcceleratorNotFoundException' });
    expect(classifyFailure(error).kind).toBe('gone');
    expect(isAboutTheResource(error)).toBe(true);
  });

  it('goes on past a listener or endpoint group already gone, and only the accelerator\'s own NotFound says it is gone', async () => {
    t = testGlobalCollectContext();
    const server = fakeAws(ORIGIN, {
      ListListeners: () => jsonReply({ Listeners: [{ ListenerArn: `${arn('a1')}/listener/l1` }] }),
      ListEndpointGroups: () => jsonReply({ EndpointGroups: [{ EndpointGroupArn: `${arn('a1')}/listener/l1/endpoint-group/g1` }] }),
      DeleteEndpointGroup: () => jsonError('EndpointGroupNotFoundException', 'The endpoint group does not exist'),
      DeleteListener: () => jsonError('ListenerNotFoundException', 'The listener does not exist'),
      UpdateAccelerator: () => jsonReply({ Accelerator: accelerator('a1', { Enabled: false, Status: 'IN_PROGRESS' }) }),
      DescribeAccelerator: () => jsonReply({ Accelerator: accelerator('a1', { Enabled: false, Status: 'DEPLOYED' }) }),
      DeleteAccelerator: () => jsonError('AcceleratorNotFoundException', 'The accelerator does not exist'),
    });
    const a = { type: 'globalaccelerator:accelerator', id: arn('a1'), accountId: '111111111111', region: 'global', tags: {}, props: { kind: 'standard' } };
    const error = await globalacceleratorAccelerator.remove!(t.ctx, a).then(() => undefined, (e: unknown) => e);
    expect(server.requests.map((r) => r.op)).toEqual(['ListListeners', 'ListEndpointGroups', 'DeleteEndpointGroup', 'DeleteListener', 'UpdateAccelerator', 'DescribeAccelerator', 'DeleteAccelerator']);
    expect(error).toMatchObject({ name: 'AcceleratorNotFoundException' });
    expect(isAboutTheResource(error)).toBe(true);
  });
});
