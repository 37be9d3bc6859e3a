import { afterEach, describe, expect, it } from 'vitest';
import { elbv2LoadBalancer } from '../../../src/resources/elbv2-load-balancer.js';
import { testCollectContext, type TestCollectContext } from '../../helpers/collect-context.js';
import { pagedCollectorCases } from './collector-cases.js';
import { fakeAws, ORIGINS, queryError, queryReply, type FakeReply, type FakeRequest } from './fake-aws.js';

const NS = 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/';
const lbArn = (name: string, kind = 'app') => `arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/${kind}/${name}/0123456789abcdef`;
const tgArn = (name: string) => `arn:aws:elasticloadbalancing:us-east-1:111111111111:targetgroup/${name}/0123456789abcdef`;

const lb = (name: string, type = 'application', kind = 'app') =>
  `<member><LoadBalancerArn>${lbArn(name, kind)}</LoadBalancerArn><DNSName>${name}-1.us-east-1.elb.amazonaws.com</DNSName>
   <CreatedTime>2025-04-01T00:00:00.000Z</CreatedTime><LoadBalancerName>${name}</LoadBalancerName><Scheme>internet-facing</Scheme>
   <VpcId>vpc-1</VpcId><State><Code>active</Code></State><Type>${type}</Type></member>`;
const lbPage = (items: string[], next?: string): FakeReply =>
  queryReply('DescribeLoadBalancers', `<LoadBalancers>${items.join('')}</LoadBalancers>${next ? `<NextMarker>${next}</NextMarker>` : ''}`, NS);
const tg = (name: string, lbArns: string[]) =>
  `<member><TargetGroupArn>${tgArn(name)}</TargetGroupArn><TargetGroupName>${name}</TargetGroupName><LoadBalancerArns>${lbArns.map((a) => `<member>${a}</member>`).join('')}</LoadBalancerArns></member>`;
const tgPage = (items: string[], next?: string): FakeReply =>
  queryReply('DescribeTargetGroups', `<TargetGroups>${items.join('')}</TargetGroups>${next ? `<NextMarker>${next}</NextMarker>` : ''}`, NS);
const health = (count: number): FakeReply =>
  queryReply(
    'DescribeTargetHealth',
    `<TargetHealthDescriptions>${Array.from({ length: count }, (_, n) => `<member><Target><Id>i-${n}</Id><Port>80</Port></Target><TargetHealth><State>healthy</State></TargetHealth></member>`).join('')}</TargetHealthDescriptions>`,
    NS,
  );
/** Answers DescribeTags with a Name tag for every ARN asked about. */
const tagsFor = (req: FakeRequest): FakeReply => {
  const arns = [...req.form.entries()].filter(([k]) => k.startsWith('ResourceArns.member.')).map(([, v]) => v);
  return queryReply(
    'DescribeTags',
    `<TagDescriptions>${arns.map((a) => `<member><ResourceArn>${a}</ResourceArn><Tags><member><Key>Name</Key><Value>tag-${a.split('/')[2]}</Value></member></Tags></member>`).join('')}</TagDescriptions>`,
    NS,
  );
};

describe('elbv2:load-balancer', () => {
  let t: TestCollectContext;
  afterEach(() => t?.dispose());

  it('counts target groups and registered targets per load balancer, checking health once per attached group', async () => {
    t = testCollectContext();
    const targetsPerGroup: Record<string, number> = { 'web-a': 2, 'web-b': 1, shared: 3 };
    const server = fakeAws(ORIGINS.elb, {
      DescribeLoadBalancers: () => lbPage([lb('web'), lb('tcp', 'network', 'net'), lb('idle')]),
      DescribeTargetGroups: () =>
        tgPage([tg('web-a', [lbArn('web')]), tg('web-b', [lbArn('web')]), tg('shared', [lbArn('web'), lbArn('tcp', 'net')]), tg('orphan', [])]),
      DescribeTargetHealth: (req) => health(targetsPerGroup[(req.form.get('TargetGroupArn') as string).split('/')[1]]),
      DescribeTags: tagsFor,
    });
    const resources = await elbv2LoadBalancer.list(t.ctx);

    expect(resources[0]).toEqual({
      type: 'elbv2:load-balancer',
      id: 'web',
      arn: lbArn('web'),
      name: 'tag-web',
      accountId: '111111111111',
      region: 'us-east-1',
      createdAt: '2025-04-01T00:00:00.000Z',
      tags: { Name: 'tag-web' },
      props: {
        lbType: 'application',
        scheme: 'internet-facing',
        state: 'active',
        dnsName: 'web-1.us-east-1.elb.amazonaws.com',
        vpcId: 'vpc-1',
        targetGroupCount: 3,
        registeredTargetCount: 6,
      },
    });
    expect(resources[1].props).toMatchObject({ lbType: 'network', targetGroupCount: 1, registeredTargetCount: 3 });
    expect(resources[2].props).toMatchObject({ targetGroupCount: 0, registeredTargetCount: 0 });

    // One listing of each kind, one DescribeTags for 3 ARNs, and health for the 3 attached groups only.
    expect(server.calls('DescribeLoadBalancers')[0].form.get('PageSize')).toBe('400');
    expect(server.calls('DescribeTargetGroups')).toHaveLength(1);
    expect(server.calls('DescribeTargetGroups')[0].form.get('PageSize')).toBe('400');
    expect(server.calls('DescribeTargetGroups')[0].form.get('LoadBalancerArn')).toBeNull();
    expect(server.calls('DescribeTags')).toHaveLength(1);
    expect(server.calls('DescribeTargetHealth').map((c) => c.form.get('TargetGroupArn')).sort()).toEqual([tgArn('shared'), tgArn('web-a'), tgArn('web-b')]);
  });

  it('reads tags in batches of 20 load balancers', async () => {
    t = testCollectContext();
    const names = Array.from({ length: 25 }, (_, n) => `lb${n}`);
    const server = fakeAws(ORIGINS.elb, {
      DescribeLoadBalancers: () => lbPage(names.map((n) => lb(n))),
      DescribeTargetGroups: () => tgPage([]),
      DescribeTags: tagsFor,
    });
    const resources = await elbv2LoadBalancer.list(t.ctx);
    expect(resources.map((r) => r.name)).toEqual(names.map((n) => `tag-${n}`));
    const batches = server.calls('DescribeTags').map((c) => [...c.form.keys()].filter((k) => k.startsWith('ResourceArns.member.')).length);
    expect(batches.sort((a, b) => a - b)).toEqual([5, 20]);
    expect(t.op('elasticloadbalancing', 'DescribeTargetHealth').calls).toBe(0);
  });

  it('follows every DescribeTargetGroups page', async () => {
    t = testCollectContext();
    const server = fakeAws(ORIGINS.elb, {
      DescribeLoadBalancers: () => lbPage([lb('web')]),
      DescribeTargetGroups: [() => tgPage([tg('a', [lbArn('web')])], 'tg-2'), () => tgPage([tg('b', [lbArn('web')])])],
      DescribeTargetHealth: () => health(1),
      DescribeTags: tagsFor,
    });
    const [r] = await elbv2LoadBalancer.list(t.ctx);
    expect(r.props).toMatchObject({ targetGroupCount: 2, registeredTargetCount: 2 });
    expect(server.calls('DescribeTargetGroups').map((c) => c.form.get('Marker'))).toEqual([null, 'tg-2']);
  });

  pagedCollectorCases({
    type: elbv2LoadBalancer,
    origin: ORIGINS.elb,
    service: 'elasticloadbalancing',
    op: 'DescribeLoadBalancers',
    pageSize: { name: 'PageSize', max: 400 },
    tokenParam: 'Marker',
    page: (ids, next) => lbPage(ids.map((id) => lb(id)), next),
    throttle: queryError('Throttling', 'Rate exceeded'),
    denied: queryError('AccessDenied', 'User is not authorized to perform: elasticloadbalancing:DescribeLoadBalancers', 403),
    deniedCode: 'AccessDenied',
    extra: { DescribeTargetGroups: () => tgPage([]), DescribeTags: tagsFor },
  });
});
