import { afterEach, describe, expect, it } from 'vitest';
import { route53HostedZone } from '../../../src/resources/route53-hosted-zone.js';
import { testGlobalCollectContext, type TestCollectContext } from '../../helpers/collect-context.js';
import { pagedCollectorCases } from './collector-cases.js';
import { fakeAws, ORIGINS, queryError, xmlReply, type FakeReply, type FakeRequest } from './fake-aws.js';

const NS = 'https://route53.amazonaws.com/doc/2013-04-01/';
const route = (req: Omit<FakeRequest, 'op'>) => (req.method === 'GET' && req.path === '/2013-04-01/hostedzone' ? 'ListHostedZones' : undefined);
const zone = (id: string, inner = '<Config><PrivateZone>false</PrivateZone></Config><ResourceRecordSetCount>2</ResourceRecordSetCount>') =>
  `<HostedZone><Id>/hostedzone/${id}</Id><Name>${id.toLowerCase()}.example.com.</Name><CallerReference>ref-${id}</CallerReference>${inner}</HostedZone>`;
const page = (items: string[], next?: string): FakeReply =>
  xmlReply(
    `<?xml version="1.0"?>\n<ListHostedZonesResponse xmlns="${NS}"><HostedZones>${items.join('')}</HostedZones><IsTruncated>${next ? 'true' : 'false'}</IsTruncated>${next ? `<NextMarker>${next}</NextMarker>` : ''}<MaxItems>100</MaxItems></ListHostedZonesResponse>`,
  );

describe('route53:hosted-zone', () => {
  let t: TestCollectContext;
  afterEach(() => t?.dispose());

  it('maps public and private zones as global resources', async () => {
    t = testGlobalCollectContext();
    fakeAws(
      ORIGINS.route53,
      {
        ListHostedZones: () =>
          page([
            zone('Z1PUBLIC', '<Config><Comment>lab site</Comment><PrivateZone>false</PrivateZone></Config><ResourceRecordSetCount>2</ResourceRecordSetCount>'),
            zone('Z2PRIVATE', '<Config><PrivateZone>true</PrivateZone></Config><ResourceRecordSetCount>7</ResourceRecordSetCount>'),
          ]),
      },
      { route },
    );
    const [pub, priv] = await route53HostedZone.list(t.ctx);
    expect(pub).toEqual({
      type: 'route53:hosted-zone',
      id: 'Z1PUBLIC',
      arn: 'arn:aws:route53:::hostedzone/Z1PUBLIC',
      name: 'z1public.example.com.',
      accountId: '111111111111',
      region: 'global',
      tags: {},
      props: { privateZone: false, recordCount: 2, comment: 'lab site' },
    });
    expect(priv.props).toEqual({ privateZone: true, recordCount: 7, comment: undefined });
  });

  it('reads tags (nuke) 10 zones a call: 11 zones make 2 ListTagsForResources calls', async () => {
    t = testGlobalCollectContext();
    const ids = Array.from({ length: 11 }, (_, n) => `Z${String(n + 1).padStart(2, '0')}`);
    const server = fakeAws(
      ORIGINS.route53,
      {
        ListHostedZones: () => page(ids.map((id) => zone(id))),
        ListTagsForResources: (req) => {
          const asked = [...req.body.matchAll(/<ResourceId>([^<]+)<\/ResourceId>/g)].map((m) => m[1]);
          const sets = asked
            .map((id) => {
              const tags = id === 'Z11' ? '<Tag><Key>costguard:keep</Key><Value>yes</Value></Tag>' : id === 'Z01' ? '<Tag><Key>lab</Key><Value>day1</Value></Tag>' : '';
              return `<ResourceTagSet><ResourceType>hostedzone</ResourceType><ResourceId>${id}</ResourceId><Tags>${tags}</Tags></ResourceTagSet>`;
            })
            .join('');
          return xmlReply(`<?xml version="1.0"?>\n<ListTagsForResourcesResponse xmlns="${NS}"><ResourceTagSets>${sets}</ResourceTagSets></ListTagsForResourcesResponse>`);
        },
      },
      { route: (r) => route(r) ?? (r.method === 'POST' && r.path === '/2013-04-01/tags/hostedzone' ? 'ListTagsForResources' : undefined) },
    );
    const zones = await route53HostedZone.list(t.ctx);
    expect(server.calls('ListTagsForResources')).toEqual([]);
    const tags = await route53HostedZone.readTags?.(t.ctx, zones);
    const calls = server.calls('ListTagsForResources').map((c) => [...c.body.matchAll(/<ResourceId>([^<]+)<\/ResourceId>/g)].map((m) => m[1]));
    expect(calls.map((c) => c.length).sort((a, b) => a - b)).toEqual([1, 10]);
    expect(calls.flat().sort()).toEqual(ids);
    expect(tags?.get('Z11')).toEqual({ 'costguard:keep': 'yes' });
    expect(tags?.get('Z01')).toEqual({ lab: 'day1' });
    expect(tags?.get('Z05')).toEqual({});
    expect(route53HostedZone.permissions.remove).toContain('route53:ListTagsForResources');
  });

  pagedCollectorCases({
    type: route53HostedZone,
    origin: ORIGINS.route53,
    service: 'route53',
    op: 'ListHostedZones',
    pageSize: { name: 'maxitems', max: 100 },
    tokenParam: 'marker',
    page: (ids, next) => page(ids.map((id) => zone(id)), next),
    throttle: queryError('Throttling', 'Rate exceeded', 400, NS),
    denied: queryError('AccessDenied', 'User is not authorized to perform: route53:ListHostedZones', 403, NS),
    deniedCode: 'AccessDenied',
    route,
    global: true,
  });
});
