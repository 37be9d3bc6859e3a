import { afterEach, describe, expect, it } from 'vitest';
import { eksCluster } from '../../../src/resources/eks-cluster.js';
import { testCollectContext, type TestCollectContext } from '../../helpers/collect-context.js';
import { pagedCollectorCases } from './collector-cases.js';
import { fakeAws, jsonError, jsonReply, ORIGINS, type FakeReply, type FakeRequest } from './fake-aws.js';

const JSON_TYPE = 'application/json';
const route = (req: Omit<FakeRequest, 'op'>) => {
  if (req.method === 'GET' && req.path === '/clusters') return 'ListClusters';
  if (req.method === 'GET' && /^\/clusters\/[^/]+$/.test(req.path)) return 'DescribeCluster';
  return undefined;
};
const listPage = (names: string[], next?: string): FakeReply => jsonReply({ clusters: names, ...(next ? { nextToken: next } : {}) }, JSON_TYPE);
const describe1 = (req: FakeRequest): FakeReply => {
  const name = decodeURIComponent(req.path.split('/')[2]);
  return jsonReply(
    {
      cluster: {
        name,
        arn: `arn:aws:eks:us-east-1:111111111111:cluster/${name}`,
        createdAt: 1735689600,
        version: '1.29',
        status: 'ACTIVE',
        platformVersion: 'eks.7',
        tags: { team: 'lab' },
      },
    },
    JSON_TYPE,
  );
};

describe('eks:cluster', () => {
  let t: TestCollectContext;
  afterEach(() => t?.dispose());

  it('describes each listed cluster exactly once and maps it', async () => {
    t = testCollectContext();
    const server = fakeAws(ORIGINS.eks, { ListClusters: () => listPage(['lab', 'old']), DescribeCluster: describe1 }, { route });
    const resources = await eksCluster.list(t.ctx);
    expect(resources[0]).toEqual({
      type: 'eks:cluster',
      id: 'lab',
      arn: 'arn:aws:eks:us-east-1:111111111111:cluster/lab',
      name: 'lab',
      accountId: '111111111111',
      region: 'us-east-1',
      createdAt: '2025-01-01T00:00:00.000Z',
      tags: { team: 'lab' },
      props: { status: 'ACTIVE', version: '1.29', platformVersion: 'eks.7' },
    });
    expect(resources.map((r) => r.id)).toEqual(['lab', 'old']);
    expect(server.calls('DescribeCluster').map((c) => c.path).sort()).toEqual(['/clusters/lab', '/clusters/old']);
    expect(t.op('eks', 'DescribeCluster').calls).toBe(2);
  });

  it('rejects when a cluster cannot be described', async () => {
    t = testCollectContext();
    fakeAws(
      ORIGINS.eks,
      { ListClusters: () => listPage(['lab']), DescribeCluster: () => jsonError('AccessDeniedException', 'not authorized', 403, JSON_TYPE) },
      { route },
    );
    await expect(eksCluster.list(t.ctx)).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });

  pagedCollectorCases({
    type: eksCluster,
    origin: ORIGINS.eks,
    service: 'eks',
    op: 'ListClusters',
    pageSize: { name: 'maxResults', max: 100 },
    tokenParam: 'nextToken',
    page: listPage,
    throttle: jsonError('ThrottlingException', 'Rate exceeded', 400, JSON_TYPE),
    denied: jsonError('AccessDeniedException', 'User is not authorized to perform: eks:ListClusters', 403, JSON_TYPE),
    deniedCode: 'AccessDeniedException',
    extra: { DescribeCluster: describe1 },
    route,
  });
});
