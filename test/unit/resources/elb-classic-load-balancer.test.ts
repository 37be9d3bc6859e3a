import { afterEach, describe, expect, it } from 'vitest';
import { elbClassicLoadBalancer } from '../../../src/resources/elb-classic-load-balancer.js';
import { testCollectContext, type TestCollectContext } from '../../helpers/collect-context.js';
import { pagedCollectorCases } from './collector-cases.js';
import { fakeAws, ORIGINS, queryError, queryReply, type FakeReply, type FakeRequest } from './fake-aws.js';

const NS = 'http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/';
const lb = (name: string, instances: string[] = []) =>
  `<member><LoadBalancerName>${name}</LoadBalancerName><DNSName>${name}-1.us-east-1.elb.amazonaws.com</DNSName><Scheme>internet-facing</Scheme>
   <VPCId>vpc-1</VPCId><CreatedTime>2023-07-01T00:00:00.000Z</CreatedTime>
   <Instances>${instances.map((i) => `<member><InstanceId>${i}</InstanceId></member>`).join('')}</Instances></member>`;
const page = (items: string[], next?: string): FakeReply =>
  queryReply('DescribeLoadBalancers', `<LoadBalancerDescriptions>${items.join('')}</LoadBalancerDescriptions>${next ? `<NextMarker>${next}</NextMarker>` : ''}`, NS);
const tagsFor = (req: FakeRequest): FakeReply => {
  const names = [...req.form.entries()].filter(([k]) => k.startsWith('LoadBalancerNames.member.')).map(([, v]) => v);
  return queryReply(
    'DescribeTags',
    `<TagDescriptions>${names.map((n) => `<member><LoadBalancerName>${n}</LoadBalancerName><Tags><member><Key>owner</Key><Value>lab</Value></member></Tags></member>`).join('')}</TagDescriptions>`,
    NS,
  );
};

describe('elb:classic-load-balancer', () => {
  let t: TestCollectContext;
  afterEach(() => t?.dispose());

  it('maps a classic load balancer with its registered instances and tags', async () => {
    t = testCollectContext();
    fakeAws(ORIGINS.elb, { DescribeLoadBalancers: () => page([lb('legacy', ['i-1', 'i-2']), lb('empty')]), DescribeTags: tagsFor });
    const [legacy, empty] = await elbClassicLoadBalancer.list(t.ctx);
    expect(legacy).toEqual({
      type: 'elb:classic-load-balancer',
      id: 'legacy',
      arn: 'arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/legacy',
      name: 'legacy',
      accountId: '111111111111',
      region: 'us-east-1',
      createdAt: '2023-07-01T00:00:00.000Z',
      tags: { owner: 'lab' },
      props: { scheme: 'internet-facing', dnsName: 'legacy-1.us-east-1.elb.amazonaws.com', vpcId: 'vpc-1', registeredTargetCount: 2 },
    });
    expect(empty.props.registeredTargetCount).toBe(0);
  });

  it('reads tags in batches of 20 names', async () => {
    t = testCollectContext();
    const names = Array.from({ length: 41 }, (_, n) => `clb${n}`);
    const server = fakeAws(ORIGINS.elb, { DescribeLoadBalancers: () => page(names.map((n) => lb(n))), DescribeTags: tagsFor });
    const resources = await elbClassicLoadBalancer.list(t.ctx);
    expect(resources).toHaveLength(41);
    expect(resources.every((r) => r.tags.owner === 'lab')).toBe(true);
    const batches = server.calls('DescribeTags').map((c) => [...c.form.keys()].filter((k) => k.startsWith('LoadBalancerNames.member.')).length);
    expect(batches.sort((a, b) => a - b)).toEqual([1, 20, 20]);
  });

  pagedCollectorCases({
    type: elbClassicLoadBalancer,
    origin: ORIGINS.elb,
    service: 'elasticloadbalancing',
    op: 'DescribeLoadBalancers',
    pageSize: { name: 'PageSize', max: 400 },
    tokenParam: 'Marker',
    page: (ids, next) => page(ids.map((id) => lb(id)), next),
    throttle: queryError('Throttling', 'Rate exceeded'),
    denied: queryError('AccessDenied', 'User is not authorized to perform: elasticloadbalancing:DescribeLoadBalancers', 403),
    deniedCode: 'AccessDenied',
    extra: { DescribeTags: tagsFor },
  });
});
