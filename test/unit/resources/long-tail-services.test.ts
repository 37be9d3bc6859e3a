// Long-tail managed services: Route 53 Resolver endpoints, Amazon MQ brokers, Directory Service directories.
import { afterEach, describe, expect, it } from 'vitest';
import { dsDirectory } from '../../../src/resources/ds-directory.js';
import { mqBroker } from '../../../src/resources/mq-broker.js';
import { route53resolverEndpoint } from '../../../src/resources/route53resolver-endpoint.js';
import { testCollectContext, type TestCollectContext } from '../../helpers/collect-context.js';
import { pagedCollectorCases } from './collector-cases.js';
import { fakeAws, jsonError, jsonReply, type FakeReply, type FakeRequest, fastPolls } from './fake-aws.js';

const origin = (host: string) => `https://${host}.us-east-1.amazonaws.com`;
const THROTTLE = jsonError('ThrottlingException', 'Rate exceeded');
const base = { accountId: '111111111111', region: 'us-east-1', tags: {}, props: {} };

let t: TestCollectContext;
fastPolls();
afterEach(() => t?.dispose());

describe('route53resolver:endpoint', () => {
  const endpoint = (id: string) => ({ Id: id, Arn: `arn:aws:route53resolver:us-east-1:111111111111:resolver-endpoint/${id}`, Name: 'dns-in', Direction: 'INBOUND', IpAddressCount: 2, HostVPCId: 'vpc-1', SecurityGroupIds: ['sg-1'], Status: 'OPERATIONAL', CreationTime: '2025-01-01T00:00:00.000Z' });
  const page = (ids: string[], next?: string): FakeReply => jsonReply({ ResolverEndpoints: ids.map(endpoint), ...(next ? { NextToken: next } : {}) });

  it('maps an endpoint with its IP count, VPC and security groups, and deletes it waiting until it is gone', async () => {
    t = testCollectContext();
    const server = fakeAws(origin('route53resolver'), {
      ListResolverEndpoints: () => page(['rslvr-in-1']),
      DeleteResolverEndpoint: () => jsonReply({ ResolverEndpoint: { ...endpoint('rslvr-in-1'), Status: 'DELETING' } }),
      GetResolverEndpoint: [() => jsonReply({ ResolverEndpoint: { ...endpoint('rslvr-in-1'), Status: 'DELETING' } }), () => jsonError('ResourceNotFoundException', 'not found')],
    });
    const [e] = await route53resolverEndpoint.list(t.ctx);
    expect(e).toMatchObject({ id: 'rslvr-in-1', name: 'dns-in', createdAt: '2025-01-01T00:00:00.000Z', props: { status: 'OPERATIONAL', direction: 'INBOUND', ipAddressCount: 2, vpcId: 'vpc-1', securityGroupIds: ['sg-1'] } });
    await route53resolverEndpoint.remove?.(t.ctx, e);
    expect(server.calls('DeleteResolverEndpoint')[0].json).toEqual({ ResolverEndpointId: 'rslvr-in-1' });
    expect(server.calls('GetResolverEndpoint')).toHaveLength(2);
  });

  pagedCollectorCases({ type: route53resolverEndpoint, origin: origin('route53resolver'), service: 'route53resolver', op: 'ListResolverEndpoints', pageSize: { name: 'MaxResults', max: 100 }, tokenParam: 'NextToken', page, throttle: THROTTLE, denied: jsonError('AccessDeniedException', 'not authorized'), deniedCode: 'AccessDeniedException' });
});

describe('mq:broker', () => {
  const REST = 'application/json';
  const route = (req: Omit<FakeRequest, 'op'>) => {
    if (req.method === 'GET' && req.path === '/v1/brokers') return 'ListBrokers';
    if (req.method === 'DELETE' && req.path.startsWith('/v1/brokers/')) return 'DeleteBroker';
    if (req.method === 'GET' && req.path.startsWith('/v1/brokers/')) return 'DescribeBroker';
    return undefined;
  };
  const summary = (id: string, mode = 'SINGLE_INSTANCE') => ({ brokerId: id, brokerArn: `arn:aws:mq:us-east-1:111111111111:broker:lab:${id}`, brokerName: 'lab', brokerState: 'RUNNING', created: '2025-01-01T00:00:00.000Z', deploymentMode: mode, engineType: 'ACTIVEMQ', hostInstanceType: 'mq.t3.micro' });
  const page = (ids: string[], next?: string): FakeReply => jsonReply({ brokerSummaries: ids.map((id) => summary(id)), ...(next ? { nextToken: next } : {}) }, REST);

  it('maps brokers with the instances their deployment mode runs, and deletes one waiting until it is gone', async () => {
    t = testCollectContext();
    const server = fakeAws(
      origin('mq'),
      {
        ListBrokers: () => jsonReply({ brokerSummaries: [summary('b-1'), summary('b-2', 'ACTIVE_STANDBY_MULTI_AZ')] }, REST),
        DeleteBroker: () => jsonReply({ brokerId: 'b-1' }, REST),
        DescribeBroker: () => jsonError('NotFoundException', 'Broker b-1 not found', 404, REST),
      },
      { route },
    );
    const [single, standby] = await mqBroker.list(t.ctx);
    expect(single).toMatchObject({ id: 'b-1', name: 'lab', createdAt: '2025-01-01T00:00:00.000Z', props: { state: 'RUNNING', engineType: 'ACTIVEMQ', hostInstanceType: 'mq.t3.micro', instanceCount: 1 } });
    expect(standby.props.instanceCount).toBe(2);
    await mqBroker.remove?.(t.ctx, single);
    expect(server.calls('DeleteBroker')[0].path).toBe('/v1/brokers/b-1');
  });

  pagedCollectorCases({
    type: mqBroker,
    origin: origin('mq'),
    service: 'mq',
    op: 'ListBrokers',
    pageSize: { name: 'maxResults', max: 100 },
    tokenParam: 'nextToken',
    page,
    throttle: jsonError('TooManyRequestsException', 'Rate exceeded', 429, REST),
    denied: jsonError('ForbiddenException', 'not authorized', 403, REST),
    deniedCode: 'ForbiddenException',
    route,
  });
});

describe('ds:directory', () => {
  const dir = (id: string, extra: object = {}) => ({ DirectoryId: id, Name: 'corp.example.com', Type: 'SimpleAD', Size: 'Small', Stage: 'Active', LaunchTime: 1735689600, DesiredNumberOfDomainControllers: 2, VpcSettings: { VpcId: 'vpc-1', SubnetIds: ['s1', 's2'] }, ...extra });
  const page = (ids: string[], next?: string): FakeReply => jsonReply({ DirectoryDescriptions: ids.map((id) => dir(id)), ...(next ? { NextToken: next } : {}) });

  it('maps the price key from type and size or edition, and protects a shared directory', async () => {
    t = testCollectContext();
    fakeAws(origin('ds'), { DescribeDirectories: () => jsonReply({ DirectoryDescriptions: [dir('d-1'), dir('d-2', { Type: 'MicrosoftAD', Edition: 'Standard', Size: undefined }), dir('d-3', { Type: 'SharedMicrosoftAD' })] }) });
    const [simple, msad, shared] = await dsDirectory.list(t.ctx);
    expect(simple).toMatchObject({ id: 'd-1', createdAt: '2025-01-01T00:00:00.000Z', props: { directoryType: 'SimpleAD', priceKey: 'SimpleAD-Small', domainControllers: 2, vpcId: 'vpc-1', stage: 'Active' } });
    expect(msad.props.priceKey).toBe('MicrosoftAD-Standard');
    expect(dsDirectory.protect?.(shared)).toMatch(/shared/);
  });

  it('deletes and waits until the directory reads Deleted', async () => {
    t = testCollectContext();
    const server = fakeAws(origin('ds'), {
      DeleteDirectory: () => jsonReply({ DirectoryId: 'd-1' }),
      DescribeDirectories: [() => jsonReply({ DirectoryDescriptions: [dir('d-1', { Stage: 'Deleting' })] }), () => jsonReply({ DirectoryDescriptions: [dir('d-1', { Stage: 'Deleted' })] })],
    });
    await dsDirectory.remove?.(t.ctx, { ...base, type: 'ds:directory', id: 'd-1' });
    expect(server.requests.map((r) => r.op)).toEqual(['DeleteDirectory', 'DescribeDirectories', 'DescribeDirectories']);
  });

  pagedCollectorCases({ type: dsDirectory, origin: origin('ds'), service: 'ds', op: 'DescribeDirectories', pageSize: { name: 'Limit', max: 0 }, tokenParam: 'NextToken', page, throttle: THROTTLE, denied: jsonError('AccessDeniedException', 'not authorized'), deniedCode: 'AccessDeniedException' });
});
